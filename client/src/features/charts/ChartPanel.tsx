import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { IndicatorMeta, IndicatorValuesResponse } from '../../../../server/src/contract/api';
import type { ApiClient } from '../../api/client';
import { useI18n } from '../../i18n/I18n';
import { citationShownLang, LangNote } from '../../i18n/TextLang';
import { formatNumber } from '../../lib/format';
import { IndicatorSelect } from '../indicators/IndicatorSelect';
import { ChartTable } from './ChartTable';
import { barsOf, changesOf, districtOrder } from './chartData';
import { CHANGE_COLORS, changePlot, valuesPlot, yearColors } from './plots';
import { useIndicatorSeries } from './useIndicatorSeries';
import './charts.css';

export interface ChartPanelProps {
  api: ApiClient;
  indicators: IndicatorMeta[];
  meta: IndicatorMeta | undefined;
  onIndicator: (id: string) => void;
  /** The change view (map and chart), or undefined for the values by year. */
  change: 'pct' | 'abs' | undefined;
  onChange: (change: 'pct' | 'abs' | undefined) => void;
  /** The district highlighted from the map (its code), and a bar hovered here. */
  highlight: string | undefined;
  onHover: (code: string | undefined) => void;
  onDistrict: (code: string) => void;
  districtName: (code: string) => string | undefined;
}

/**
 * The nine districts as bars (loaded on demand: this module and Observable Plot are their own
 * chunk): every year of the indicator grouped and sorted by the latest, or the change between the
 * first and the last year; illustrative bars pale and hatched like the map; hover ↔ map.
 */
export default function ChartPanel(p: ChartPanelProps) {
  const { t, lang } = useI18n();
  const hatchId = `hatch-${useId().replace(/[^a-zA-Z0-9]/g, '')}`;
  const metas = useMemo(() => (p.meta ? [p.meta] : []), [p.meta]);
  const all = useIndicatorSeries(p.api, metas);
  const series: IndicatorValuesResponse[] | undefined = p.meta ? all?.get(p.meta.id) : undefined;
  // Names fixed per series and language, so a re-render (a hover) does not redraw the chart.
  // biome-ignore lint/correctness/useExhaustiveDependencies: districtName changes with the language only.
  const names = useMemo(
    () => new Map((series?.[0]?.values ?? []).map((v) => [v.district_code, p.districtName(v.district_code)])),
    [series, lang],
  );
  const name = useMemo(() => (code: string) => names.get(code) ?? code, [names]);
  const unit = p.meta?.unit[lang] ?? '';
  const canChange = (series?.length ?? 0) >= 2;
  const change = canChange ? p.change : undefined;
  const first = series?.[0];
  const last = series?.at(-1);
  const host = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(320);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setWidth(Math.max(240, Math.floor(el.clientWidth))));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const bars = useMemo(() => (series ? barsOf(series, name) : []), [series, name]);
  const changes = useMemo(
    () => (first && last && canChange ? changesOf(first, last, name, change ?? 'pct') : []),
    [first, last, canChange, name, change],
  );

  useEffect(() => {
    const el = host.current;
    if (!el || !series) return;
    const digits = change === 'pct' ? 1 : 2;
    const format = (v: number) => formatNumber(v, lang, digits);
    const common = { width, hatchId, format, unit: change === 'pct' ? '%' : unit };
    const chart = change
      ? changePlot(changes, change, common)
      : valuesPlot(
          bars,
          districtOrder(series),
          series.map((s) => (s.year === null ? '' : String(s.year))),
          common,
        );
    el.replaceChildren(chart);
    return () => chart.remove();
  }, [series, bars, changes, change, width, hatchId, unit, lang]);

  // The map's hovered district is outlined here too.
  useEffect(() => {
    for (const rect of host.current?.querySelectorAll('rect[data-code]') ?? [])
      rect.classList.toggle('highlighted', rect.getAttribute('data-code') === p.highlight);
  });

  const codeAt = (target: EventTarget | null): string | undefined =>
    target instanceof Element
      ? (target.closest('[data-code]')?.getAttribute('data-code') ?? undefined)
      : undefined;
  const illustrative = bars.some((b) => b.illustrative);
  const province = last?.province;
  return (
    <section aria-labelledby="charts-title" data-testid="chart-panel">
      <h2 id="charts-title">{t('charts.title')}</h2>
      <IndicatorSelect
        indicators={p.indicators}
        value={p.meta?.id}
        onChange={p.onIndicator}
        testId="chart-indicator"
      />
      <fieldset className="field" disabled={!canChange}>
        <legend>{t('charts.mode')}</legend>
        {([undefined, 'pct', 'abs'] as const).map((m) => (
          <label key={m ?? 'values'} className="radio">
            <input
              type="radio"
              name="chart-mode"
              data-testid={`chart-mode-${m ?? 'values'}`}
              checked={change === m}
              onChange={() => p.onChange(m)}
            />
            {t(`charts.mode.${m ?? 'values'}`)}
          </label>
        ))}
      </fieldset>
      {series && !canChange && <p className="note">{t('charts.oneYear')}</p>}
      {change && first && last && (
        <p className="note" data-testid="chart-change-note">
          {t('charts.change', { from: first.year ?? '', to: last.year ?? '' })}. {t('charts.mapFollows')}
        </p>
      )}
      {!series && <p className="note">{all ? t('charts.failed') : t('charts.loading')}</p>}
      {series && (
        <ul className="chart-key" data-testid="chart-key">
          {change
            ? (['down', 'up'] as const).map((k) => (
                <li key={k}>
                  <Key color={CHANGE_COLORS[k]} />
                  {t(`charts.key.${k}`)}
                </li>
              ))
            : series.map((s, i) => (
                <li key={s.year ?? 'now'}>
                  <Key color={yearColors(series.map((x) => String(x.year)))[i] ?? '#3182bd'} />
                  {s.year ?? t('profile.now')}
                </li>
              ))}
        </ul>
      )}
      <figure className="chart-figure">
        <div
          ref={host}
          className="chart"
          data-testid="chart"
          role="img"
          aria-label={t('charts.figure', {
            title: p.meta?.title[lang] ?? '',
            count: series?.[0]?.values.length ?? 0,
          })}
          onPointerOver={(e) => p.onHover(codeAt(e.target))}
          onPointerLeave={() => p.onHover(undefined)}
        />
        {illustrative && (
          <figcaption className="warning" data-testid="chart-illustrative">
            <span className="hatch-swatch" aria-hidden="true" /> {t('charts.hatched')}
          </figcaption>
        )}
      </figure>
      {province && last && (
        <p data-testid="chart-province">
          {t('charts.province', {
            year: last.year ?? '',
            value: `${formatNumber(province.value, lang)} ${unit}`,
          })}{' '}
          · {t(`confidence.${province.status}`)}
          <br />
          <small>
            {t('charts.source', { source: province.source })}
            <LangNote of={citationShownLang(province.source, province.source_lang)} />
          </small>
        </p>
      )}
      {series && (
        <ChartTable
          series={series}
          changes={change ? changes : undefined}
          unit={unit}
          name={name}
          onDistrict={p.onDistrict}
        />
      )}
    </section>
  );
}

function Key({ color }: { color: string }) {
  return <span className="chart-key-swatch" style={{ background: color }} aria-hidden="true" />;
}

import type { IndicatorMeta, IndicatorValuesResponse } from '../../../../server/src/contract/api';
import type { ApiClient } from '../../api/client';
import { useI18n } from '../../i18n/I18n';
import { useIndicatorSeries } from '../charts/useIndicatorSeries';
import { Citation, uniqueCitations } from '../inspect/Citation';

export interface DistrictProfileProps {
  api: ApiClient;
  indicators: IndicatorMeta[];
  /** The district's code (the choropleth's join value), or undefined to ask for one. */
  code: string | undefined;
  /** The districts to choose from: code and name in the UI language. */
  districts: { code: string; name: string }[];
  onChoose: (code: string) => void;
  onZoom: (code: string) => void;
}

interface Row {
  meta: IndicatorMeta;
  cells: {
    year: number | null;
    value: number | null;
    status: string | null;
    source: string | null;
    sourceLang: string | null;
  }[];
}

function rowsFor(
  code: string,
  metas: IndicatorMeta[],
  series: Map<string, IndicatorValuesResponse[]>,
): Row[] {
  return metas.flatMap((meta) => {
    const s = series.get(meta.id);
    if (!s) return [];
    const cells = s.map((v) => {
      const d = v.values.find((x) => x.district_code === code);
      return {
        year: v.year,
        value: d?.value ?? null,
        status: d?.status ?? null,
        source: d?.source ?? null,
        sourceLang: d?.source_lang ?? null,
      };
    });
    return [{ meta, cells }];
  });
}

/**
 * One district on one page (loaded on demand): the counts of what the map shows in it (computed
 * by the server from the current features), population, area and density, and every stored
 * indicator in each year with the growth from the first year to the last; every value with its
 * status and source. Opened from the map's details, the ranking, the chart, or a link (`profile=`).
 */
export default function DistrictProfile(p: DistrictProfileProps) {
  const { t, lang, n } = useI18n();
  const series = useIndicatorSeries(p.api, p.indicators);
  const name = p.districts.find((d) => d.code === p.code)?.name ?? p.code ?? '';
  const rows = p.code && series ? rowsFor(p.code, p.indicators, series) : [];
  const computed = rows.filter((r) => r.meta.computed);
  const stored = rows.filter((r) => !r.meta.computed);
  const sources = uniqueCitations(
    rows.flatMap((r) => r.cells.map((c) => ({ text: c.source, lang: c.sourceLang }))),
  );
  const value = (c: Row['cells'][number], unit: string) =>
    c.value === null ? t('legend.noData') : `${n(c.value)} ${unit}`;
  const mark = (status: string | null) =>
    status === 'illustrative' ? (
      <span className="tag-illustrative" data-testid="profile-illustrative">
        {' '}
        ({t('indicators.illustrativeTag')})
      </span>
    ) : null;
  const growth = (r: Row) => {
    const a = r.cells[0];
    const b = r.cells.at(-1);
    if (r.cells.length < 2 || !a || !b || a.value === null || b.value === null) return '—';
    const abs = b.value - a.value;
    const pct = a.value === 0 ? undefined : (abs / a.value) * 100;
    const sign = abs > 0 ? '+' : '';
    return `${sign}${n(abs)}${pct === undefined ? '' : ` (${sign}${n(Math.round(pct * 10) / 10)}%)`}`;
  };
  return (
    <section aria-labelledby="profile-title" data-testid="district-profile">
      <h2 id="profile-title">{p.code ? t('profile.title', { name }) : t('tab.profile')}</h2>
      <label className="field">
        <span>{t('profile.choose')}</span>
        <select
          data-testid="profile-select"
          value={p.code ?? ''}
          onChange={(e) => p.onChoose(e.target.value)}
        >
          {!p.code && <option value="">—</option>}
          {p.districts.map((d) => (
            <option key={d.code} value={d.code}>
              {d.name}
            </option>
          ))}
        </select>
      </label>
      {!p.code && <p className="note">{t('profile.none')}</p>}
      {p.code && !series && <p className="note">{t('charts.loading')}</p>}
      {p.code && series && (
        <>
          <p>
            <button type="button" onClick={() => p.code && p.onZoom(p.code)}>
              {t('profile.zoom')}
            </button>
          </p>
          <h3>{t('profile.counts')}</h3>
          <dl className="profile-counts" data-testid="profile-counts">
            {computed.map((r) => (
              <div key={r.meta.id} data-indicator={r.meta.id}>
                <dt>{r.meta.title[lang]}</dt>
                <dd>{r.cells[0] ? value(r.cells[0], r.meta.unit[lang]) : '—'}</dd>
              </div>
            ))}
          </dl>
          <h3>{t('profile.indicators')}</h3>
          <table className="ranking" data-testid="profile-indicators">
            <thead>
              <tr>
                <th scope="col">{t('profile.indicator')}</th>
                <th scope="col">{t('profile.value')}</th>
                <th scope="col" className="num">
                  {t('profile.growth')}
                </th>
              </tr>
            </thead>
            <tbody>
              {stored.map((r) => (
                <tr key={r.meta.id} data-indicator={r.meta.id}>
                  <th scope="row">{r.meta.title[lang]}</th>
                  <td>
                    {r.cells.map((c) => (
                      <div key={c.year ?? 'now'}>
                        {c.year}: {value(c, r.meta.unit[lang])}
                        {mark(c.status)}
                      </div>
                    ))}
                  </td>
                  <td className="num" data-testid="profile-growth">
                    {growth(r)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {rows.some((r) => r.cells.some((c) => c.status === 'illustrative')) && (
            <p className="warning">{t('legend.illustrative')}</p>
          )}
          <h3>{t('profile.sources')}</h3>
          <ul className="profile-sources" data-testid="profile-sources">
            {sources.map((s) => (
              <li key={s.text}>
                <Citation text={s.text} lang={s.lang} />
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

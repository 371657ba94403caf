import type { Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import type { ApiClient } from '../../api/client';
import type { Catalog } from '../../catalog/catalog';
import { useI18n } from '../../i18n/I18n';
import type { FeatureRef } from '../../lib/urlState';
import { Citation, uniqueCitations } from '../inspect/Citation';
import { useInvestorText } from '../site-card/i18n/text';
import { CompareTable } from './CompareDialog';
import { compareRows, siteName } from './compareModel';
import { useSites } from './useSites';
import './print.css';

interface Props {
  api: ApiClient;
  catalog: Catalog;
  map: MapLibreMap | null;
  refs: FeatureRef[];
  onClose: () => void;
}

/** The map as an image (the canvas read right after a frame is drawn). */
function useMapSnapshot(map: MapLibreMap | null): string | null {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    if (!map) return;
    const grab = () => {
      try {
        setSrc(map.getCanvas().toDataURL('image/png'));
      } catch {
        setSrc(null);
      }
    };
    map.once('render', grab);
    map.triggerRepaint();
    return () => void map.off('render', grab);
  }, [map]);
  return src;
}

/**
 * The printable page of one site or of the shortlist (issue 15; lazy chunk): A4, map inset,
 * legend, every value with its source and confidence, the date. On screen it covers the app;
 * printed (print.css) only it is on paper.
 */
export default function PrintView({ api, catalog, map, refs, onClose }: Props) {
  const { lang } = useI18n();
  const { t } = useInvestorText();
  const state = useSites(api, catalog, refs);
  const snapshot = useMapSnapshot(map);
  useEffect(() => {
    document.body.classList.add('printing');
    return () => document.body.classList.remove('printing');
  }, []);
  const sites = state.status === 'ready' ? state.sites : [];
  const rows = compareRows(sites, lang);
  const sources = uniqueCitations([
    ...sites.map((s) => ({ text: s.feature.properties?.source, lang: s.feature.properties?.source_lang })),
    ...rows.flatMap((r) => r.cells.map((c) => ({ text: c.source, lang: c.sourceLang }))),
  ]);
  const date = new Intl.DateTimeFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { dateStyle: 'long' }).format(
    new Date(),
  );
  return createPortal(
    <div
      className="print-root"
      data-testid="print-view"
      role="dialog"
      aria-modal="true"
      aria-labelledby="print-title"
    >
      <div className="print-toolbar">
        <button type="button" data-testid="print-print" onClick={() => window.print()}>
          {t('print.print')}
        </button>
        {/* biome-ignore lint/a11y/noAutofocus: the page's way back takes the focus. */}
        <button type="button" autoFocus data-testid="print-close" onClick={onClose}>
          {t('print.close')}
        </button>
      </div>
      <article className="print-page">
        <header>
          <p className="kicker">{t('print.title')}</p>
          <h1 id="print-title">{sites.map((s) => siteName(s, lang)).join(' · ')}</h1>
          <p data-testid="print-date">{t('print.date', { date })}</p>
        </header>
        <figure className="print-map">
          {snapshot ? <img src={snapshot} alt={t('print.mapInset')} /> : <p>{t('print.noMap')}</p>}
          <figcaption>
            <strong>{t('print.legend')}:</strong> {t('print.legendSite')}; {t('print.legendApprox')}
          </figcaption>
        </figure>
        {state.status === 'loading' ? (
          <p>{t('compare.loading')}</p>
        ) : (
          <CompareTable sites={sites} rows={rows} />
        )}
        <p className="site-note">{t('card.straightLine')}</p>
        <h2>{t('print.sources')}</h2>
        <ul className="print-sources" data-testid="print-sources">
          {sources.map((s) => (
            <li key={s.text}>
              <Citation text={s.text} lang={s.lang} />
            </li>
          ))}
        </ul>
        <footer>{t('print.footer')}</footer>
      </article>
    </div>,
    document.body,
  );
}

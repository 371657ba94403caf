import { type ReactNode, useEffect, useState } from 'react';
import { useI18n } from '../../i18n/I18n';
import { formatNumber } from '../../lib/format';
import type { MapSnapshot } from '../../map/MapView';
import { mapPng, type PngLegendRow } from './pngExport';
import { distanceLabel, niceDistance } from './scaleBar';
import './print.css';

export interface PrintLayoutProps {
  capture: () => Promise<MapSnapshot>;
  defaultTitle: string;
  /** The choropleth legend as the panel shows it, and the same as rows for the PNG. */
  legend: ReactNode;
  legendTitle: string;
  legendRows: PngLegendRow[];
  /** Titles of the layers shown. */
  layers: string[];
  illustrative: boolean;
  sources: string[];
  attribution: string;
  shareUrl: string;
  onClose: () => void;
}

type Paper = 'A4' | 'A3';

/** An iframe of the minimal read-only view (`?embed`) of the same link; the title is escaped. */
export function embedSnippet(shareUrl: string, title: string): string {
  const u = new URL(shareUrl);
  u.searchParams.delete('test');
  u.searchParams.set('embed', '');
  const src = `${u.origin}${u.pathname}?${u.searchParams.toString().replace(/=(&|$)/g, '$1')}${u.hash}`;
  const attr = (s: string) => s.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');
  return `<iframe src="${attr(src)}" title="${attr(title)}" width="800" height="600" style="border:0" loading="lazy"></iframe>`;
}
type Orientation = 'landscape' | 'portrait';

/** The @page rule of the chosen paper (a constructed sheet: the CSP allows no inline <style>). */
function usePageRule(paper: Paper, orientation: Orientation): void {
  useEffect(() => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(`@page { size: ${paper} ${orientation}; margin: 10mm; }`);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    return () => {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
    };
  }, [paper, orientation]);
}

/**
 * The print layout (its own chunk): the current view with an editable title, the map image,
 * legend, scale bar, north arrow, attribution, data sources, the illustrative warning where it
 * applies, the date and the share link, on A4/A3 portrait/landscape; printed with the browser's
 * dialog (only the sheet prints). Also exports the map with its legend as a PNG.
 */
export default function PrintLayout(p: PrintLayoutProps) {
  const { t, lang } = useI18n();
  const [title, setTitle] = useState(p.defaultTitle);
  const [paper, setPaper] = useState<Paper>('A4');
  const [orientation, setOrientation] = useState<Orientation>('landscape');
  const [snap, setSnap] = useState<MapSnapshot | undefined>(undefined);
  const [copied, setCopied] = useState(false);
  usePageRule(paper, orientation);
  // biome-ignore lint/correctness/useExhaustiveDependencies: one capture when the layout opens.
  useEffect(() => {
    void p.capture().then(setSnap);
  }, []);
  const date = new Intl.DateTimeFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { dateStyle: 'long' }).format(
    new Date(),
  );
  const scaleMeters = snap ? niceDistance(snap.metersPerPixel * snap.width * 0.25) : 0;
  const scalePct = snap && scaleMeters > 0 ? (scaleMeters / (snap.metersPerPixel * snap.width)) * 100 : 0;
  const exportPng = async () => {
    if (!snap) return;
    const blob = await mapPng(snap, {
      title,
      legendTitle: p.legendTitle,
      legend: p.legendRows,
      warning: p.illustrative ? t('legend.illustrative') : undefined,
      attribution: p.attribution,
      date,
    });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = 'lao-cai-map.png';
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  const copyLink = async () => {
    await navigator.clipboard?.writeText(p.shareUrl).catch(() => undefined);
    setCopied(true);
  };
  return (
    <div className="print-overlay" data-testid="print-layout">
      <div className="print-controls">
        <label className="field">
          <span>{t('print.titleField')}</span>
          <input data-testid="print-title-input" value={title} onChange={(e) => setTitle(e.target.value)} />
        </label>
        <label className="field">
          <span>{t('print.paper')}</span>
          <select data-testid="print-paper" value={paper} onChange={(e) => setPaper(e.target.value as Paper)}>
            <option value="A4">A4</option>
            <option value="A3">A3</option>
          </select>
        </label>
        <label className="field">
          <span>{t('print.orientation')}</span>
          <select
            data-testid="print-orientation"
            value={orientation}
            onChange={(e) => setOrientation(e.target.value as Orientation)}
          >
            <option value="landscape">{t('print.landscape')}</option>
            <option value="portrait">{t('print.portrait')}</option>
          </select>
        </label>
        <button type="button" data-testid="print-go" onClick={() => window.print()} disabled={!snap}>
          {t('print.print')}
        </button>
        <button type="button" data-testid="print-png" onClick={() => void exportPng()} disabled={!snap}>
          {t('print.png')}
        </button>
        <button type="button" data-testid="share-copy" onClick={() => void copyLink()}>
          {copied ? t('share.copied') : t('share.copy')}
        </button>
        <button type="button" data-testid="print-close" onClick={p.onClose}>
          {t('details.close')}
        </button>
      </div>
      <label className="field embed-code">
        <span>{t('share.embed')}</span>
        <textarea data-testid="share-embed" readOnly rows={2} value={embedSnippet(p.shareUrl, title)} />
      </label>
      <article className={`print-sheet ${paper} ${orientation}`} data-testid="print-sheet">
        <h1 className="print-title" data-testid="print-title">
          {title}
        </h1>
        <div className="print-body">
          <figure className="print-map">
            {snap ? (
              <img data-testid="print-map" src={snap.dataUrl} alt={t('print.mapAlt', { title })} />
            ) : (
              <p>{t('charts.loading')}</p>
            )}
            <div className="print-north" role="img" aria-label={t('print.north')} data-testid="print-north">
              <span style={{ transform: `rotate(${-(snap?.bearing ?? 0)}deg)` }} aria-hidden="true">
                ▲
              </span>
              N
            </div>
            {scaleMeters > 0 && (
              <div className="print-scale" data-testid="print-scale">
                <span className="print-scale-bar" style={{ width: `${scalePct}%` }} />
                <span className="print-scale-label">
                  {distanceLabel(scaleMeters, (n) => formatNumber(n, lang))}
                </span>
              </div>
            )}
          </figure>
          <aside className="print-legend">
            {p.legend}
            {p.layers.length > 0 && (
              <>
                <p className="legend-title">{t('print.layers')}</p>
                <ul>
                  {p.layers.map((l) => (
                    <li key={l}>{l}</li>
                  ))}
                </ul>
              </>
            )}
          </aside>
        </div>
        {p.illustrative && (
          <p className="warning" data-testid="print-illustrative">
            {t('legend.illustrative')}
          </p>
        )}
        <footer className="print-footer">
          <p data-testid="print-attribution">{p.attribution}</p>
          <p data-testid="print-sources">
            {t('print.sources')}: {p.sources.join(' · ')}
          </p>
          <p>
            {t('print.date')}: <span data-testid="print-date">{date}</span>
          </p>
          <p data-testid="print-link">
            {t('print.link')}: {p.shareUrl}
          </p>
        </footer>
      </article>
    </div>
  );
}

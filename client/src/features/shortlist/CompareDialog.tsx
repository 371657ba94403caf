import { useRef } from 'react';
import { createPortal } from 'react-dom';
import type { ApiClient } from '../../api/client';
import type { Catalog } from '../../catalog/catalog';
import { useI18n } from '../../i18n/I18n';
import { LangNote } from '../../i18n/TextLang';
import type { FeatureRef } from '../../lib/urlState';
import { useModalDialog } from '../dialog/useModalDialog';
import { Citation } from '../inspect/Citation';
import { useInvestorText } from '../site-card/i18n/text';
import { type CompareRow, compareCsv, compareRows, type Site, siteName } from './compareModel';
import { useSites } from './useSites';
import './shortlist.css';

interface Props {
  api: ApiClient;
  catalog: Catalog;
  refs: FeatureRef[];
  onClose: () => void;
}

function Row({ row, t }: { row: CompareRow; t: (k: 'compare.unknown' | 'compare.best') => string }) {
  const { t: appT } = useI18n();
  return (
    <tr data-testid={`compare-row-${row.key}`}>
      <th scope="row">{row.label}</th>
      {row.cells.map((c, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: one column per site, in shortlist order.
        <td key={i} className={row.best.has(i) ? 'best' : undefined} data-best={row.best.has(i) || undefined}>
          {c.text === null ? (
            <span className="not-published">{t('compare.unknown')}</span>
          ) : (
            <>
              {c.text}
              <LangNote of={c.textLang} />
            </>
          )}
          {row.best.has(i) && (
            <span className="best-mark">
              {' '}
              ★<span className="visually-hidden"> {t('compare.best')}</span>
            </span>
          )}
          {(c.source || c.confidence) && (
            <span className="site-prov">
              {c.source && row.group === 'fact' ? <Citation text={c.source} lang={c.sourceLang} /> : c.source}
              {c.confidence && ` · ${appT(`confidence.${c.confidence}` as 'confidence.official')}`}
            </span>
          )}
        </td>
      ))}
    </tr>
  );
}

/** Downloads the comparison as CSV (UTF-8 with BOM). */
function downloadCsv(text: string, name: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function CompareTable({ sites, rows }: { sites: Site[]; rows: CompareRow[] }) {
  const { lang } = useI18n();
  const { t } = useInvestorText();
  const groups: CompareRow['group'][] = ['identity', 'fact', 'distance'];
  return (
    <table className="compare-table" data-testid="compare-table">
      <thead>
        <tr>
          <th scope="col">{t('compare.attribute')}</th>
          {sites.map((s) => (
            <th scope="col" key={`${s.collection.id}/${s.feature.id}`} data-testid="compare-site">
              {siteName(s, lang)}
            </th>
          ))}
        </tr>
      </thead>
      {groups.map((g) => (
        <tbody key={g}>
          {g === 'distance' && rows.some((r) => r.group === g) && (
            <tr>
              <th scope="rowgroup" colSpan={sites.length + 1} className="compare-group">
                {t('compare.distancesHeading')}
              </th>
            </tr>
          )}
          {rows
            .filter((r) => r.group === g)
            .map((r) => (
              <Row key={r.key} row={r} t={t} />
            ))}
        </tbody>
      ))}
    </table>
  );
}

/** The side-by-side comparison of 2–4 shortlisted sites (lazy chunk), with the CSV export. */
export default function CompareDialog({ api, catalog, refs, onClose }: Props) {
  const { lang, t: appT } = useI18n();
  const { t } = useInvestorText();
  const ref = useRef<HTMLDialogElement>(null);
  useModalDialog(ref);
  const state = useSites(api, catalog, refs);
  const rows = state.status === 'ready' ? compareRows(state.sites, lang) : [];
  return createPortal(
    <dialog
      ref={ref}
      className="investor-dialog compare-dialog"
      aria-labelledby="compare-title"
      data-testid="compare-dialog"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <h2 id="compare-title">{t('compare.title')}</h2>
      {state.status === 'loading' && <p role="status">{t('compare.loading')}</p>}
      {state.status === 'ready' && (
        <>
          {state.missing.map((m) => (
            <p key={`${m.collection}/${m.id}`} role="alert">
              {t('shortlist.unknownSite', { ref: `${m.collection}/${m.id}` })}
            </p>
          ))}
          <div className="compare-scroll">
            <CompareTable sites={state.sites} rows={rows} />
          </div>
          <p className="site-note">{t('compare.bestNote')}</p>
          <p className="site-note">{t('card.straightLine')}</p>
        </>
      )}
      <div className="actions">
        <button
          type="button"
          data-testid="compare-csv"
          disabled={state.status !== 'ready'}
          onClick={() =>
            state.status === 'ready' &&
            downloadCsv(
              compareCsv(
                state.sites,
                rows,
                {
                  attribute: t('compare.attribute'),
                  source: t('card.source'),
                  confidence: t('card.confidence'),
                },
                lang,
                (c) => appT(`confidence.${c}` as 'confidence.official'),
              ),
              'lao-cai-sites.csv',
            )
          }
        >
          {t('shortlist.csv')}
        </button>
        {/* biome-ignore lint/a11y/noAutofocus: the dialog's safe choice takes the focus. */}
        <button type="button" autoFocus data-testid="compare-close" onClick={onClose}>
          {t('compare.close')}
        </button>
      </div>
    </dialog>,
    document.body,
  );
}

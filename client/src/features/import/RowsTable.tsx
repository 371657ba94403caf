import { useState } from 'react';
import { formatNumber } from '../../lib/format';
import { useImportText } from './i18n/useImportText';
import type { ImportFeaturePage } from './importApi';

const PAGE = 50;
type Row = ImportFeaturePage['features'][number];

interface Props {
  rows: Row[];
  /** Rows with a location in the file (the table shows at most those fetched). */
  total: number;
  rowName: (row: Row) => string;
  excluded: ReadonlySet<number>;
  onExclude: (row: number, exclude: boolean) => void;
}

/**
 * The rows as they would be written: valid or not, placed approximately (at a district seat,
 * with its uncertainty — never shown as exact), repeating a feature; valid rows can be left out.
 */
export function RowsTable({ rows, total, rowName, excluded, onExclude }: Props) {
  const { t, lang } = useImportText();
  const [shown, setShown] = useState(PAGE);
  if (rows.length === 0) return null;
  return (
    <section className="import-section" data-testid="import-rows">
      <h3>{t('rows.title', { count: formatNumber(total, lang) })}</h3>
      <div className="import-table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('problems.row')}</th>
              <th scope="col">{t('rows.name')}</th>
              <th scope="col">{t('rows.state')}</th>
              <th scope="col">{t('rows.exclude')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, shown).map((f) => {
              const i = f.import;
              const notes = [
                i.valid ? t('rows.valid') : t('rows.invalid', { count: i.problems }),
                ...(i.approximate
                  ? [
                      t('rows.approximate', {
                        seat: i.approximate.seat,
                        km: formatNumber(i.approximate.uncertaintyKm, lang, 1),
                      }),
                    ]
                  : []),
                ...(i.duplicates.length > 0
                  ? [t('rows.duplicateOf', { ids: i.duplicates.map((d) => `#${d}`).join(', ') })]
                  : []),
                ...(i.duplicateOf !== null ? [t('rows.repeatsRow', { row: i.duplicateOf })] : []),
              ];
              return (
                <tr
                  key={i.row}
                  data-testid="import-row"
                  data-row={i.row}
                  data-valid={i.valid}
                  data-approximate={i.approximate !== null}
                  className={i.valid ? undefined : 'invalid'}
                >
                  <td>{formatNumber(i.row, lang, 0)}</td>
                  <td>{rowName(f)}</td>
                  <td>{notes.join(' · ')}</td>
                  <td>
                    {i.valid && (
                      <input
                        type="checkbox"
                        aria-label={t('rows.excludeRow', { row: i.row })}
                        checked={excluded.has(i.row)}
                        data-testid="import-exclude"
                        onChange={(e) => onExclude(i.row, e.target.checked)}
                      />
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {shown < rows.length && (
        <button type="button" onClick={() => setShown(shown + PAGE)}>
          {t('table.more')}
        </button>
      )}
    </section>
  );
}

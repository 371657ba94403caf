import { useState } from 'react';
import type { ImportRowProblem } from '../../../../server/src/contract/imports';
import { formatNumber } from '../../lib/format';
import { useImportText } from './i18n/useImportText';

const PAGE = 50;

/**
 * The invalid rows: row number (as in the spreadsheet, header = 1), the column or field, and the
 * server's message in the UI language, as text.
 */
export function ProblemsTable({ problems, total }: { problems: ImportRowProblem[]; total: number }) {
  const { t, lang } = useImportText();
  const [shown, setShown] = useState(PAGE);
  if (total === 0) return null;
  return (
    <section className="import-section" data-testid="import-problems">
      <h3>{t('problems.title', { count: formatNumber(total, lang) })}</h3>
      <div className="import-table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('problems.row')}</th>
              <th scope="col">{t('problems.field')}</th>
              <th scope="col">{t('problems.message')}</th>
            </tr>
          </thead>
          <tbody>
            {problems.slice(0, shown).map((p) => (
              <tr key={`${p.row}:${p.field}:${p.code}`} data-testid="import-problem" data-row={p.row}>
                <td>{formatNumber(p.row, lang, 0)}</td>
                <td>{p.column ?? p.field}</td>
                <td>{p.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {shown < problems.length && (
        <button type="button" onClick={() => setShown(shown + PAGE)}>
          {t('table.more')}
        </button>
      )}
      {problems.length < total && (
        <p className="import-hint">
          {t('problems.firstOnly', {
            shown: formatNumber(problems.length, lang),
            total: formatNumber(total, lang),
          })}
        </p>
      )}
    </section>
  );
}

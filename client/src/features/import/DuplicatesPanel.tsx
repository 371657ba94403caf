import { formatNumber } from '../../lib/format';
import { useImportText } from './i18n/useImportText';
import type { FeaturePreview } from './importApi';

export type DuplicatePolicy = 'skip' | 'create' | 'update';
const POLICIES: readonly DuplicatePolicy[] = ['skip', 'create', 'update'];

interface Props {
  preview: FeaturePreview;
  /** Row number → the name the row would get. */
  rowName: (row: number) => string;
  policy: DuplicatePolicy;
  onPolicy: (policy: DuplicatePolicy) => void;
}

/**
 * Rows that probably repeat existing features: which feature, why (same name in the district,
 * or within 100 m), unchanged / changed / ambiguous; and what a commit does with them.
 */
export function DuplicatesPanel({ preview, rowName, policy, onPolicy }: Props) {
  const { t, lang } = useImportText();
  const items = preview.duplicates.items;
  if (preview.duplicates.numberMatched === 0) return null;
  return (
    <section className="import-section" data-testid="import-duplicates">
      <h3>{t('duplicates.title', { count: formatNumber(preview.duplicates.numberMatched, lang) })}</h3>
      <div className="import-table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('problems.row')}</th>
              <th scope="col">{t('duplicates.inFile')}</th>
              <th scope="col">{t('duplicates.existing')}</th>
              <th scope="col">{t('duplicates.status')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((d) => (
              <tr key={d.row} data-testid="import-duplicate" data-row={d.row} data-status={d.status}>
                <td>{formatNumber(d.row, lang, 0)}</td>
                <td>{rowName(d.row)}</td>
                <td>
                  {d.matches.map((m) => (
                    <span key={m.id} className="import-match">
                      {`${m.name ?? `#${m.id}`} (#${m.id}; ${m.reasons
                        .map((r) =>
                          r === 'distance'
                            ? t('duplicates.near', { m: formatNumber(m.distanceM, lang, 0) })
                            : t('duplicates.sameName'),
                        )
                        .join(', ')})`}
                    </span>
                  ))}
                </td>
                <td>{t(`duplicates.${d.status}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <fieldset className="import-policy">
        <legend>{t('duplicates.policy')}</legend>
        {POLICIES.map((p) => (
          <label key={p}>
            <input
              type="radio"
              name="import-duplicates"
              value={p}
              checked={policy === p}
              data-testid={`import-policy-${p}`}
              onChange={() => onPolicy(p)}
            />
            {t(`duplicates.policy.${p}`)}
          </label>
        ))}
      </fieldset>
    </section>
  );
}

import { formatNumber } from '../../lib/format';
import { useImportText } from './i18n/useImportText';
import type { FeaturePreview } from './importApi';

/** Rows read, valid and invalid, new, likely duplicates and approximate placements, as a list of figures. */
export function PreviewSummary({ preview }: { preview: FeaturePreview }) {
  const { t, lang } = useImportText();
  const s = preview.summary;
  if (!s) return null;
  const rows: [string, number, string][] = [
    [t('summary.rowsRead'), s.rowsRead, 'read'],
    [t('summary.valid'), s.valid, 'valid'],
    [t('summary.invalid'), s.invalid, 'invalid'],
    [t('summary.new'), s.new, 'new'],
    [t('summary.duplicates'), s.duplicates, 'duplicates'],
    [t('summary.approximate'), s.approximate, 'approximate'],
  ];
  return (
    <div>
      <p className="import-file">
        {t('summary.file', { name: preview.fileName, format: preview.format.toUpperCase() })}
      </p>
      <dl className="import-summary" data-testid="import-summary">
        {rows.map(([label, value, key]) => (
          <div key={key} className={`import-figure ${key}`} data-testid={`import-summary-${key}`}>
            <dt>{label}</dt>
            <dd>{formatNumber(value, lang, 0)}</dd>
          </div>
        ))}
      </dl>
      {preview.notes.map((note) => (
        <p key={note} className="import-hint">
          {t('summary.note', { note })}
        </p>
      ))}
    </div>
  );
}

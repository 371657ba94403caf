import { formatNumber } from '../../lib/format';
import { useImportText } from './i18n/useImportText';
import type { ImportPreview } from './importApi';

/** The server reading a file: which phase, and a bar of rows done out of the total when known. */
export function ImportProgress({ preview }: { preview: ImportPreview | null }) {
  const { t, lang } = useImportText();
  const p = preview?.progress;
  const phase = p ? t(`progress.${p.phase}`) : t('progress.uploading');
  const known = p !== undefined && p.total > 0;
  return (
    <div className="import-progress" role="status" data-testid="import-progress">
      <p>
        {phase}
        {known &&
          ` — ${t('progress.rows', { done: formatNumber(p.done, lang), total: formatNumber(p.total, lang) })}`}
      </p>
      {known ? <progress max={p.total} value={p.done} aria-label={phase} /> : <progress aria-label={phase} />}
    </div>
  );
}

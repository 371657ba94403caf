import { useImportText } from './i18n/useImportText';
import type { ImportPreview } from './importApi';

type Choice = 'utf-8' | 'windows-1258' | 'tcvn3';
const CHOICES: readonly Choice[] = ['utf-8', 'windows-1258', 'tcvn3'];

interface Props {
  preview: ImportPreview;
  /** A few names as read now, so the user sees whether the letters are right. */
  samples: string[];
  busy: boolean;
  onChoose: (encoding: Choice) => void;
}

/**
 * When the server could not tell the file's encoding for sure, ask: which reading is right
 * (the one used now, and the alternatives), with names as read now. Also shown after a manual
 * choice, so the user can change it again.
 */
export function EncodingQuestion({ preview, samples, busy, onChoose }: Props) {
  const { t } = useImportText();
  const e = preview.encoding;
  if (!e || (e.confident && e.detected)) return null;
  const offered = CHOICES.filter((c) => c === e.used || e.alternatives.includes(c) || !e.detected);
  return (
    <fieldset className="import-encoding" data-testid="import-encoding">
      <legend>{e.detected ? t('encoding.unsure') : t('encoding.chosen')}</legend>
      <p>{t('encoding.used', { name: t(`encoding.${e.used}`) })}</p>
      {samples.length > 0 && (
        <ul className="import-samples" data-testid="import-encoding-samples">
          {samples.map((s, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: samples may repeat
            <li key={i}>{s}</li>
          ))}
        </ul>
      )}
      <div className="import-choices">
        {offered.map((c) => (
          <button
            key={c}
            type="button"
            disabled={busy || c === e.used}
            aria-pressed={c === e.used}
            data-testid={`import-encoding-${c}`}
            onClick={() => onChoose(c)}
          >
            {t(`encoding.${c}`)}
          </button>
        ))}
      </div>
    </fieldset>
  );
}

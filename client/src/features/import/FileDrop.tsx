import { type DragEvent, useId, useState } from 'react';
import { useImportText } from './i18n/useImportText';
import { acceptList, mediaTypeFor } from './mediaType';

interface Props {
  /** File endings this import reads. */
  extensions: readonly string[];
  disabled?: boolean;
  testId: string;
  onFile: (file: File, mediaType: string) => void;
}

/** "Choose a file" or drop one here; a file of another kind is refused here, saying which kinds work. */
export function FileDrop({ extensions, disabled, testId, onFile }: Props) {
  const { t } = useImportText();
  const inputId = useId();
  const [over, setOver] = useState(false);
  const [refused, setRefused] = useState<string | null>(null);
  const kinds = extensions.map((e) => `.${e}`).join(', ');
  const take = (file: File | undefined) => {
    if (!file) return;
    const type = mediaTypeFor(file.name, extensions);
    if (!type) {
      setRefused(file.name);
      return;
    }
    setRefused(null);
    onFile(file, type);
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    if (!disabled) take(e.dataTransfer.files[0]);
  };
  return (
    // Dropping is for pointer users; the file input inside is the keyboard's (and screen reader's) way.
    // biome-ignore lint/a11y/noStaticElementInteractions: see above
    <div
      className={`import-drop${over ? ' over' : ''}`}
      data-testid={`${testId}-drop`}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <label htmlFor={inputId} className="import-drop-label">
        {t('file.choose')}
      </label>
      <input
        id={inputId}
        type="file"
        accept={acceptList(extensions)}
        disabled={disabled}
        data-testid={`${testId}-file`}
        onChange={(e) => {
          take(e.target.files?.[0]);
          e.target.value = '';
        }}
      />
      <p className="import-hint">{t('file.dropHint', { kinds })}</p>
      {refused !== null && (
        <p className="import-error" role="alert">
          {t('file.refused', { name: refused, kinds })}
        </p>
      )}
    </div>
  );
}

import { useState } from 'react';
import { useEditText } from './i18n/useEditText';

interface Props {
  label: string;
  /** The question shown before acting (plain text). */
  question: string;
  disabled?: boolean;
  testId: string;
  onConfirm: () => void;
}

/** A button that asks first: click → the question with "Confirm" / "Cancel" inline. */
export function ConfirmButton({ label, question, disabled, testId, onConfirm }: Props) {
  const { t } = useEditText();
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" disabled={disabled} onClick={() => setAsking(true)} data-testid={testId}>
        {label}
      </button>
    );
  }
  return (
    <fieldset className="confirm" data-testid={`${testId}-confirm`}>
      <legend>{question}</legend>
      <button
        type="button"
        disabled={disabled}
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
        data-testid={`${testId}-yes`}
      >
        {t('editor.confirm')}
      </button>
      <button type="button" onClick={() => setAsking(false)} data-testid={`${testId}-no`}>
        {t('conflict.cancel')}
      </button>
    </fieldset>
  );
}

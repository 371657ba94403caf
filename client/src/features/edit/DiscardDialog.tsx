import { useId, useRef } from 'react';
import { createPortal } from 'react-dom';
import { useI18n } from '../../i18n/I18n';
import { useModalDialog } from '../dialog/useModalDialog';

interface Props {
  /** Keep the draft: the action that asked is dropped (also Esc). */
  onKeep: () => void;
  /** Throw the unsaved changes away and go on with the action that asked. */
  onDiscard: () => void;
}

/**
 * "Discard unsaved changes?" as a modal dialog (focus starts on "Keep editing", Esc keeps).
 * Rendered into document.body, so it shows even while the editor's tab is hidden. Small and
 * string-free beyond the app's own messages: the host (leave edit mode) uses it as well.
 */
export function DiscardDialog({ onKeep, onDiscard }: Props) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const bodyId = useId();
  useModalDialog(ref);
  return createPortal(
    <dialog
      ref={ref}
      className="edit-dialog discard-dialog"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      data-testid="discard-dialog"
      onCancel={(e) => {
        e.preventDefault();
        onKeep();
      }}
    >
      <h2 id={titleId}>{t('discard.title')}</h2>
      <p id={bodyId}>{t('discard.body')}</p>
      <div className="actions">
        {/* biome-ignore lint/a11y/noAutofocus: a modal dialog's safe choice takes the focus. */}
        <button type="button" autoFocus onClick={onKeep} data-testid="discard-keep">
          {t('discard.keep')}
        </button>
        <button type="button" onClick={onDiscard} data-testid="discard-confirm">
          {t('discard.confirm')}
        </button>
      </div>
    </dialog>,
    document.body,
  );
}

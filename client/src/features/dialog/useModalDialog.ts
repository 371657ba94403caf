import { type RefObject, useEffect } from 'react';

/**
 * Opens a <dialog> as modal on mount and closes it on unmount, returning the focus to the element
 * that had it before (the button that opened the dialog), when that element is still on the page.
 * The dialog is unmounted by React before its cleanup runs, so the browser's own focus return
 * does not happen; this restores it.
 */
export function useModalDialog(ref: RefObject<HTMLDialogElement | null>): void {
  useEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      dialog?.close();
      if (opener?.isConnected) opener.focus();
    };
  }, [ref]);
}

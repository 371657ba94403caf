import { type RefObject, useEffect } from 'react';

/**
 * After each refused save (`seq` bumped), scrolls to and focuses the first marked place in the form,
 * in document order: a box of location or other errors, or an input with `aria-invalid`. A marked
 * list of inputs (fieldset) gives the focus to its first input.
 */
export function useFocusFirstInvalid(form: RefObject<HTMLFormElement | null>, seq: number): void {
  useEffect(() => {
    if (seq === 0) return;
    const first = form.current?.querySelector<HTMLElement>('[data-invalid-target], [aria-invalid="true"]');
    if (!first) return;
    const target =
      first.tagName === 'FIELDSET' ? (first.querySelector<HTMLElement>('input, button') ?? first) : first;
    target.scrollIntoView({ block: 'center' });
    target.focus({ preventScroll: true });
  }, [form, seq]);
}

import { useCallback, useEffect, useRef, useState } from 'react';

interface Pending {
  discard: () => void;
  keep?: () => void;
}

export interface DiscardGuard {
  /** An action waits for the user's answer (show `DiscardDialog`). */
  asking: boolean;
  /** Runs `action` at once when nothing is unsaved, else asks first; `onKeep` runs on "keep". */
  guard: (action: () => void, onKeep?: () => void) => void;
  keep: () => void;
  discard: () => void;
}

/**
 * Guards actions that would throw a draft away: while `dirty`, they wait for "Discard unsaved
 * changes?". Also warns on page unload (`beforeunload`) while `dirty`.
 */
export function useDiscardGuard(dirty: boolean): DiscardGuard {
  const pending = useRef<Pending | null>(null);
  const [asking, setAsking] = useState(false);
  const dirtyRef = useRef(dirty);
  dirtyRef.current = dirty;

  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      // Older browsers show the prompt only when returnValue is set.
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const guard = useCallback((action: () => void, onKeep?: () => void) => {
    if (!dirtyRef.current) {
      action();
      return;
    }
    pending.current = { discard: action, keep: onKeep };
    setAsking(true);
  }, []);
  const answer = useCallback((choice: 'keep' | 'discard') => {
    const p = pending.current;
    pending.current = null;
    setAsking(false);
    if (choice === 'discard') p?.discard();
    else p?.keep?.();
  }, []);
  const keep = useCallback(() => answer('keep'), [answer]);
  const discard = useCallback(() => answer('discard'), [answer]);
  return { asking, guard, keep, discard };
}

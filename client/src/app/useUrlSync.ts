import { type Dispatch, useEffect } from 'react';
import { decodeUrlState, encodeUrlState } from '../lib/urlState';
import { type Action, type AppState, toUrlState } from './state';

/**
 * Keeps the URL hash equal to the shareable state (replaceState: no history spam), and restores
 * the state when the hash is changed from outside (a pasted link, back/forward).
 */
export function useUrlSync(state: AppState, dispatch: Dispatch<Action>): void {
  const hash = encodeUrlState(toUrlState(state));
  useEffect(() => {
    if (window.location.hash === hash) return;
    const { pathname, search } = window.location;
    window.history.replaceState(window.history.state, '', `${pathname}${search}${hash}`);
  }, [hash]);

  useEffect(() => {
    const onHashChange = (): void => {
      const next = decodeUrlState(window.location.hash);
      dispatch({ type: 'restore', state: next });
      if (next.view) {
        dispatch({
          type: 'moveTo',
          request: { kind: 'fly', center: [next.view.lon, next.view.lat], zoom: next.view.zoom },
        });
      }
    };
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, [dispatch]);
}

import { type Dispatch, useEffect } from 'react';
import type { Lang } from '../lib/format';
import { decodeUrlState, encodeUrlState, type LinkSchema } from '../lib/urlState';
import { type Action, type AppState, toUrlState } from './state';

/**
 * Keeps the URL hash equal to the shareable state and the UI language (replaceState: no history
 * spam), and restores both when the hash is changed from outside (a pasted link, back/forward).
 */
export function useUrlSync(
  state: AppState,
  dispatch: Dispatch<Action>,
  lang: Lang,
  setLang: (lang: Lang) => void,
  link: LinkSchema,
): void {
  const hash = encodeUrlState({ ...toUrlState(state), lang }, link);
  useEffect(() => {
    if (window.location.hash === hash) return;
    const { pathname, search } = window.location;
    window.history.replaceState(window.history.state, '', `${pathname}${search}${hash}`);
  }, [hash]);

  useEffect(() => {
    const onHashChange = (): void => {
      const next = decodeUrlState(window.location.hash, link);
      dispatch({ type: 'restore', state: next });
      if (next.lang) setLang(next.lang);
      if (next.view) {
        dispatch({
          type: 'moveTo',
          request: { kind: 'fly', center: [next.view.lon, next.view.lat], zoom: next.view.zoom },
        });
      }
    };
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, [dispatch, setLang, link]);
}

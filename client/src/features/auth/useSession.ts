import { useCallback, useEffect, useState } from 'react';
import type { ApiClient, SessionUser } from '../../api/client';

export interface Session {
  /** `loading` until the first "who am I" answer (or its failure, which counts as anonymous). */
  status: 'loading' | 'ready';
  user: SessionUser | null;
  /** Resolves when signed in; rejects with the ApiError (401, 429 …) for the dialog to show. */
  login: (username: string, password: string) => Promise<void>;
  logout: () => Promise<void>;
  /** Call after a write answered 401 (the session expired): shows the login entry again. */
  expired: () => void;
}

/** The staff session: asks the server who is signed in, and logs in and out. */
export function useSession(api: ApiClient): Session {
  const [status, setStatus] = useState<Session['status']>('loading');
  const [user, setUser] = useState<SessionUser | null>(null);

  useEffect(() => {
    const ctrl = new AbortController();
    api
      .me(ctrl.signal)
      .then((u) => setUser(u))
      .catch(() => {
        if (!ctrl.signal.aborted) setUser(null);
      })
      .finally(() => {
        if (!ctrl.signal.aborted) setStatus('ready');
      });
    return () => ctrl.abort();
  }, [api]);

  const login = useCallback(
    async (username: string, password: string) => {
      setUser(await api.login(username, password));
    },
    [api],
  );
  const logout = useCallback(async () => {
    try {
      await api.logout();
    } finally {
      setUser(null);
    }
  }, [api]);
  const expired = useCallback(() => setUser(null), []);
  return { status, user, login, logout, expired };
}

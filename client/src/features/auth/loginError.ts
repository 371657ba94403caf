import { ApiError } from '../../api/ApiError';
import { messageKeyFor } from '../../api/problemMessage';
import type { AuthKey } from './i18n/useAuthText';

/** Minutes shown when a 429 carries no usable Retry-After (the server's window is 15 min). */
const DEFAULT_WAIT_MINUTES = 15;

/** The message key and parameters for a failed login (wrong credentials, too many tries, network, other). */
export function loginErrorMessage(err: unknown): { key: AuthKey; params?: Record<string, number> } {
  const key = messageKeyFor<AuthKey>(err, {
    byCode: {
      InvalidCredentials: 'auth.error.invalid',
      TooManyRequests: 'auth.error.tooMany',
      NetworkError: 'auth.error.network',
    },
    byStatus: { 401: 'auth.error.invalid', 429: 'auth.error.tooMany' },
    fallback: 'auth.error.generic',
  });
  if (key === 'auth.error.tooMany') {
    const seconds = err instanceof ApiError ? err.retryAfterSeconds : undefined;
    const minutes = seconds === undefined ? DEFAULT_WAIT_MINUTES : Math.max(1, Math.ceil(seconds / 60));
    return { key, params: { minutes } };
  }
  if (key === 'auth.error.generic')
    return { key, params: { status: err instanceof ApiError ? err.status : 0 } };
  return { key };
}

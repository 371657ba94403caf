import { ApiError } from '../../api/ApiError';
import { WriteError } from '../../api/writes';
import type { AuthKey } from './i18n/useAuthText';

/** Minutes shown when a 429 carries no usable Retry-After (the server's window is 15 min). */
const DEFAULT_WAIT_MINUTES = 15;

/** The message key and parameters for a failed login (401, 429 with Retry-After, network, other). */
export function loginErrorMessage(err: unknown): { key: AuthKey; params?: Record<string, number> } {
  if (!(err instanceof ApiError)) return { key: 'auth.error.generic', params: { status: 0 } };
  if (err.status === 401) return { key: 'auth.error.invalid' };
  if (err.status === 429) {
    const seconds = err instanceof WriteError ? err.retryAfterSeconds : undefined;
    const minutes = seconds === undefined ? DEFAULT_WAIT_MINUTES : Math.max(1, Math.ceil(seconds / 60));
    return { key: 'auth.error.tooMany', params: { minutes } };
  }
  if (err.status === 0) return { key: 'auth.error.network' };
  return { key: 'auth.error.generic', params: { status: err.status } };
}

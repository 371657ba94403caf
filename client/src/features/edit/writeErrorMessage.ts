import { ApiError } from '../../api/ApiError';
import type { EditKey } from './i18n/useEditText';

/** The message key for a failed write (status-specific, else generic with status and detail). */
export function writeErrorMessage(err: unknown): { key: EditKey; params?: Record<string, string | number> } {
  if (!(err instanceof ApiError))
    return { key: 'editor.error.generic', params: { status: 0, detail: String(err) } };
  switch (err.status) {
    case 0:
      return { key: 'editor.error.network' };
    case 401:
    case 403:
    case 404:
    case 413:
    case 422:
    case 428:
      return { key: `editor.error.${err.status}` };
    default:
      return { key: 'editor.error.generic', params: { status: err.status, detail: err.detail } };
  }
}

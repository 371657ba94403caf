import { ApiError } from '../../api/ApiError';
import { messageKeyFor } from '../../api/problemMessage';
import type { ImportKey } from './i18n/useImportText';

type Translate = (key: ImportKey, params?: Record<string, string | number>) => string;

/**
 * A failed import call in the UI language: our own words for the usual statuses; for a refused
 * file the server's own sentence (sent in the language asked with `lang`), which names the problem.
 */
export function importErrorText(err: unknown, t: Translate): string {
  const key = messageKeyFor<ImportKey | 'server'>(err, {
    byCode: {
      NetworkError: 'error.network',
      Unauthorized: 'error.401',
      Forbidden: 'error.403',
      NotFound: 'error.404',
      ServerBusy: 'error.busy',
    },
    byStatus: { 401: 'error.401', 403: 'error.403', 404: 'error.404', 429: 'error.busy', 503: 'error.busy' },
    fallback: 'server',
  });
  if (key !== 'server') return t(key);
  if (!(err instanceof ApiError)) return t('error.generic', { status: 0, detail: String(err) });
  const first = err.fieldErrors[0];
  const detail = first && first.field === '(file)' ? first.message : err.detail;
  return t('error.generic', { status: err.status, detail });
}

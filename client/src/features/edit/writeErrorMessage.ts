import { ApiError } from '../../api/ApiError';
import { messageKeyFor } from '../../api/problemMessage';
import type { EditKey } from './i18n/useEditText';

/** The message key for a failed write: by the problem's code, else its status, else generic with status and detail. */
export function writeErrorMessage(err: unknown): { key: EditKey; params?: Record<string, string | number> } {
  const key = messageKeyFor<EditKey>(err, {
    byCode: {
      NetworkError: 'editor.error.network',
      Unauthorized: 'editor.error.401',
      Forbidden: 'editor.error.403',
      NotFound: 'editor.error.404',
      PayloadTooLarge: 'editor.error.413',
      ValidationFailed: 'editor.error.422',
      PreconditionRequired: 'editor.error.428',
    },
    byStatus: {
      401: 'editor.error.401',
      403: 'editor.error.403',
      404: 'editor.error.404',
      413: 'editor.error.413',
      422: 'editor.error.422',
      428: 'editor.error.428',
    },
    fallback: 'editor.error.generic',
  });
  if (key !== 'editor.error.generic') return { key };
  return err instanceof ApiError
    ? { key, params: { status: err.status, detail: err.detail } }
    : { key, params: { status: 0, detail: String(err) } };
}

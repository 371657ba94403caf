import type { ProblemCode } from '../../../server/src/contract/api';
import { ApiError, type ClientErrorCode } from './ApiError';

/** Message keys of a UI part for API failures: by problem `code` first, then by HTTP status, then `fallback`. */
export interface MessageTable<K extends string> {
  byCode?: Partial<Record<ProblemCode | ClientErrorCode, K>>;
  byStatus?: Partial<Record<number, K>>;
  fallback: K;
}

/**
 * The message key for a failure: the key of its problem `code` when the table has one (so two
 * problems with one status, e.g. 403 Forbidden and 403 CsrfOriginMismatch, can read differently),
 * else the key of its HTTP status, else the fallback. Anything not an ApiError gets the fallback.
 */
export function messageKeyFor<K extends string>(err: unknown, table: MessageTable<K>): K {
  if (!(err instanceof ApiError)) return table.fallback;
  return (
    table.byCode?.[err.code as ProblemCode | ClientErrorCode] ??
    table.byStatus?.[err.status] ??
    table.fallback
  );
}

import type { ApiFeature, FieldProblem, Problem, ProblemCode } from '../../../server/src/contract/api';
import type { EditedSince } from '../../../server/src/contract/batches';

/** Codes the client itself gives a failure that has no problem answer. */
export type ClientErrorCode = 'NetworkError' | 'MissingEtag';

/**
 * The one error the API client throws: an HTTP problem (RFC 9457 problem+json, with the OGC
 * `code` the UI picks its message by) or a failure without an answer (status 0: `NetworkError`;
 * `MissingEtag` for a write answer without a strong ETag). Carries what the editing UI needs: the
 * per-field problems (400/422), the server's current feature on 412, the wait on 429.
 */
export class ApiError extends Error {
  readonly status: number;
  /** A problem code (contract PROBLEM_CODES), a ClientErrorCode, or `Http<status>` for a body without one. */
  readonly code: ProblemCode | ClientErrorCode | (string & {});
  readonly detail: string;
  readonly fieldErrors: FieldProblem[];
  readonly currentVersion: number | undefined;
  readonly current: ApiFeature | undefined;
  /** From `Retry-After`, in seconds. */
  readonly retryAfterSeconds: number | undefined;
  /** 409 of an import commit or a batch revert: what was edited since. */
  readonly conflicts: EditedSince[];
  /** 409 of an import committed (or a batch undone) already: the batch that did it. */
  readonly batch: number | undefined;

  constructor(
    status: number,
    code: string,
    detail: string,
    extra: {
      fieldErrors?: FieldProblem[];
      currentVersion?: number;
      current?: ApiFeature;
      retryAfterSeconds?: number;
      conflicts?: EditedSince[];
      batch?: number;
    } = {},
  ) {
    super(`${status} ${code}: ${detail}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.detail = detail;
    this.fieldErrors = extra.fieldErrors ?? [];
    this.currentVersion = extra.currentVersion;
    this.current = extra.current;
    this.retryAfterSeconds = extra.retryAfterSeconds;
    this.conflicts = extra.conflicts ?? [];
    this.batch = extra.batch;
  }

  /** True for a stale If-Match (someone else saved first). */
  get isConflict(): boolean {
    return this.status === 412;
  }

  /** A request that got no HTTP answer (offline, DNS, connection refused): status 0. */
  static network(err: unknown): ApiError {
    return new ApiError(0, 'NetworkError', err instanceof Error ? err.message : String(err));
  }

  /** Reads a problem body (typed extras only when they have the right shape) and `Retry-After`. */
  static fromProblem(status: number, body: unknown, retryAfter: string | null = null): ApiError {
    const p = (typeof body === 'object' && body !== null ? body : {}) as Partial<
      Record<keyof Problem | 'conflicts' | 'batch', unknown>
    >;
    const code = typeof p.code === 'string' ? p.code : `Http${status}`;
    const detail = typeof p.detail === 'string' ? p.detail : typeof p.title === 'string' ? p.title : '';
    const fieldErrors: FieldProblem[] = Array.isArray(p.errors)
      ? p.errors
          .filter(
            (e): e is FieldProblem =>
              typeof e === 'object' &&
              e !== null &&
              typeof e.field === 'string' &&
              typeof e.message === 'string',
          )
          .map((e) => {
            const params = problemParams(e.params);
            return { field: e.field, message: e.message, code: e.code, ...(params ? { params } : {}) };
          })
      : [];
    const current =
      typeof p.current === 'object' &&
      p.current !== null &&
      (p.current as { type?: unknown }).type === 'Feature'
        ? (p.current as ApiFeature)
        : undefined;
    const seconds = retryAfter === null ? Number.NaN : Number(retryAfter);
    return new ApiError(status, code, detail, {
      fieldErrors,
      currentVersion: typeof p.currentVersion === 'number' ? p.currentVersion : undefined,
      current,
      retryAfterSeconds: Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined,
      conflicts: Array.isArray(p.conflicts)
        ? p.conflicts.filter(
            (c): c is EditedSince => typeof c === 'object' && c !== null && typeof c.name === 'string',
          )
        : [],
      batch: typeof p.batch === 'number' ? p.batch : undefined,
    });
  }
}

/** The `params` of a field problem: only string and number values (what a translation can use). */
function problemParams(raw: unknown): Record<string, string | number> | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const entries = Object.entries(raw).filter(
    (e): e is [string, string | number] => typeof e[1] === 'string' || typeof e[1] === 'number',
  );
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

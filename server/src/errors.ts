import type { ProblemCode } from './contract/vocabulary';

/**
 * Typed failures with their HTTP status and OGC exception code. Thrown by parsers, services and
 * stores; rendered as application/problem+json by plugins/errors.ts. `detail` must be safe to show
 * (no SQL, stack or file path).
 */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    /** OGC exception code: NotFound, InvalidParameterValue, ServiceUnavailable, … (contract/vocabulary.ts) */
    readonly code: ProblemCode,
    readonly detail: string,
    /** The offending query/path parameter, when there is one. */
    readonly parameter?: string,
    /**
     * Extra members of the problem body (`errors` for field problems, `currentVersion` and
     * `current` on 412) and response headers (`Retry-After`, `Allow`).
     */
    readonly extra: { body?: Record<string, unknown>; headers?: Record<string, string> } = {},
  ) {
    super(detail);
  }
}

export function notFound(detail: string): ApiError {
  return new ApiError(404, 'NotFound', detail);
}

/** A bad query or path parameter: 400 InvalidParameterValue naming the parameter. */
export function invalidParameter(parameter: string, detail: string): ApiError {
  return new ApiError(400, 'InvalidParameterValue', detail, parameter);
}

import type { Problem } from '../../../server/src/contract/api';

/**
 * The one error the API client throws: an HTTP problem (RFC 9457 problem+json) or a network failure
 * (status 0, code 'NetworkError'). `code` is the OGC exception code used to pick a localised message.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string;

  constructor(status: number, code: string, detail: string) {
    super(`${status} ${code}: ${detail}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.detail = detail;
  }

  /** A request that got no HTTP answer (offline, DNS, connection refused): status 0. */
  static network(err: unknown): ApiError {
    return new ApiError(0, 'NetworkError', err instanceof Error ? err.message : String(err));
  }

  static fromProblem(status: number, body: unknown): ApiError {
    const p = (typeof body === 'object' && body !== null ? body : {}) as Partial<Problem>;
    const code = typeof p.code === 'string' ? p.code : `Http${status}`;
    const detail = typeof p.detail === 'string' ? p.detail : typeof p.title === 'string' ? p.title : '';
    return new ApiError(status, code, detail);
  }
}

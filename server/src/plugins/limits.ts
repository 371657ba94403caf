import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../errors';
import { isApiUrl } from './auth';

/** An items page asking more than this many features counts as expensive. */
export const LARGE_PAGE = 1000;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Expensive requests: every state-changing /api request (a write validates and may check a
 * large geometry; a login hashes a password with scrypt) and items pages with `limit` above
 * LARGE_PAGE.
 */
export function isExpensive(request: FastifyRequest): boolean {
  if (!SAFE_METHODS.has(request.method)) return isApiUrl(request.url);
  if (request.method !== 'GET' || !request.url.includes('/items')) return false;
  const limit = (request.query as Record<string, unknown> | undefined)?.limit;
  return typeof limit === 'string' && Number(limit) > LARGE_PAGE;
}

/**
 * At most `max` expensive requests at once (MAX_EXPENSIVE_REQUESTS): one more is answered at
 * once with 503 ServerBusy + `Retry-After: 1`, before its body is read, so a burst of large
 * writes or pages cannot starve everyone else. Cheap reads are never counted. A slot is freed
 * when the response is finished or the connection closes, whichever comes first. Used by the
 * request gate (request-gate.ts).
 */
export function expensiveRequestLimit(
  max: number,
): (request: FastifyRequest, reply: FastifyReply) => ApiError | undefined {
  let running = 0;
  return (request, reply) => {
    if (!isExpensive(request)) return undefined;
    if (running >= max) {
      return new ApiError(
        503,
        'ServerBusy',
        `The server is handling ${max} large requests already; try again in a moment.`,
        undefined,
        { headers: { 'retry-after': '1' } },
      );
    }
    running++;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      running--;
    };
    reply.raw.once('finish', release);
    reply.raw.once('close', release);
    return undefined;
  };
}

import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isSameOrigin } from '../auth/origin';
import { ApiError } from '../errors';
import { isApiUrl } from './auth';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Bodies we accept on writes; anything else is 415 before it is parsed. */
export const JSON_BODY_TYPES = ['application/json', 'application/geo+json', 'application/merge-patch+json'];

function isJsonType(header: string | undefined): boolean {
  const type = header?.split(';')[0]?.trim().toLowerCase();
  return type !== undefined && JSON_BODY_TYPES.includes(type);
}

/**
 * CSRF defence and body type for every state-changing /api request (not GET/HEAD/OPTIONS): the
 * `Origin` header must be this server's own origin (403 CsrfOriginMismatch), and a body must be
 * JSON (415). Runs in onRequest, before the body is read.
 */
export function registerCsrf(app: FastifyInstance): void {
  // Callback style, so a GET/HEAD/OPTIONS costs one set lookup and no promise.
  app.addHook('onRequest', (request, _reply, done) => {
    if (SAFE_METHODS.has(request.method) || !isApiUrl(request.url)) return done();
    try {
      checkWrite(request);
      done();
    } catch (err) {
      done(err as Error);
    }
  });
}

/** Throws the 403/415 problem for a state-changing request that fails the checks. */
function checkWrite(request: FastifyRequest): void {
  if (!isSameOrigin(request.headers.origin, { protocol: request.protocol, host: request.host })) {
    throw new ApiError(
      403,
      'CsrfOriginMismatch',
      'Changes must come from this site: the Origin header is missing or names another origin.',
    );
  }
  const length = Number(request.headers['content-length'] ?? 0);
  const hasBody = length > 0 || request.headers['transfer-encoding'] !== undefined;
  if (hasBody && !isJsonType(request.headers['content-type'])) {
    throw new ApiError(415, 'UnsupportedMediaType', `The body must be JSON (${JSON_BODY_TYPES.join(', ')}).`);
  }
}

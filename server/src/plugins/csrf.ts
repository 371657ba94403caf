import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isSameOrigin } from '../auth/origin';
import { ApiError } from '../errors';
import { isApiUrl } from './auth';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Bodies we accept on writes; anything else is 415 before it is parsed. */
export const JSON_BODY_TYPES = ['application/json', 'application/geo+json', 'application/merge-patch+json'];

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The body types a write route takes instead of JSON (file uploads: issue 14 imports). */
    bodyTypes?: readonly string[];
  }
}

function isAllowedType(header: string | undefined, allowed: readonly string[]): boolean {
  const type = header?.split(';')[0]?.trim().toLowerCase();
  return type !== undefined && allowed.includes(type);
}

/**
 * CSRF defence and body type for every state-changing /api request (not GET/HEAD/OPTIONS): the
 * `Origin` header must be this server's own origin (403 CsrfOriginMismatch), and a body must be
 * JSON (415) — or, on a route whose config lists `bodyTypes` (file uploads), one of those.
 * Runs in onRequest, before the body is read.
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
  const uploads = request.routeOptions.config?.bodyTypes;
  if (hasBody && !isAllowedType(request.headers['content-type'], uploads ?? JSON_BODY_TYPES)) {
    throw new ApiError(
      415,
      'UnsupportedMediaType',
      uploads
        ? `The body must be the file, sent with its media type (${uploads.join(', ')}).`
        : `The body must be JSON (${JSON_BODY_TYPES.join(', ')}).`,
    );
  }
}

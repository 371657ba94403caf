import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '../errors';
import { isApiUrl } from './auth';
import { JSON_BODY_TYPES } from './json-body';
import type { OriginPolicy } from './trusted-origin';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

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
 * `Origin` header must be a trusted origin of this site (PUBLIC_ORIGIN, or without it the
 * origin the request came in on, whose Host the host check already vetted; see
 * plugins/trusted-origin.ts), else 403 CsrfOriginMismatch; a body must be JSON (415) —
 * or, on a route whose config lists `bodyTypes` (file uploads), one of those. Runs in
 * onRequest, before the body is read.
 */
export function registerCsrf(app: FastifyInstance, policy: OriginPolicy): void {
  // Callback style, so a GET/HEAD/OPTIONS costs one set lookup and no promise.
  app.addHook('onRequest', (request, _reply, done) => {
    if (SAFE_METHODS.has(request.method) || !isApiUrl(request.url)) return done();
    try {
      checkWrite(request, policy);
      done();
    } catch (err) {
      done(err as Error);
    }
  });
}

/** Throws the 403/415 problem for a state-changing request that fails the checks. */
function checkWrite(request: FastifyRequest, policy: OriginPolicy): void {
  if (!policy.originAllowed(request.headers.origin, { protocol: request.protocol, host: request.host })) {
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

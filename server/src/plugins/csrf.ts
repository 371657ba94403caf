import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '../errors';
import { isApiUrl } from './auth';
import { JSON_BODY_TYPES } from './json-body';
import type { OriginPolicy } from './trusted-origin';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function isJsonType(header: string | undefined): boolean {
  const type = header?.split(';')[0]?.trim().toLowerCase();
  return type !== undefined && JSON_BODY_TYPES.includes(type);
}

/**
 * CSRF defence and body type for every state-changing /api request (not GET/HEAD/OPTIONS): the
 * `Origin` header must be a trusted origin of this site (PUBLIC_ORIGIN, or without it the
 * origin the request came in on, whose Host the host check already vetted; see
 * plugins/trusted-origin.ts), else 403 CsrfOriginMismatch; a body must be JSON (415). Runs in
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
  if (hasBody && !isJsonType(request.headers['content-type'])) {
    throw new ApiError(415, 'UnsupportedMediaType', `The body must be JSON (${JSON_BODY_TYPES.join(', ')}).`);
  }
}

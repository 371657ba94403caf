import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/** A short stable hash of bytes, for weak ETags. */
export function shortHash(data: string | Buffer): string {
  return createHash('sha1').update(data).digest('base64url').slice(0, 22);
}

/** Whether the request's If-None-Match names `etag` (weak comparison) or is `*`. */
export function ifNoneMatchMatches(request: FastifyRequest, etag: string): boolean {
  const header = request.headers['if-none-match'];
  if (!header) return false;
  const tags = header.split(',').map((t) => t.trim().replace(/^W\//, ''));
  return tags.includes('*') || tags.includes(etag.replace(/^W\//, ''));
}

/**
 * Every successful GET gets a weak ETag (the body hash, unless the handler set one) and a 304
 * when If-None-Match matches. Runs before compression, so the tag does not depend on encoding.
 */
export function registerEtag(app: FastifyInstance): void {
  // Callback style (no promise per request); an ETag set before (revision + URL, or a feature's
  // version) is kept.
  app.addHook('onSend', (request, reply, payload, done) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || reply.statusCode !== 200) {
      return done(null, payload);
    }
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return done(null, payload);
    const existing = reply.getHeader('etag');
    const etag = typeof existing === 'string' ? existing : `W/"${shortHash(payload)}"`;
    reply.header('etag', etag);
    if (!ifNoneMatchMatches(request, etag)) return done(null, payload);
    reply.code(304);
    reply.removeHeader('content-length');
    done(null, '');
  });
}

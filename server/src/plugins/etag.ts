import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

function hash(data: string | Buffer): string {
  return createHash('sha1').update(data).digest('base64url').slice(0, 22);
}

function matches(request: FastifyRequest, etag: string): boolean {
  const header = request.headers['if-none-match'];
  if (!header) return false;
  const tags = header.split(',').map((t) => t.trim().replace(/^W\//, ''));
  return tags.includes('*') || tags.includes(etag.replace(/^W\//, ''));
}

/**
 * ETag for a response that depends only on the stored data and the URL: lets a handler answer
 * 304 before querying. Returns true when the client's copy is current (the caller then sends 304).
 */
export function checkRevisionEtag(request: FastifyRequest, reply: FastifyReply, revision: number): boolean {
  const etag = `W/"r${revision}-${hash(`${request.headers.accept ?? ''} ${request.url}`)}"`;
  reply.header('etag', etag);
  return matches(request, etag);
}

/**
 * Every successful GET gets a weak ETag (the body hash, unless the handler set one) and a 304
 * when If-None-Match matches. Runs before compression, so the tag does not depend on encoding.
 */
export function registerEtag(app: FastifyInstance): void {
  // Callback style (no promise per request); a handler's ETag (revision + URL) is never recomputed.
  app.addHook('onSend', (request, reply, payload, done) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || reply.statusCode !== 200) {
      return done(null, payload);
    }
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return done(null, payload);
    const existing = reply.getHeader('etag');
    const etag = typeof existing === 'string' ? existing : `W/"${hash(payload)}"`;
    reply.header('etag', etag);
    if (!matches(request, etag)) return done(null, payload);
    reply.code(304);
    reply.removeHeader('content-length');
    done(null, '');
  });
}

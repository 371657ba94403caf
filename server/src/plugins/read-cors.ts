import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config';

/** Headers a cross-origin page may read on our answers (paging, CRS, caching). */
const EXPOSED = 'content-crs, link, etag, x-request-id';
/** Request headers a cross-origin reader may send. */
const ALLOWED_HEADERS = 'accept, accept-language, if-none-match';
const READ_METHODS = new Set(['GET', 'HEAD']);

/**
 * The CORS policy of /api for reading (CORS_ORIGINS): an allowed Origin gets
 * `Access-Control-Allow-Origin` on GET/HEAD answers and on preflights asking for GET/HEAD; writes
 * never (they stay same-origin, plugins/csrf.ts), credentials never. Empty CORS_ORIGINS: nothing.
 */
export function readCorsPolicy(config: Pick<Config, 'corsOrigins'>) {
  const any = config.corsOrigins.includes('*');
  const allowed = new Set(config.corsOrigins);
  const allowOrigin = (request: FastifyRequest): string | undefined => {
    const origin = request.headers.origin;
    if (!origin || config.corsOrigins.length === 0) return undefined;
    return any ? '*' : allowed.has(origin) ? origin : undefined;
  };
  return {
    /** On a GET/HEAD answer. */
    onRead(request: FastifyRequest, reply: FastifyReply): void {
      const origin = allowOrigin(request);
      if (!any && config.corsOrigins.length > 0) reply.header('vary', 'origin');
      if (!origin) return;
      reply.header('access-control-allow-origin', origin).header('access-control-expose-headers', EXPOSED);
    },
    /** On an OPTIONS answer: the preflight headers when it asks for a read method. */
    onPreflight(request: FastifyRequest, reply: FastifyReply): void {
      const origin = allowOrigin(request);
      const method = String(request.headers['access-control-request-method'] ?? '').toUpperCase();
      if (!origin || !READ_METHODS.has(method)) return;
      reply
        .header('access-control-allow-origin', origin)
        .header('access-control-allow-methods', 'GET, HEAD, OPTIONS')
        .header('access-control-allow-headers', ALLOWED_HEADERS)
        .header('access-control-max-age', '600');
      if (!any) reply.header('vary', 'origin');
    },
  };
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * This route's URL is also matched by a parametric route with its own OPTIONS answer (the
     * per-collection items pages and `/:collectionId/items`): no OPTIONS route is made for it.
     */
    optionsByPattern?: boolean;
  }
}

/**
 * `OPTIONS` on every /api route answers 200 with `Allow` listing its methods (OGC API – Features
 * Part 4 draft; HEAD wherever GET is), and the read CORS policy above. Call registerRouteMethods
 * before the routes (it collects them) and the function it returns after them.
 */
export function registerOptions(app: FastifyInstance, config: Pick<Config, 'corsOrigins'>): () => void {
  const methods = new Map<string, Set<string>>();
  const cors = readCorsPolicy(config);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api') || route.config?.optionsByPattern) return;
    const set = methods.get(route.url) ?? new Set<string>();
    for (const m of [route.method].flat()) set.add(m);
    methods.set(route.url, set);
  });
  app.addHook('onSend', (request, reply, payload, done) => {
    if (request.url.startsWith('/api')) {
      if (READ_METHODS.has(request.method)) cors.onRead(request, reply);
      else if (request.method === 'OPTIONS') cors.onPreflight(request, reply);
    }
    done(null, payload);
  });
  return () => {
    for (const [url, set] of [...methods]) {
      if (set.has('OPTIONS')) continue;
      const allow = [...set, 'OPTIONS'].sort().join(', ');
      app.options(url, { schema: { hide: true } }, async (_request, reply) =>
        reply.header('allow', allow).code(200).send(),
      );
    }
  };
}

import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError, notFound } from '../errors';

/** Paths the SPA owns: GETs outside /api that do not name a file (no extension). */
function isSpaRoute(request: FastifyRequest): boolean {
  const pathname = request.url.split('?')[0] ?? '/';
  const isApi = pathname === '/api' || pathname.startsWith('/api/');
  return request.method === 'GET' && !isApi && !path.posix.basename(pathname).includes('.');
}

/**
 * Serves the built client (CLIENT_DIR) at `/` with an SPA fallback to index.html, and owns the
 * not-found handler: unknown /api paths and missing files get a 404 problem. When the build is
 * missing, client paths answer a 503 problem telling how to build it.
 */
export async function registerStaticClient(app: FastifyInstance, clientDir: string): Promise<void> {
  const built = existsSync(path.join(clientDir, 'index.html'));
  if (built) {
    await app.register(fastifyStatic, {
      root: clientDir,
      prefix: '/',
      setHeaders: (res, file) => {
        const immutable = file.includes(`${path.sep}assets${path.sep}`);
        res.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  } else {
    app.get('/', { schema: { hide: true } }, async () => {
      throw clientMissing();
    });
  }
  app.setNotFoundHandler(async (request, reply) => {
    if (isSpaRoute(request)) {
      if (!built) throw clientMissing();
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    throw notFound(`No resource at ${request.method} ${request.url.split('?')[0]}`);
  });
}

function clientMissing(): ApiError {
  return new ApiError(
    503,
    'ServiceUnavailable',
    'The web client is not built. Run `npm run build` (or start with `npm start`, which builds it).',
  );
}

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { registerEtag } from '../../server/src/plugins/etag';
import { registerRevisionCache } from '../../server/src/plugins/response-cache';
import type { FeatureStore } from '../../server/src/store/feature-store';

const ROUTES = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../server/src/routes');

let app: FastifyInstance | undefined;
afterEach(async () => app?.close());

/** A bare Fastify app with the cache plugin and one route that counts its runs; `revision` is ours to move. */
async function appWithCountingRoute(config: { revisionCache?: boolean }) {
  const state = { revision: 1, runs: 0 };
  app = Fastify();
  app.decorate('store', { revision: async () => state.revision } as unknown as FeatureStore);
  registerRevisionCache(app);
  registerEtag(app);
  app.get('/api/thing', { config }, async () => ({ runs: ++state.runs, revision: state.revision }));
  await app.ready();
  return { app, state };
}

describe('config.revisionCache: one route option for revision caching and conditional GET', () => {
  it('answers from the cache (the handler runs once) and 304 to the revision ETag, until the revision moves', async () => {
    const { app: a, state } = await appWithCountingRoute({ revisionCache: true });
    const first = await a.inject('/api/thing');
    expect(first.json()).toEqual({ runs: 1, revision: 1 });
    expect(first.headers.etag).toMatch(/^W\/"r1-/);
    expect((await a.inject('/api/thing')).json()).toEqual({ runs: 1, revision: 1 });
    const revalidated = await a.inject({
      url: '/api/thing',
      headers: { 'if-none-match': String(first.headers.etag) },
    });
    expect(revalidated.statusCode).toBe(304);
    expect(state.runs).toBe(1);
    state.revision = 2;
    const after = await a.inject({
      url: '/api/thing',
      headers: { 'if-none-match': String(first.headers.etag) },
    });
    expect(after.statusCode).toBe(200);
    expect(after.json()).toEqual({ runs: 2, revision: 2 });
  });

  it('leaves a route without the option alone (its handler runs every time)', async () => {
    const { app: a, state } = await appWithCountingRoute({});
    await a.inject('/api/thing');
    await a.inject('/api/thing');
    expect(state.runs).toBe(2);
  });

  it('is the only way routes cache: no route imports the cache or ETag internals', () => {
    for (const file of readdirSync(ROUTES).filter((f) => f.endsWith('.ts'))) {
      const source = readFileSync(path.join(ROUTES, file), 'utf8');
      expect(source, file).not.toMatch(/plugins\/(response-cache|etag)'/);
      expect(source, file).not.toMatch(/responseCache|checkRevisionEtag/);
    }
  });
});

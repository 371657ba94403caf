import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/src/app';
import { loadCatalog } from '../../server/src/catalog/load-catalog';
import { loadConfig } from '../../server/src/config';
import { type FeatureStore, VersionConflict } from '../../server/src/store/feature-store';
import { openStore } from '../../server/src/store/open-store';
import type { UserStore } from '../../server/src/store/user-store';
import { signIn } from '../helpers/auth';
import { FIXTURE_GEODATA } from '../helpers/server';
import { village, writeHeaders } from './write-fixtures';

type Store = FeatureStore & UserStore;
let dir: string | undefined;
let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  app = undefined;
  dir = undefined;
});

/** The real app over the real SQLite store, with some store methods replaced. */
async function appWith(replace: (real: Store) => Partial<Store>, checkResponses: boolean) {
  dir = mkdtempSync(path.join(tmpdir(), 'laocai-breach-'));
  const config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent', GEODATA_DIR: FIXTURE_GEODATA });
  const catalog = loadCatalog(FIXTURE_GEODATA);
  const { store: real } = await openStore(config, catalog);
  const changed = replace(real);
  const store = new Proxy(real, {
    get: (target, key, receiver) =>
      key in changed ? changed[key as keyof Store] : Reflect.get(target, key, receiver),
  });
  app = await buildApp(config, { catalog, store, checkResponses });
  return app;
}

describe('a response that breaks its contract schema', () => {
  it('fails: the test app answers 500 naming the member (an items page sent as text)', async () => {
    const a = await appWith(
      (real) => ({
        queryFeaturesGeoJson: async (collection, query) => {
          const page = await real.queryFeaturesGeoJson(collection, query);
          return { ...page, featuresJson: page.featuresJson.replace(/"id":(\d+)/, '"id":"$1"') };
        },
      }),
      true,
    );
    const res = await a.inject('/api/collections/craft-villages/items');
    expect(res.statusCode).toBe(500);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().detail).toContain('/features/0/id must be integer');
  });

  it('fails for a binary answer too: an empty vector tile sent as a 200 is a 500', async () => {
    const a = await appWith(() => ({ vectorTile: async () => new Uint8Array(0) }), true);
    const res = await a.inject('/api/collections/craft-villages/tiles/WebMercatorQuad/0/0/0');
    expect(res.statusCode).toBe(500);
    expect(res.json().detail).toContain('status 200 has no body');
  });

  it('fails in production too where Fastify serialises: a feature without geometry is a 500, not sent', async () => {
    const a = await appWith(
      (real) => ({
        getFeature: async (collection, id) => {
          const f = await real.getFeature(collection, id);
          return f && ({ ...f, geometry: undefined } as unknown as typeof f);
        },
      }),
      false,
    );
    const res = await a.inject('/api/collections/craft-villages/items/1');
    expect(res.statusCode).toBe(500);
    expect(res.json()).toMatchObject({ status: 500, code: 'ServerError' });
    expect(res.body).not.toContain('Làng');
  });
});

describe('store errors are rendered by the one error handler', () => {
  it('a VersionConflict thrown by the store inside the transaction is a 412 with the current feature', async () => {
    const a = await appWith(
      (real) => ({
        replaceFeature: async (collection, id) => {
          const current = await real.getFeature(collection, id);
          if (!current) throw new Error('fixture feature missing');
          throw new VersionConflict(1, { ...current, version: 7 });
        },
      }),
      true,
    );
    const cookie = await signIn(a, { username: 'eddie', role: 'editor' });
    const res = await a.inject({
      method: 'PUT',
      url: '/api/collections/craft-villages/items/1',
      headers: writeHeaders(cookie, { 'if-match': '"v1"' }),
      payload: JSON.stringify(village({}, [103.7, 22.5])),
    });
    expect(res.statusCode).toBe(412);
    expect(res.headers.etag).toBe('"v7"');
    expect(res.json()).toMatchObject({ code: 'PreconditionFailed', currentVersion: 7, current: { id: 1 } });
  });
});

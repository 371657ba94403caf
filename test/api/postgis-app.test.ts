import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INJECT_ORIGIN, loginToken, signIn } from '../helpers/auth';
import { decodeTile, tileAt } from '../helpers/mvt';
import { createTestDatabase, databaseUrl } from '../helpers/postgres';
import { startTestCluster, type TestCluster } from '../helpers/postgres-cluster';
import { buildTestApp, FIXTURE_GEODATA } from '../helpers/server';

const run = promisify(execFile);

/** Runs a server script with DATABASE_URL (no DATA_DIR: a SQLite fallback would show as a failure). */
async function script(name: string, url: string, args: string[], extra: Record<string, string> = {}) {
  return run(process.execPath, ['--import', 'tsx', path.join('server/scripts', name), ...args], {
    env: {
      PATH: process.env.PATH ?? '',
      DATABASE_URL: url,
      GEODATA_DIR: FIXTURE_GEODATA,
      DATA_DIR: '/nonexistent/x',
      ...extra,
    },
  }).then(
    (r) => ({ code: 0, ...r }),
    (err: { code: number; stdout: string; stderr: string }) => err,
  );
}

describe('the app on PostGIS (DATABASE_URL)', () => {
  it('seeds on first start, serves and edits features with ETags, like the SQLite default', async () => {
    const db = await createTestDatabase();
    const t = await buildTestApp({ geodataDir: FIXTURE_GEODATA, env: { DATABASE_URL: db.url } });
    const { z, y, x } = tileAt(103.7, 22.5, 16); // village 1
    const at16 = `${z}/${y}/${x}`;
    try {
      const cookie = await signIn(t.app, { username: 'eddie', role: 'editor' });
      const page = await t.app.inject({
        url: '/api/collections/craft-villages/items?bbox=103.65,22.45,103.86,22.65',
      });
      expect(page.statusCode).toBe(200);
      expect(page.json()).toMatchObject({ numberMatched: 3, numberReturned: 3 });
      const etag = page.headers.etag;
      const one = await t.app.inject({ url: '/api/collections/craft-villages/items/1' });
      const feature = one.json() as { properties: Record<string, unknown>; geometry: unknown };
      const put = await t.app.inject({
        method: 'PUT',
        url: '/api/collections/craft-villages/items/1',
        headers: {
          origin: INJECT_ORIGIN,
          cookie,
          'if-match': String(one.headers.etag),
          'content-type': 'application/geo+json',
        },
        payload: {
          type: 'Feature',
          geometry: feature.geometry,
          properties: { ...feature.properties, name: 'Bản Phố mới' },
        },
      });
      expect(put.statusCode, put.body).toBe(200);
      const again = await t.app.inject({ url: '/api/collections/craft-villages/items?q=ban pho moi' });
      expect(again.headers.etag).not.toBe(etag);
      expect(again.json()).toMatchObject({ numberMatched: 1 });
      // Tiles through the routes (ST_AsMVT), the edit in the next one; outside the data a 204.
      const tile = await t.app.inject({
        url: `/api/collections/craft-villages/tiles/WebMercatorQuad/${at16}`,
      });
      expect(tile.statusCode).toBe(200);
      expect(tile.headers['content-type']).toBe('application/vnd.mapbox-vector-tile');
      const [point] = decodeTile(tile.rawPayload)['craft-villages']!.features;
      expect(point).toMatchObject({ id: 1, properties: { name: 'Bản Phố mới' } });
      const empty = await t.app.inject({
        url: '/api/collections/craft-villages/tiles/WebMercatorQuad/10/0/0',
      });
      expect(empty.statusCode).toBe(204);
    } finally {
      await t.close();
      await db.drop();
    }
  });

  it('npm run user and npm run db:reset work on DATABASE_URL', async () => {
    const db = await createTestDatabase();
    try {
      const add = await script('user.ts', db.url, ['add', 'ada', '--role', 'admin'], {
        LCMAP_PASSWORD: 'a long enough password',
      });
      expect(add.code, add.stderr).toBe(0);
      expect((await script('user.ts', db.url, ['list'])).stdout).toMatch(/^ada\tadmin\t/m);
      const reset = await script('db-reset.ts', db.url, []);
      expect(reset.code, reset.stderr).toBe(0);
      expect(reset.stdout).toMatch(/seeded 11 features and 10 indicator rows into postgres:\/\//);
      expect((await script('db-reset.ts', db.url, [])).code).toBe(1);
      expect((await script('db-reset.ts', db.url, ['--force'])).code).toBe(0);
      const t = await buildTestApp({ geodataDir: FIXTURE_GEODATA, env: { DATABASE_URL: db.url } });
      try {
        expect(await loginToken(t.app, 'ada', 'a long enough password')).toMatch(/^[\w-]+$/);
      } finally {
        await t.close();
      }
    } finally {
      await db.drop();
    }
  }, 60_000);

  it('refuses to start on a database the server cannot reach, saying so', async () => {
    const url = databaseUrl('no_such_database');
    await expect(buildTestApp({ geodataDir: FIXTURE_GEODATA, env: { DATABASE_URL: url } })).rejects.toThrow(
      /database is unavailable/,
    );
  });
});

describe('losing the database (its own cluster, stopped and started)', () => {
  let cluster: TestCluster;
  beforeAll(async () => {
    cluster = await startTestCluster();
  }, 60_000);
  afterAll(() => cluster?.destroy());

  it('answers 503 problem+json with Retry-After while PostgreSQL is down, and recovers without a restart', async () => {
    const t = await buildTestApp({
      geodataDir: FIXTURE_GEODATA,
      env: { DATABASE_URL: cluster.url('postgres') },
    });
    try {
      const url = '/api/collections/craft-villages/items';
      expect((await t.app.inject({ url })).statusCode).toBe(200);
      cluster.stop();
      for (const path of [url, `${url}/1`]) {
        const down = await t.app.inject({ url: path });
        expect(down.statusCode).toBe(503);
        expect(down.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(down.headers['retry-after']).toBe('5');
        expect(down.json()).toMatchObject({ status: 503, code: 'ServiceUnavailable' });
        expect(down.body).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|postgres/);
      }
      cluster.start();
      const back = await t.app.inject({ url });
      expect(back.statusCode).toBe(200);
      expect(back.json()).toMatchObject({ numberMatched: 5 });
    } finally {
      await t.close();
    }
  }, 60_000);
});

/**
 * Two server processes on one PostGIS database (issue 13), and nginx in front of them with the
 * sample server/deploy/nginx.conf. Steps share state (one database, in order), so they are one
 * sequence of `it`s in a single describe; each step says what it shows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../server/src/auth/password';
import { openPostgisUserStore } from '../../server/src/store/postgis/user-store';
import { TEST_PASSWORD } from '../helpers/auth';
import { startNginx, type TestNginx } from '../helpers/nginx';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres';
import { FIXTURE_GEODATA } from '../helpers/server';
import { type ServerProcess, startServerProcess } from '../helpers/server-process';
import { village } from './write-fixtures';

interface Answer {
  status: number;
  headers: Headers;
  json: () => Record<string, unknown>;
  text: string;
}

/** One HTTP request; writes carry the target's own Origin (CSRF check) and JSON. */
async function call(
  base: string,
  path: string,
  init: { method?: string; cookie?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.cookie) headers.cookie = init.cookie;
  if (init.method && init.method !== 'GET') headers.origin = base;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(base + path, {
    method: init.method ?? 'GET',
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    text,
    json: () => JSON.parse(text) as Record<string, unknown>,
  };
}

async function login(base: string, username: string, password = TEST_PASSWORD): Promise<string> {
  const res = await call(base, '/api/auth/login', { method: 'POST', body: { username, password } });
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('lcmap_session='));
  if (res.status !== 200 || !cookie) throw new Error(`login failed: ${res.status} ${res.text}`);
  return cookie.split(';')[0]!;
}

const ITEMS = '/api/collections/craft-villages/items';

describe('two server instances on one PostGIS database', () => {
  let db: TestDatabase;
  let a: ServerProcess;
  let b: ServerProcess;
  let cookie: string;
  beforeAll(async () => {
    db = await createTestDatabase();
    const env = {
      DATABASE_URL: db.url,
      GEODATA_DIR: FIXTURE_GEODATA,
      CLIENT_DIR: '/nonexistent',
      TRUST_PROXY: '127.0.0.1',
    };
    // Both start at once on the empty database.
    [a, b] = await Promise.all([startServerProcess(env), startServerProcess(env)]);
    const users = await openPostgisUserStore({ url: db.url });
    await users.addUser({
      username: 'eddie',
      role: 'editor',
      passwordHash: await hashPassword(TEST_PASSWORD),
      createdAt: new Date().toISOString(),
    });
    await users.close();
  }, 90_000);
  afterAll(async () => {
    await a?.kill('SIGTERM');
    await b?.kill('SIGTERM');
    await db?.drop();
  });

  it('seeded the empty database exactly once though both started together', async () => {
    const seededLines = (a.output() + b.output())
      .split('\n')
      .filter((l) => l.includes('seeded the empty database'));
    expect(seededLines).toHaveLength(1);
    expect((await call(b.url, ITEMS)).json()).toMatchObject({ numberMatched: 5 });
  });

  it('a cookie from a login on A works on B', async () => {
    cookie = await login(a.url, 'eddie');
    expect((await call(b.url, '/api/auth/me', { cookie })).json()).toEqual({
      user: { username: 'eddie', role: 'editor' },
    });
  });

  it('a feature created on A is read on B, and B’s cached pages drop at once', async () => {
    const before = await call(b.url, ITEMS);
    expect((await call(b.url, ITEMS)).headers.get('etag')).toBe(before.headers.get('etag'));
    const made = await call(a.url, ITEMS, { method: 'POST', cookie, body: village({ name: 'Làng đa máy' }) });
    expect(made.status, made.text).toBe(201);
    const id = (made.json() as { id: number }).id;
    const read = await call(b.url, `${ITEMS}/${id}`);
    expect(read.status).toBe(200);
    expect(read.json()).toMatchObject({ properties: { name: 'Làng đa máy' } });
    const after = await call(b.url, ITEMS);
    expect(after.headers.get('etag')).not.toBe(before.headers.get('etag'));
    expect(after.json()).toMatchObject({ numberMatched: 6 });
    expect((await call(b.url, `${ITEMS}?q=lang da may`)).json()).toMatchObject({ numberMatched: 1 });
  });

  it('a stale If-Match answers 412 on either instance; concurrent PUTs from both: exactly one 200', async () => {
    const v1 = String((await call(a.url, `${ITEMS}/1`)).headers.get('etag'));
    const body = village({ name: 'Bản Phố (A)' });
    const first = await call(a.url, `${ITEMS}/1`, {
      method: 'PUT',
      cookie,
      body,
      headers: { 'if-match': v1 },
    });
    expect(first.status, first.text).toBe(200);
    for (const s of [a, b]) {
      const stale = await call(s.url, `${ITEMS}/1`, {
        method: 'PUT',
        cookie,
        body,
        headers: { 'if-match': v1 },
      });
      expect(stale.status).toBe(412);
      expect(stale.json()).toMatchObject({ code: 'PreconditionFailed', currentVersion: 2 });
    }
    const v2 = String(first.headers.get('etag'));
    const racing = await Promise.all(
      [a, b, a, b].map((s, i) =>
        call(s.url, `${ITEMS}/1`, {
          method: 'PUT',
          cookie,
          body: village({ name: `Racer ${i}` }),
          headers: { 'if-match': v2 },
        }),
      ),
    );
    expect(racing.map((r) => r.status).sort()).toEqual([200, 412, 412, 412]);
    const winner = racing.findIndex((r) => r.status === 200);
    expect((await call(b.url, `${ITEMS}/1`)).json()).toMatchObject({
      properties: { name: `Racer ${winner}` },
    });
    expect((await call(a.url, `${ITEMS}/1`)).headers.get('etag')).toBe('"v3"');
  });

  it('logout on B ends the session on A (another session of the user stays)', async () => {
    const second = await login(b.url, 'eddie');
    expect((await call(a.url, '/api/auth/me', { cookie: second })).json()).toMatchObject({
      user: { username: 'eddie' },
    });
    expect((await call(b.url, '/api/auth/logout', { method: 'POST', cookie: second })).status).toBe(204);
    expect((await call(a.url, '/api/auth/me', { cookie: second })).json()).toEqual({ user: null });
    expect((await call(a.url, '/api/auth/me', { cookie })).json()).toMatchObject({
      user: { username: 'eddie' },
    });
  });

  it('nginx with the sample config spreads requests over both and carries logins and writes', async () => {
    let proxy: TestNginx | undefined;
    try {
      proxy = await startNginx([`127.0.0.1:${a.port}`, `127.0.0.1:${b.port}`]);
      const served = (s: ServerProcess) =>
        s
          .output()
          .split('\n')
          .filter((l) => l.includes('"url":"/api/collections"')).length;
      const before = [served(a), served(b)];
      for (let i = 0; i < 6; i++) expect((await call(proxy.url, '/api/collections')).status).toBe(200);
      // Round robin: both instances answered some of them.
      expect(served(a)).toBeGreaterThan(before[0]!);
      expect(served(b)).toBeGreaterThan(before[1]!);
      const viaProxy = await login(proxy.url, 'eddie');
      for (let i = 0; i < 2; i++) {
        const made = await call(proxy.url, ITEMS, {
          method: 'POST',
          cookie: viaProxy,
          body: village({ name: `Qua nginx ${i}` }),
        });
        expect(made.status, made.text).toBe(201);
        expect(made.headers.get('location')).toMatch(
          new RegExp(`^${proxy.url}/api/collections/craft-villages/items/\\d+$`),
        );
      }
      expect((await call(proxy.url, `${ITEMS}?q=qua nginx`)).json()).toMatchObject({ numberMatched: 2 });
    } finally {
      await proxy?.stop();
    }
  }, 30_000);

  it('the login limiter counts failures on both instances together', async () => {
    const wrong = (s: ServerProcess) =>
      call(s.url, '/api/auth/login', {
        method: 'POST',
        body: { username: 'mallory', password: 'not the password' },
      });
    for (const s of [a, b, a, b, a]) expect((await wrong(s)).status).toBe(401);
    for (const s of [b, a]) {
      const refused = await wrong(s);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    }
  });

  it('kill -9 of one instance during writes: every acknowledged write is in the database', async () => {
    const acknowledged: number[] = [];
    let killed = false;
    const writer = async (n: number) => {
      for (let i = 0; !killed || i < 1; i++) {
        try {
          const made = await call(a.url, ITEMS, {
            method: 'POST',
            cookie,
            body: village({ name: `Ghi ${n}-${i}` }),
          });
          if (made.status === 201) acknowledged.push((made.json() as { id: number }).id);
        } catch {
          return; // the connection died with the process: not acknowledged
        }
      }
    };
    const writers = [1, 2, 3, 4].map(writer);
    while (acknowledged.length < 12) await new Promise((r) => setTimeout(r, 5));
    killed = true;
    await a.kill('SIGKILL');
    await Promise.all(writers);
    expect(a.child.signalCode).toBe('SIGKILL');
    for (const id of acknowledged)
      expect((await call(b.url, `${ITEMS}/${id}`)).status, `feature ${id}`).toBe(200);
    const history = await call(b.url, `${ITEMS}/${acknowledged[0]}/history`, { cookie });
    expect(history.json()).toMatchObject({ history: [{ operation: 'create', version: 1 }] });
  }, 60_000);
});

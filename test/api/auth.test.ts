import { afterEach, describe, expect, it } from 'vitest';
import type { Problem } from '../../server/src/contract/api';
import { INJECT_ORIGIN, loginToken, TEST_PASSWORD } from '../helpers/auth';
import { buildTestApp, FIXTURE_GEODATA, type TestApp, type TestServerOptions } from '../helpers/server';
import { village, writeHeaders } from './write-fixtures';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function app(opts: TestServerOptions = {}): Promise<TestApp> {
  t = await buildTestApp({
    geodataDir: FIXTURE_GEODATA,
    users: [{ username: 'eddie', role: 'editor' }],
    ...opts,
  });
  return t;
}

function login(a: TestApp, username: string, password: string, headers: Record<string, string> = {}) {
  return a.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers: { origin: INJECT_ORIGIN, 'content-type': 'application/json', ...headers },
    payload: { username, password },
  });
}

const me = async (a: TestApp, cookie?: string) =>
  (await a.app.inject({ url: '/api/auth/me', headers: cookie ? { cookie } : {} })).json<{ user: unknown }>()
    .user;

describe('sessions', () => {
  it('login sets an HttpOnly, SameSite=Strict, Path=/ cookie (no Secure over http) and me answers the user', async () => {
    const a = await app();
    const res = await login(a, 'eddie', TEST_PASSWORD);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ user: { username: 'eddie', role: 'editor' } });
    const header = String(res.headers['set-cookie']);
    expect(header).toMatch(/^lcmap_session=[A-Za-z0-9_-]{43};/);
    expect(header).toMatch(/HttpOnly/);
    expect(header).toMatch(/SameSite=Strict/);
    expect(header).toMatch(/Path=\//);
    expect(header).not.toMatch(/Secure/);
    const cookie = header.split(';')[0] ?? '';
    expect(await me(a, cookie)).toEqual({ username: 'eddie', role: 'editor' });
    expect(await me(a)).toBeNull();
    expect(await me(a, 'lcmap_session=garbage')).toBeNull();
  });

  it('the cookie is Secure when the request came over HTTPS (through a trusted proxy)', async () => {
    const a = await app({ env: { TRUST_PROXY: 'true' } });
    const res = await login(a, 'eddie', TEST_PASSWORD, {
      'x-forwarded-proto': 'https',
      origin: 'https://localhost:80',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(String(res.headers['set-cookie'])).toMatch(/; Secure/);
  });

  it('stores only the hash of the token', async () => {
    const a = await app();
    const token = await loginToken(a.app, 'eddie');
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(`${a.dataDir}/app.db`, { readonly: true });
    const rows = db.prepare('SELECT token_hash FROM sessions').pluck().all() as string[];
    db.close();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0]).not.toContain(token);
  });

  it('wrong password and unknown user get the same 401 InvalidCredentials', async () => {
    const a = await app();
    const wrong = await login(a, 'eddie', 'not the password');
    const nobody = await login(a, 'nobody', 'not the password');
    expect(wrong.statusCode).toBe(401);
    expect(nobody.statusCode).toBe(401);
    expect(wrong.json<Problem>().code).toBe('InvalidCredentials');
    expect(wrong.body).toBe(nobody.body);
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });

  it('login needs a same-origin Origin', async () => {
    const a = await app();
    const res = await login(a, 'eddie', TEST_PASSWORD, { origin: 'http://evil.example' });
    expect(res.statusCode).toBe(403);
    expect(res.json<Problem>().code).toBe('CsrfOriginMismatch');
  });

  it('logout ends the session server-side and clears the cookie', async () => {
    const a = await app();
    const cookie = `lcmap_session=${await loginToken(a.app, 'eddie')}`;
    const out = await a.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { origin: INJECT_ORIGIN, cookie },
    });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(/^lcmap_session=;.*Expires=Thu, 01 Jan 1970/);
    expect(await me(a, cookie)).toBeNull();
    const write = await a.app.inject({
      method: 'POST',
      url: '/api/collections/craft-villages/items',
      headers: writeHeaders(cookie),
      payload: JSON.stringify(village()),
    });
    expect(write.statusCode).toBe(401);
  });

  it('a session expires SESSION_TTL_HOURS after its last use and is refreshed by use', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const a = await app({ clock: () => now, env: { SESSION_TTL_HOURS: '2' } });
    const cookie = `lcmap_session=${await loginToken(a.app, 'eddie')}`;
    now += 90 * 60_000;
    expect(await me(a, cookie)).not.toBeNull();
    now += 90 * 60_000;
    expect(await me(a, cookie)).not.toBeNull();
    now += 2 * 3_600_000 + 1000;
    expect(await me(a, cookie)).toBeNull();
    const write = await a.app.inject({
      method: 'POST',
      url: '/api/collections/craft-villages/items',
      headers: writeHeaders(cookie),
      payload: JSON.stringify(village()),
    });
    expect(write.statusCode).toBe(401);
  });

  it('rate limits failed logins per account: the 6th attempt answers 429 with Retry-After, even with the right password', async () => {
    const a = await app();
    for (let i = 0; i < 5; i += 1)
      expect((await login(a, 'eddie', `wrong ${i} password`)).statusCode).toBe(401);
    const limited = await login(a, 'eddie', TEST_PASSWORD);
    expect(limited.statusCode).toBe(429);
    expect(limited.json<Problem>().code).toBe('TooManyRequests');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(900);
  });

  it('rate limits per address across accounts', async () => {
    const a = await app();
    for (let i = 0; i < 5; i += 1) await login(a, `user${i}`, 'wrong password!');
    expect((await login(a, 'eddie', TEST_PASSWORD)).statusCode).toBe(429);
  });

  it('rejects a login body with a missing field (400)', async () => {
    const a = await app();
    const res = await a.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { origin: INJECT_ORIGIN, 'content-type': 'application/json' },
      payload: { username: 'eddie' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
  });
});

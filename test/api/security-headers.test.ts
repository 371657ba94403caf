import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/src/config';
import { OSM_TILE_ORIGIN, securityHeaders } from '../../server/src/plugins/security-headers';
import { addUser, INJECT_ORIGIN, signIn, TEST_PASSWORD } from '../helpers/auth';
import { buildTestApp, FIXTURE_GEODATA, type TestApp } from '../helpers/server';
import { village, writeHeaders } from './write-fixtures';

// Issue 11: security headers on every answer; trusted origin and hosts.

let clientDir: string;
beforeAll(() => {
  clientDir = mkdtempSync(path.join(tmpdir(), 'laocai-client-'));
  mkdirSync(path.join(clientDir, 'assets'));
  writeFileSync(path.join(clientDir, 'index.html'), '<!doctype html><title>map</title>');
  writeFileSync(path.join(clientDir, 'assets', 'app-abc123.js'), 'export {};');
});
afterAll(() => rmSync(clientDir, { recursive: true, force: true }));

/** Answers under /api but the docs are data: a policy that lets such an answer, opened as a page, load nothing. */
const API_CSP = "default-src 'none';frame-ancestors 'self'";
const isData = (url: string) => /^\/api(\/|$|\?)/.test(url) && !url.startsWith('/api/docs');

function expectSecurityHeaders(headers: Record<string, unknown>, what: string, data: boolean): void {
  expect(headers['x-content-type-options'], what).toBe('nosniff');
  expect(headers['referrer-policy'], what).toBe('strict-origin-when-cross-origin');
  expect(headers['strict-transport-security'], what).toBeUndefined();
  const csp = String(headers['content-security-policy']);
  if (data) {
    expect(csp, what).toBe(API_CSP);
    return;
  }
  expect(csp, what).toContain("default-src 'self'");
  expect(csp, what).toContain("script-src 'self'");
  expect(csp, what).not.toMatch(/script-src[^;]*unsafe/);
  expect(csp, what).toContain("worker-src 'self' blob:");
  expect(csp, what).toContain("frame-ancestors 'self'");
  expect(csp, what).toContain("object-src 'none'");
  expect(csp, what).not.toContain('upgrade-insecure-requests');
}

describe('security headers on every answer', () => {
  let t: TestApp;
  let editor: string;
  beforeAll(async () => {
    t = await buildTestApp({ geodataDir: FIXTURE_GEODATA, clientDir });
    editor = await signIn(t.app, { username: 'eddie', role: 'editor' });
  });
  afterAll(async () => t.close());

  it('HTML, SPA routes, assets, API JSON, 304s, 404s, errors, HEAD and OPTIONS', async () => {
    const items = await t.app.inject('/api/collections/craft-villages/items');
    const cases: [string, InjectOptions | string, number][] = [
      ['index.html', '/', 200],
      ['SPA route', '/map/districts', 200],
      ['asset', '/assets/app-abc123.js', 200],
      ['missing asset', '/assets/missing.js', 404],
      ['API JSON', '/api/collections', 200],
      ['GeoJSON page', '/api/collections/craft-villages/items', 200],
      [
        '304',
        {
          url: '/api/collections/craft-villages/items',
          headers: { 'if-none-match': String(items.headers.etag) },
        },
        304,
      ],
      ['API 404', '/api/nothing-here', 404],
      ['400', '/api/collections/craft-villages/items?limit=x', 400],
      [
        '401',
        {
          method: 'POST',
          url: '/api/collections/craft-villages/items',
          headers: writeHeaders(undefined),
          payload: village(),
        },
        401,
      ],
      ['403 CSRF', { method: 'POST', url: '/api/auth/logout', headers: { origin: 'http://evil.test' } }, 403],
      [
        '415',
        {
          method: 'POST',
          url: '/api/auth/login',
          headers: { origin: INJECT_ORIGIN, 'content-type': 'text/plain' },
          payload: 'x',
        },
        415,
      ],
      [
        '422',
        {
          method: 'POST',
          url: '/api/collections/craft-villages/items',
          headers: writeHeaders(editor),
          payload: village({ craft: 'x' }),
        },
        422,
      ],
      ['HEAD', { method: 'HEAD', url: '/api/collections' }, 200],
      ['OPTIONS', { method: 'OPTIONS', url: '/api/collections/craft-villages/items' }, 200],
      ['421', { url: '/api', headers: { host: 'evil.test' } }, 421],
      // Fastify refuses it before routing (plugins/framework-errors.ts): the app's policy.
      ['bad URL', '/api/%E0%A4%A', 400],
      ['docs', '/api/docs/', 200],
      ['OpenAPI', '/api/openapi.json', 200],
    ];
    for (const [what, request, status] of cases) {
      const res = await t.app.inject(request);
      expect(res.statusCode, what).toBe(status);
      const url = typeof request === 'string' ? request : String(request.url);
      expectSecurityHeaders(res.headers, what, isData(url) && what !== 'bad URL');
    }
  });

  it('the docs page alone allows inline styles (Swagger UI injects them); scripts stay strict', async () => {
    const docs = await t.app.inject('/api/docs/');
    expect(docs.headers['content-security-policy']).toContain("style-src 'self' 'unsafe-inline'");
    const app = await t.app.inject('/');
    expect(app.headers['content-security-policy']).toContain("style-src 'self';");
  });

  it('HSTS only on answers to HTTPS requests (through a trusted proxy)', async () => {
    const proxied = await buildTestApp({
      geodataDir: FIXTURE_GEODATA,
      clientDir,
      env: { TRUST_PROXY: 'true' },
    });
    try {
      const https = await proxied.app.inject({ url: '/api', headers: { 'x-forwarded-proto': 'https' } });
      expect(https.headers['strict-transport-security']).toMatch(/^max-age=\d{7,}/);
      const http = await proxied.app.inject({ url: '/api', headers: { 'x-forwarded-proto': 'http' } });
      expect(http.headers['strict-transport-security']).toBeUndefined();
      const error = await proxied.app.inject({ url: '/api/nope', headers: { 'x-forwarded-proto': 'https' } });
      expect(error.headers['strict-transport-security']).toMatch(/^max-age=/);
    } finally {
      await proxied.close();
    }
    // Without TRUST_PROXY a forged X-Forwarded-Proto changes nothing.
    const t2 = await buildTestApp({ geodataDir: FIXTURE_GEODATA, clientDir });
    try {
      const forged = await t2.app.inject({ url: '/api', headers: { 'x-forwarded-proto': 'https' } });
      expect(forged.headers['strict-transport-security']).toBeUndefined();
    } finally {
      await t2.close();
    }
  });
});

describe('the Content-Security-Policy from the configuration', () => {
  it('API answers: nothing may load, framing as FRAME_ANCESTORS says; no opener policy (not a page)', () => {
    const api = (env: Record<string, string>) => new Map(securityHeaders(loadConfig(env), 'api'));
    expect(api({}).get('content-security-policy')).toBe(API_CSP);
    expect(api({}).has('cross-origin-opener-policy')).toBe(false);
    expect(new Map(securityHeaders(loadConfig({}))).get('cross-origin-opener-policy')).toBe('same-origin');
    const portal = api({ FRAME_ANCESTORS: "'self' https://portal.laocai.gov.vn" });
    expect(portal.get('content-security-policy')).toBe(
      "default-src 'none';frame-ancestors 'self' https://portal.laocai.gov.vn",
    );
    expect(api({ FRAME_ANCESTORS: "'none'" }).get('x-frame-options')).toBe('DENY');
  });

  const csp = (env: Record<string, string>) =>
    new Map(securityHeaders(loadConfig(env))).get('content-security-policy') ?? '';

  it('allows the OSM tiles the client offers and the origin of BASEMAP_STYLE_URL, nothing else', () => {
    const basemaps = readFileSync(path.resolve('client/src/map/basemap/basemaps.ts'), 'utf8');
    const tiles = /tiles: \['(https:\/\/[^']+)'\]/.exec(basemaps)?.[1] ?? '';
    expect(new URL(tiles.replace(/[{}]/g, '')).origin).toBe(OSM_TILE_ORIGIN);
    expect(csp({})).toMatch(new RegExp(`connect-src 'self' ${OSM_TILE_ORIGIN};`));
    const custom = csp({ BASEMAP_STYLE_URL: 'https://tiles.example.vn/styles/basic/style.json' });
    expect(custom).toContain(`connect-src 'self' ${OSM_TILE_ORIGIN} https://tiles.example.vn;`);
    expect(custom).toContain(`img-src 'self' data: blob: ${OSM_TILE_ORIGIN} https://tiles.example.vn;`);
  });

  it('FRAME_ANCESTORS sets who may embed the app', () => {
    expect(csp({ FRAME_ANCESTORS: "'self' https://portal.laocai.gov.vn" })).toContain(
      "frame-ancestors 'self' https://portal.laocai.gov.vn",
    );
    const none = new Map(securityHeaders(loadConfig({ FRAME_ANCESTORS: "'none'" })));
    expect(none.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(none.get('x-frame-options')).toBe('DENY');
    expect(() => loadConfig({ FRAME_ANCESTORS: 'javascript:x' })).toThrow(/FRAME_ANCESTORS/);
  });
});

describe('trusted origin and hosts', () => {
  describe('without PUBLIC_ORIGIN (local use)', () => {
    let t: TestApp;
    let editor: string;
    beforeAll(async () => {
      t = await buildTestApp({ geodataDir: FIXTURE_GEODATA });
      editor = await signIn(t.app, { username: 'eddie', role: 'editor' });
    });
    afterAll(async () => t.close());

    it('answers localhost, IP addresses and HOST; refuses a DNS name with 421', async () => {
      for (const host of [
        'localhost',
        'localhost:3000',
        '127.0.0.1',
        '127.0.0.1:3000',
        '[::1]:3000',
        '192.168.1.20:3000',
      ]) {
        expect((await t.app.inject({ url: '/api', headers: { host } })).statusCode, host).toBe(200);
      }
      for (const host of ['evil.test', 'evil.test:3000', 'localhost.evil.test', '127.0.0.1.nip.io', 'a b']) {
        const res = await t.app.inject({ url: '/api', headers: { host } });
        expect(res.statusCode, host).toBe(421);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      }
    });

    it('Host: evil + Origin: http://evil (DNS rebinding) cannot write', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/collections/craft-villages/items',
        headers: { ...writeHeaders(editor), host: 'evil.test', origin: 'http://evil.test' },
        payload: village(),
      });
      expect(res.statusCode).toBe(421);
      expect(JSON.parse(res.body).code).toBe('MisdirectedRequest');
    });

    it('a write from the origin it came in on passes; another port or scheme does not', async () => {
      const headers = (origin: string) => ({ ...writeHeaders(editor), host: '127.0.0.1:3000', origin });
      const post = (origin: string) =>
        t.app.inject({
          method: 'POST',
          url: '/api/collections/craft-villages/items',
          headers: headers(origin),
          payload: village(),
        });
      expect((await post('http://127.0.0.1:3000')).statusCode).toBe(201);
      expect((await post('http://127.0.0.1:8080')).statusCode).toBe(403);
      expect((await post('https://127.0.0.1:3000')).statusCode).toBe(403);
      expect((await post('http://localhost:3000')).statusCode).toBe(403);
    });
  });

  describe('with PUBLIC_ORIGIN', () => {
    let t: TestApp;
    let editor: string;
    const ORIGIN = 'https://map.laocai.example';
    beforeAll(async () => {
      t = await buildTestApp({
        geodataDir: FIXTURE_GEODATA,
        env: { PUBLIC_ORIGIN: ORIGIN, TRUST_PROXY: 'true' },
      });
      editor = await signInPublic(t);
    });
    afterAll(async () => t.close());

    /** Signs in through the public origin, as a browser behind the TLS proxy would. */
    async function signInPublic(app: TestApp): Promise<string> {
      await addUser(app.app, { username: 'eddie', role: 'editor' });
      const res = await app.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: {
          host: 'map.laocai.example',
          'x-forwarded-proto': 'https',
          origin: ORIGIN,
          'content-type': 'application/json',
        },
        payload: { username: 'eddie', password: TEST_PASSWORD },
      });
      const cookie = res.cookies.find((c) => c.name === 'lcmap_session');
      if (!cookie) throw new Error(`login failed ${res.statusCode} ${res.body}`);
      return `lcmap_session=${cookie.value}`;
    }

    it('answers only its own host; even localhost is refused', async () => {
      const ok = await t.app.inject({
        url: '/api',
        headers: { host: 'map.laocai.example', 'x-forwarded-proto': 'https' },
      });
      expect(ok.statusCode).toBe(200);
      for (const host of ['localhost', '127.0.0.1:3000', 'evil.test', 'map.laocai.example.evil.test']) {
        const res = await t.app.inject({ url: '/api', headers: { host, 'x-forwarded-proto': 'https' } });
        expect(res.statusCode, host).toBe(421);
      }
    });

    it('writes need Origin = PUBLIC_ORIGIN, not the Host the request names', async () => {
      const post = (origin: string) =>
        t.app.inject({
          method: 'POST',
          url: '/api/collections/craft-villages/items',
          headers: {
            ...writeHeaders(editor),
            host: 'map.laocai.example',
            'x-forwarded-proto': 'https',
            origin,
          },
          payload: village(),
        });
      expect((await post(ORIGIN)).statusCode).toBe(201);
      expect((await post('http://map.laocai.example')).statusCode).toBe(403);
      expect((await post('https://evil.test')).statusCode).toBe(403);
      expect((await post('null')).statusCode).toBe(403);
    });

    it('refuses a bad PUBLIC_ORIGIN at start, naming it', () => {
      expect(() => loadConfig({ PUBLIC_ORIGIN: 'map.laocai.example' })).toThrow(/PUBLIC_ORIGIN/);
      expect(() => loadConfig({ PUBLIC_ORIGIN: 'https://map.laocai.example/app' })).toThrow(/PUBLIC_ORIGIN/);
      expect(
        loadConfig({ PUBLIC_ORIGIN: 'https://MAP.example:443, http://10.0.0.5:3000' }).publicOrigins,
      ).toEqual(['https://map.example', 'http://10.0.0.5:3000']);
    });
  });
});

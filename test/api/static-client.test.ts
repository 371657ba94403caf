import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, FIXTURE_GEODATA, type TestApp } from '../helpers/server';

let clientDir: string;
let t: TestApp;
beforeAll(async () => {
  clientDir = mkdtempSync(path.join(tmpdir(), 'laocai-client-'));
  mkdirSync(path.join(clientDir, 'assets'));
  writeFileSync(path.join(clientDir, 'index.html'), '<!doctype html><title>map</title>');
  writeFileSync(path.join(clientDir, 'assets', 'app-abc123.js'), 'export {};');
  t = await buildTestApp({ geodataDir: FIXTURE_GEODATA, clientDir });
});
afterAll(async () => {
  await t.close();
  rmSync(clientDir, { recursive: true, force: true });
});

describe('built client at /', () => {
  it('serves index.html at / and for client routes (SPA fallback)', async () => {
    for (const url of ['/', '/map/districts', '/en?layer=clusters']) {
      const res = await t.app.inject(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toMatch(/^text\/html/);
      expect(res.body).toContain('<title>map</title>');
    }
  });

  it('serves hashed assets as immutable, and a missing file is a 404 problem', async () => {
    const asset = await t.app.inject('/assets/app-abc123.js');
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    const missing = await t.app.inject('/assets/missing.js');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('never answers an unknown /api path with the client', async () => {
    const res = await t.app.inject('/api/unknown');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('answers 503 with how to build when the client is missing', async () => {
    const own = await buildTestApp({ geodataDir: FIXTURE_GEODATA, clientDir: path.join(clientDir, 'nope') });
    for (const url of ['/', '/map']) {
      const res = await own.app.inject(url);
      expect(res.statusCode).toBe(503);
      expect(res.json<{ detail: string }>().detail).toMatch(/npm run build/);
    }
    expect((await own.app.inject('/api')).statusCode).toBe(200);
    await own.close();
  });
});

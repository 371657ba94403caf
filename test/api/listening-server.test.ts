import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ItemsResponse } from '../../server/src/contract/api';
import { startTestServer } from '../helpers/server';

const run = promisify(execFile);
let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());

describe('a real listening server', () => {
  it('binds 127.0.0.1 on a free port and answers fetch with gzip', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${server.url}/api/collections/craft-villages/items?limit=3`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/geo\+json/);
    const body = (await res.json()) as ItemsResponse;
    expect(body.numberReturned).toBe(3);
    expect(body.links.find((l) => l.rel === 'next')?.href.startsWith(`${server.url}/api/`)).toBe(true);
    const big = await fetch(`${server.url}/api/collections/districts/items`, {
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(big.headers.get('content-encoding')).toBe('gzip');
  });

  it("GDAL's ogrinfo reads the craft-villages layer over OAPIF with its count and fields", async () => {
    const ogrinfo = await run('ogrinfo', ['--version']).catch(() => undefined);
    if (!ogrinfo) throw new Error('ogrinfo (GDAL) is missing: apt-get install gdal-bin');
    const count = (
      (await (
        await fetch(`${server.url}/api/collections/craft-villages/items?limit=1`)
      ).json()) as ItemsResponse
    ).numberMatched;
    const { stdout } = await run('ogrinfo', ['-ro', '-so', `OAPIF:${server.url}/api`, 'craft-villages'], {
      timeout: 30_000,
      env: { ...process.env, GDAL_HTTP_TIMEOUT: '20', CPL_DEBUG: 'OFF' },
    });
    expect(stdout).toContain('Layer name: craft-villages');
    expect(stdout).toContain(`Feature Count: ${count}`);
    expect(stdout).toMatch(/Geometry: Point/);
    for (const field of [
      'name: String',
      'district_code: String',
      'craft: String',
      'confidence: String',
      'location_precision: String',
    ]) {
      expect(stdout).toContain(field);
    }
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { FastifyRequest } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/src/app';
import { loadConfig } from '../../server/src/config';
import { acceptsGzip, ResponseCache } from '../../server/src/plugins/response-cache';
import { INJECT_ORIGIN, signIn } from '../helpers/auth';
import { buildTestApp, FIXTURE_GEODATA, type TestApp } from '../helpers/server';
import { village } from './write-fixtures';

const ITEMS = '/api/collections/craft-villages/items';
const INDICATOR = '/api/indicators/craft_village_count';
const body = (n: number) => ({ body: Buffer.alloc(n, 'x'), type: 'text/plain' });

describe('ResponseCache (bounded LRU per data revision)', () => {
  it('keeps the most recently used answers within its byte budget', () => {
    const cache = new ResponseCache(10_000);
    for (const key of ['a', 'b', 'c']) {
      expect(cache.get(key, 1)).toBeUndefined();
      cache.set(key, 1, body(2000));
    }
    expect(cache.get('a', 1)?.body.length).toBe(2000); // a is now the most recent
    cache.set('d', 1, body(2000));
    // Over 10,000 bytes with overheads: a new key gets in only when asked again (admission)…
    cache.set('e', 1, body(2000));
    expect(cache.get('e', 1)).toBeUndefined();
    cache.set('e', 1, body(2000)); // …and then b, the least recent, goes
    expect(cache.get('b', 1)).toBeUndefined();
    expect(cache.get('a', 1)).toBeDefined();
    expect(cache.get('e', 1)).toBeDefined();
    expect(cache.bytes).toBeLessThanOrEqual(10_000);
  });

  it('when full, stores an answer only on its second asking: unique requests (a map panning) evict nothing', () => {
    const cache = new ResponseCache(10_000);
    cache.get('a', 1); // the cache is at revision 1
    for (const key of ['a', 'b', 'c', 'd']) cache.set(key, 1, body(2000)); // room: stored at once
    for (let i = 0; i < 10_000; i++) cache.set(`box-${i}`, 1, body(2000)); // each asked once
    for (const key of ['a', 'b', 'c', 'd']) expect(cache.get(key, 1), key).toBeDefined();
    expect(cache.get('box-9999', 1)).toBeUndefined();
    cache.set('box-9999', 1, body(2000)); // asked again, among the last SEEN_KEYS refused: stored
    expect(cache.get('box-9999', 1)).toBeDefined();
    cache.set('box-0', 1, body(2000)); // asked again after 9,999 others: forgotten, refused again
    expect(cache.get('box-0', 1)).toBeUndefined();
    cache.set('box-0', 1, body(2000));
    expect(cache.get('box-0', 1)).toBeDefined();
    expect(cache.bytes).toBeLessThanOrEqual(10_000);
  });

  it('drops everything when the revision changes, and never stores an answer of another revision', () => {
    const cache = new ResponseCache(1_000_000);
    cache.get('k', 1);
    cache.set('k', 1, body(10));
    expect(cache.get('k', 1)).toBeDefined();
    expect(cache.get('k', 2)).toBeUndefined();
    expect(cache.size).toBe(0);
    cache.set('old', 1, body(10)); // computed before the edit that made revision 2
    expect(cache.get('old', 2)).toBeUndefined();
  });

  it('does not store an answer larger than a quarter of the budget (or anything with budget 0)', () => {
    const cache = new ResponseCache(4000);
    cache.get('big', 1);
    cache.set('big', 1, body(1000));
    expect(cache.size).toBe(0);
    const off = new ResponseCache(0);
    off.get('x', 1);
    off.set('x', 1, body(1));
    expect(off.size).toBe(0);
  });
});

describe('acceptsGzip', () => {
  const req = (headers: Record<string, string>) => ({ headers }) as unknown as FastifyRequest;
  it.each([
    ['gzip, deflate, br', true],
    ['br;q=1.0, gzip;q=0.8', true],
    ['*', true],
    ['gzip;q=0', false],
    ['br', false],
    ['identity', false],
  ])('%s → %s', (header, expected) => {
    expect(acceptsGzip(req({ 'accept-encoding': header }))).toBe(expected);
  });
  it('is false without the header or with x-no-compression', () => {
    expect(acceptsGzip(req({}))).toBe(false);
    expect(acceptsGzip(req({ 'accept-encoding': 'gzip', 'x-no-compression': '1' }))).toBe(false);
  });
});

describe('response cache in the app', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildTestApp({ geodataDir: FIXTURE_GEODATA });
  });
  afterEach(async () => t.close());

  it('answers a repeated items page from the cache, byte for byte but for a fresh timeStamp', async () => {
    const first = await t.app.inject(`${ITEMS}?limit=2`);
    const hits = t.app.responseCache.hits;
    await new Promise((r) => setTimeout(r, 5));
    const second = await t.app.inject(`${ITEMS}?limit=2`);
    expect(t.app.responseCache.hits).toBe(hits + 1);
    const stamp = (b: string) => (JSON.parse(b) as { timeStamp: string }).timeStamp;
    // OGC API – Features: timeStamp is when the answer was made, also from the cache.
    expect(Date.parse(stamp(second.body))).toBeGreaterThan(Date.parse(stamp(first.body)));
    expect(second.body.replace(stamp(second.body), '')).toBe(first.body.replace(stamp(first.body), ''));
    expect(second.headers['content-type']).toBe(first.headers['content-type']);
    expect(second.headers.etag).toBe(first.headers.etag);
    // Another URL or another host (links are absolute) is another entry.
    const other = await t.app.inject({ url: `${ITEMS}?limit=2`, headers: { host: '192.0.2.7:8080' } });
    expect(other.body).toContain('http://192.0.2.7:8080/api/');
    expect(first.body).not.toContain('192.0.2.7');
  });

  it('an items page gzipped from the cache carries a fresh timeStamp, compressed once around it', async () => {
    const url = `${ITEMS}?limit=50`;
    const gz = async () => t.app.inject({ url, headers: { 'accept-encoding': 'gzip' } });
    const stamp = (b: string) => (JSON.parse(b) as { timeStamp: string }).timeStamp;
    const first = await gz(); // made and stored
    const plain =
      first.headers['content-encoding'] === 'gzip' ? gunzipSync(first.rawPayload).toString() : first.body;
    const stored = t.app.responseCache.bytes;
    const second = await gz(); // a hit: the parts around the timeStamp are compressed and kept
    expect(second.headers['content-encoding']).toBe('gzip');
    const bytes = t.app.responseCache.bytes;
    expect(bytes).toBeGreaterThan(stored);
    await new Promise((r) => setTimeout(r, 5));
    const third = await gz();
    expect(t.app.responseCache.bytes).toBe(bytes); // nothing compressed or stored again
    const a = gunzipSync(second.rawPayload).toString();
    const b = gunzipSync(third.rawPayload).toString();
    expect(Date.parse(stamp(b))).toBeGreaterThan(Date.parse(stamp(a)));
    expect(b.replace(stamp(b), '')).toBe(plain.replace(stamp(plain), ''));
    expect(third.rawPayload.length).toBeLessThan(Buffer.byteLength(b) / 3);
  });

  it('keeps a gzipped copy for clients that accept gzip, made once; others get what they ask', async () => {
    const url = '/api/collections';
    const plain = await t.app.inject(url);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const gz = async () => t.app.inject({ url, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    const first = await gz();
    expect(first.headers['content-encoding']).toBe('gzip');
    expect(first.headers.vary).toMatch(/accept-encoding/i);
    expect(first.headers.etag).toBe(plain.headers.etag);
    expect(gunzipSync(first.rawPayload).toString()).toBe(plain.body);
    const bytes = t.app.responseCache.bytes;
    const second = await gz();
    expect(second.rawPayload.equals(first.rawPayload)).toBe(true);
    expect(t.app.responseCache.bytes).toBe(bytes);
    const refused = await t.app.inject({ url, headers: { 'accept-encoding': 'gzip;q=0' } });
    expect(refused.headers['content-encoding']).toBeUndefined();
    expect(refused.body).toBe(plain.body);
    const brOnly = await t.app.inject({ url, headers: { 'accept-encoding': 'br' } });
    expect(brOnly.headers['content-encoding']).toBe('br');
    const again = await t.app.inject({
      url,
      headers: { 'accept-encoding': 'gzip', 'if-none-match': first.headers.etag as string },
    });
    expect(again.statusCode).toBe(304);
  });

  it('shows an edit on the next request of a cached items page and indicator', async () => {
    const page = async () =>
      JSON.parse((await t.app.inject(`${ITEMS}?limit=1`)).body) as {
        numberMatched: number;
        timeStamp: unknown;
      };
    const count = async () => {
      const res = JSON.parse((await t.app.inject(INDICATOR)).body) as {
        values: { district_code: string; value: number }[];
      };
      return res.values.find((v) => v.district_code === '082')?.value;
    };
    const before = await page();
    const beforeCount = await count();
    expect({ ...(await page()), timeStamp: 0 }).toEqual({ ...before, timeStamp: 0 }); // now cached
    expect(await count()).toBe(beforeCount);
    const editor = await signIn(t.app, { username: 'eddie', role: 'editor' });
    const created = await t.app.inject({
      method: 'POST',
      url: ITEMS,
      headers: { cookie: editor, origin: INJECT_ORIGIN, 'content-type': 'application/geo+json' },
      payload: village(),
    });
    expect(created.statusCode).toBe(201);
    expect((await page()).numberMatched).toBe(before.numberMatched + 1);
    expect(beforeCount).toBeTypeOf('number');
    expect(await count()).toBe((beforeCount ?? 0) + 1);
  });

  it('stores nothing with a budget of 0 (answers are still right)', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'laocai-nocache-'));
    const config = loadConfig({
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      GEODATA_DIR: FIXTURE_GEODATA,
      CLIENT_DIR: dataDir,
    });
    const app = await buildApp(config, { responseCacheBytes: 0 });
    try {
      const a = await app.inject(`${ITEMS}?limit=2`);
      const b = await app.inject(`${ITEMS}?limit=2`);
      expect(a.statusCode).toBe(200);
      expect(JSON.parse(b.body).features).toEqual(JSON.parse(a.body).features);
      expect(app.responseCache.size).toBe(0);
      expect(app.responseCache.hits).toBe(0);
    } finally {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('request log', () => {
  it('writes one line per request with the request id, method, URL, status and time', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'laocai-reqlog-'));
    const lines: string[] = [];
    const config = loadConfig({
      DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      GEODATA_DIR: FIXTURE_GEODATA,
      CLIENT_DIR: dataDir,
    });
    const app = await buildApp(config, { logStream: { write: (line) => lines.push(line) } });
    try {
      lines.length = 0;
      const res = await app.inject({ url: `${ITEMS}?limit=1`, headers: { 'x-request-id': 'trace-7' } });
      expect(res.headers['x-request-id']).toBe('trace-7');
      const mine = lines
        .map((l) => JSON.parse(l) as Record<string, unknown>)
        .filter((l) => l.reqId === 'trace-7');
      expect(mine).toHaveLength(1);
      expect(mine[0]).toMatchObject({
        method: 'GET',
        url: `${ITEMS}?limit=1`,
        statusCode: 200,
        msg: 'request',
      });
      expect(typeof mine[0]?.ms).toBe('number');
    } finally {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

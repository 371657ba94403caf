import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog, loadSeedData } from '../../server/src/catalog/load-catalog';
import { buildTestApp, FIXTURE_GEODATA, type TestApp } from '../helpers/server';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ geodataDir: FIXTURE_GEODATA });
});
afterAll(async () => t.close());

describe('ETag and 304', () => {
  it.each([
    ['/api'],
    ['/api/collections'],
    ['/api/collections/craft-villages'],
    ['/api/collections/craft-villages/items?limit=2'],
    ['/api/collections/craft-villages/items/1'],
    ['/api/collections/craft-villages/queryables'],
    ['/api/indicators'],
    ['/api/indicators/establishments?year=2008'],
  ])('%s has an ETag and answers 304 to If-None-Match', async (url) => {
    const first = await t.app.inject(url);
    const etag = first.headers.etag as string;
    // Weak for bodies that depend on data + URL; a feature item has the strong version tag "v<n>".
    expect(etag).toMatch(url.includes('/items/') ? /^"v\d+"$/ : /^W\/".+"$/);
    const again = await t.app.inject({ url, headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    const other = await t.app.inject({ url, headers: { 'if-none-match': 'W/"something-else"' } });
    expect(other.statusCode).toBe(200);
  });

  it('the items ETag changes when the data changes', async () => {
    const own = await buildTestApp({ geodataDir: FIXTURE_GEODATA });
    const url = '/api/collections/craft-villages/items';
    const before = (await own.app.inject(url)).headers.etag as string;
    const catalog = loadCatalog(FIXTURE_GEODATA);
    const seed = loadSeedData(FIXTURE_GEODATA, catalog);
    await own.app.store.seed({ ...seed, features: seed.features.slice(1) }, { replace: true });
    const after = await own.app.inject({ url, headers: { 'if-none-match': before } });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(before);
    await own.close();
  });
});

describe('compression', () => {
  it('compresses large bodies when asked, not small ones', async () => {
    const big = await t.app.inject({ url: '/api/openapi.json', headers: { 'accept-encoding': 'gzip' } });
    expect(big.headers['content-encoding']).toBe('gzip');
    const small = await t.app.inject({ url: '/api/app-config', headers: { 'accept-encoding': 'gzip' } });
    expect(small.headers['content-encoding']).toBeUndefined();
  });
});

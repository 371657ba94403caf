import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SeedData } from '../../server/src/catalog/catalog';
import { loadCatalog, loadSeedData } from '../../server/src/catalog/load-catalog';
import type { ApiFeature, ItemsResponse } from '../../server/src/contract/api';
import { buildTestApp, FIXTURE_GEODATA, type TestApp } from '../helpers/server';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ geodataDir: FIXTURE_GEODATA });
});
afterAll(async () => t.close());

async function items(url: string): Promise<ItemsResponse> {
  const res = await t.app.inject(url);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<ItemsResponse>();
}

/** Fixture data plus `n` synthetic village points (ids 1001…), clearly fake. */
function seedWithVillages(n: number): SeedData {
  const seed = loadSeedData(FIXTURE_GEODATA, loadCatalog(FIXTURE_GEODATA));
  const extra = Array.from({ length: n }, (_, i) => ({
    collection: 'craft-villages',
    id: 1001 + i,
    properties: {
      name: `Synthetic village ${i}`,
      district_code: '086',
      craft: 'forging',
      source: 'test',
      confidence: 'illustrative',
    },
    geometry: {
      type: 'Point' as const,
      coordinates: [104 + (i % 100) * 0.001, 22.2 + Math.floor(i / 100) * 0.001],
    },
  }));
  return { ...seed, features: [...seed.features, ...extra] };
}

describe('items', () => {
  it('is a GeoJSON FeatureCollection with counts, timeStamp and typed links', async () => {
    const res = await t.app.inject('/api/collections/craft-villages/items');
    expect(res.headers['content-type']).toMatch(/^application\/geo\+json/);
    const body = res.json<ItemsResponse>();
    expect(body.type).toBe('FeatureCollection');
    expect(body.numberMatched).toBe(5);
    expect(body.numberReturned).toBe(5);
    expect(Date.parse(body.timeStamp)).not.toBeNaN();
    expect(body.features.map((f) => f.id)).toEqual([1, 2, 3, 4, 5]);
    expect(body.links.map((l) => `${l.rel} ${l.type}`)).toEqual([
      'self application/geo+json',
      'alternate application/json',
      'alternate text/csv',
      'alternate application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'alternate application/vnd.google-earth.kml+xml',
      'collection application/json',
    ]);
  });

  it('f=json answers application/json', async () => {
    const res = await t.app.inject('/api/collections/craft-villages/items?f=json');
    expect(res.headers['content-type']).toMatch(/^application\/json/);
  });

  it('pages with next and prev links that keep the other parameters', async () => {
    const body = await items('/api/collections/craft-villages/items?limit=2&offset=2&craft=brocade_weaving');
    expect(body.numberMatched).toBe(2);
    expect(body.numberReturned).toBe(0);
    const prev = body.links.find((l) => l.rel === 'prev')!;
    expect(prev.type).toBe('application/geo+json');
    expect(new URL(prev.href).searchParams.get('craft')).toBe('brocade_weaving');
    expect(new URL(prev.href).searchParams.get('offset')).toBe('0');
    const first = await items('/api/collections/craft-villages/items?limit=1');
    const next = first.links.find((l) => l.rel === 'next')!;
    expect(next.type).toBe('application/geo+json');
    expect(new URL(next.href).searchParams.get('offset')).toBe('1');
  });

  it('following next links returns every feature exactly once', async () => {
    const own = await buildTestApp({ geodataDir: FIXTURE_GEODATA });
    await own.app.store.seed(seedWithVillages(250), { replace: true });
    const seen: number[] = [];
    let url: string | undefined = '/api/collections/craft-villages/items?limit=17';
    let pages = 0;
    while (url) {
      const page: ItemsResponse = (await own.app.inject(url)).json();
      expect(page.numberMatched).toBe(255);
      seen.push(...page.features.map((f) => f.id));
      const next = page.links.find((l) => l.rel === 'next');
      url = next ? new URL(next.href).pathname + new URL(next.href).search : undefined;
      pages += 1;
    }
    expect(pages).toBe(Math.ceil(255 / 17));
    expect(seen).toHaveLength(255);
    expect(new Set(seen).size).toBe(255);
    await own.close();
  });

  it('clamps a limit above 10,000 instead of failing', async () => {
    const own = await buildTestApp({ geodataDir: FIXTURE_GEODATA });
    await own.app.store.seed(seedWithVillages(10_100), { replace: true });
    const body: ItemsResponse = (
      await own.app.inject('/api/collections/craft-villages/items?limit=50000')
    ).json();
    expect(body.numberReturned).toBe(10_000);
    expect(body.numberMatched).toBe(10_105);
    const next = new URL(body.links.find((l) => l.rel === 'next')!.href);
    expect(next.searchParams.get('limit')).toBe('10000');
    expect(next.searchParams.get('offset')).toBe('10000');
    await own.close();
  });

  it('filters by bbox, property and q together', async () => {
    expect(
      (await items('/api/collections/craft-villages/items?bbox=103.65,22.45,103.86,22.65')).features.map(
        (f) => f.id,
      ),
    ).toEqual([1, 2, 5]);
    expect(
      (
        await items('/api/collections/craft-villages/items?district_code=082&craft=brocade_weaving')
      ).features.map((f) => f.id),
    ).toEqual([2, 5]);
    expect((await items('/api/collections/craft-villages/items?recognition_year=2015')).numberMatched).toBe(
      2,
    );
    expect(
      (await items('/api/collections/craft-villages/items?q=ban%20pho')).features.map((f) => f.id),
    ).toEqual([1]);
    expect(
      (
        await items('/api/collections/craft-villages/items?q=B%E1%BA%A2N&bbox=103.8,22.4,104,22.7')
      ).features.map((f) => f.id),
    ).toEqual([5]);
  });

  it('gets one feature by integer id with self, alternate and collection links', async () => {
    const res = await t.app.inject('/api/collections/craft-villages/items/3');
    expect(res.headers['content-type']).toMatch(/^application\/geo\+json/);
    const f = res.json<ApiFeature>();
    expect(f).toMatchObject({ type: 'Feature', id: 3, properties: { name: 'Rèn Đồng Tuyển' } });
    expect(f.links?.map((l) => `${l.rel} ${l.type}`)).toEqual([
      'self application/geo+json',
      'alternate application/json',
      'collection application/json',
    ]);
  });
});

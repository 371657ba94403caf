import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ItemsResponse, Link } from '../../server/src/contract/api';
import type { TileSetMetadata } from '../../server/src/contract/tiles';
import { INJECT_ORIGIN, signIn } from '../helpers/auth';
import { type DecodedFeature, decodeTile, pointsIn, tileAt } from '../helpers/mvt';
import { buildTestApp, FIXTURE_GEODATA, SHIPPED_GEODATA, type TestApp } from '../helpers/server';

// Issue 10: the tiles endpoint takes the filter parameters of the items route (queryables, q,
// datetime, CQL2 filter): a tile then holds only the matching features, and its clusters count
// only them. Each kind is checked against the items route's own answer for the same parameters.

const V = '/api/collections/craft-villages';
const tileUrl = (t: { z: number; x: number; y: number }, query = '', collection = V) =>
  `${collection}/tiles/WebMercatorQuad/${t.z}/${t.y}/${t.x}${query ? `?${query}` : ''}`;

/** Craft villages of the fixture (test/fixtures/server/geodata): id → lon/lat. */
const VILLAGES: Record<number, [number, number]> = {
  1: [103.7, 22.5],
  2: [103.8, 22.6],
  3: [103.95, 22.45],
  4: [104.1, 22.2],
  5: [103.85, 22.45],
};

let fixture: TestApp;
let shipped: TestApp;
beforeAll(async () => {
  [fixture, shipped] = await Promise.all([
    buildTestApp({ geodataDir: FIXTURE_GEODATA }),
    buildTestApp({ geodataDir: SHIPPED_GEODATA }),
  ]);
});
afterAll(async () => Promise.all([fixture?.close(), shipped?.close()]));

async function tileFeatures(t: TestApp, url: string, layer: string): Promise<DecodedFeature[]> {
  const res = await t.app.inject(url);
  if (res.statusCode === 204) return [];
  expect(res.statusCode, `${url}: ${res.body.slice(0, 200)}`).toBe(200);
  return decodeTile(res.rawPayload)[layer]?.features ?? [];
}

async function matchedIds(t: TestApp, collection: string, query: string): Promise<number[]> {
  const res = await t.app.inject(`${collection}/items?limit=1000&${query}`);
  expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
  return res
    .json<ItemsResponse>()
    .features.map((f) => Number(f.id))
    .sort((a, b) => a - b);
}

/** Ids of the single points of the deep (z16) tiles at every fixture village. */
async function deepIds(query: string): Promise<number[]> {
  const ids: number[] = [];
  for (const [lon, lat] of Object.values(VILLAGES)) {
    const features = await tileFeatures(fixture, tileUrl(tileAt(lon, lat, 16), query), 'craft-villages');
    ids.push(...features.map((f) => Number(f.id)));
  }
  return ids.sort((a, b) => a - b);
}

describe('tiles narrowed by the items filter parameters', () => {
  const kinds: [string, string, number[]][] = [
    ['a queryable (enum)', 'craft=wine_distilling', [1, 4]],
    ['two queryables', 'district_code=082&craft=brocade_weaving', [2, 5]],
    ['a numeric queryable', 'recognition_year=2015', [3, 4]],
    ['free text q (ignoring case and diacritics)', 'q=ruou', [1, 4]],
    ['CQL2 text', `filter=${encodeURIComponent('recognition_year >= 2015')}`, [3, 4, 5]],
    [
      'CQL2 JSON',
      `filter-lang=cql2-json&filter=${encodeURIComponent(
        JSON.stringify({ op: '=', args: [{ property: 'craft' }, 'forging'] }),
      )}`,
      [3],
    ],
    [
      'CQL2 spatial',
      `filter=${encodeURIComponent('S_INTERSECTS(geometry, BBOX(103.6, 22.4, 103.9, 22.55))')}`,
      [1, 5],
    ],
  ];
  for (const [kind, query, expected] of kinds) {
    it(`honours ${kind}: clusters count and deep tiles carry exactly the items' matches`, async () => {
      expect(await matchedIds(fixture, V, query)).toEqual(expected);
      // The whole world in one clustered tile: the counts add up to the matches.
      const world = await tileFeatures(fixture, tileUrl({ z: 0, x: 0, y: 0 }, query), 'craft-villages');
      expect(pointsIn(world)).toBe(expected.length);
      // Zoom 9: the villages fall into separate cells; the single ones are the matching features.
      const mid = await tileFeatures(fixture, tileUrl(tileAt(103.9, 22.4, 9), query), 'craft-villages');
      const unfiltered = await tileFeatures(fixture, tileUrl(tileAt(103.9, 22.4, 9)), 'craft-villages');
      expect(pointsIn(mid)).toBeLessThanOrEqual(pointsIn(unfiltered));
      expect(
        mid.filter((f) => f.properties.cluster !== true).every((f) => expected.includes(Number(f.id))),
      ).toBe(true);
      expect(await deepIds(query)).toEqual(expected);
    });
  }

  it('answers 204 for a tile with features of which none matches', async () => {
    const spot = tileAt(...VILLAGES[3]!, 16);
    expect((await fixture.app.inject(tileUrl(spot))).statusCode).toBe(200);
    expect((await fixture.app.inject(tileUrl(spot, 'craft=wine_distilling'))).statusCode).toBe(204);
    expect((await fixture.app.inject(tileUrl({ z: 0, x: 0, y: 0 }, 'q=nowhere'))).statusCode).toBe(204);
  });

  it('honours datetime on the temporal property (facilities: support_year)', async () => {
    const F = '/api/collections/facilities';
    const all = await tileFeatures(shipped, tileUrl({ z: 0, x: 0, y: 0 }, '', F), 'facilities');
    const year = await matchedIds(shipped, F, 'datetime=2012-01-01T00:00:00Z/2012-12-31T23:59:59Z');
    expect(year.length).toBeGreaterThan(0);
    expect(year.length).toBeLessThan(pointsIn(all));
    const tile = await tileFeatures(
      shipped,
      tileUrl({ z: 0, x: 0, y: 0 }, 'datetime=2012-01-01T00:00:00Z/2012-12-31T23:59:59Z', F),
      'facilities',
    );
    expect(pointsIn(tile)).toBe(year.length);
    const later = await shipped.app.inject(
      tileUrl({ z: 0, x: 0, y: 0 }, 'datetime=2100-01-01T00:00:00Z/..', F),
    );
    expect(later.statusCode).toBe(204);
  });

  it('narrows polygon tiles too (districts by code)', async () => {
    const D = '/api/collections/districts';
    const all = await tileFeatures(fixture, tileUrl({ z: 0, x: 0, y: 0 }, '', D), 'districts');
    const one = await tileFeatures(fixture, tileUrl({ z: 0, x: 0, y: 0 }, 'code=082', D), 'districts');
    expect(all.length).toBeGreaterThan(1);
    expect(one.map((f) => f.properties.code)).toEqual(['082']);
    expect(one.map((f) => Number(f.id))).toEqual(await matchedIds(fixture, D, 'code=082'));
  });

  it('refuses bad filter parameters with 400 problem+json naming the parameter, as items does', async () => {
    const bad: [string, string][] = [
      ['craft=nope', 'craft'],
      ['recognition_year=abc', 'recognition_year'],
      ['craft=forging&craft=wine_distilling', 'craft'],
      [`filter=${encodeURIComponent('recognition_year >>> 3')}`, 'filter'],
      [`filter=${encodeURIComponent('nope = 1')}`, 'filter'],
      ['filter-lang=cql3&filter=x', 'filter-lang'],
      ['datetime=yesterday', 'datetime'],
      [`q=${'x'.repeat(201)}`, 'q'],
      ['bbox=1,2,3,4', 'bbox'],
      ['limit=5', 'limit'],
      ['sector=mining', 'sector'],
    ];
    for (const [query, name] of bad) {
      const url = tileUrl({ z: 0, x: 0, y: 0 }, query);
      const res = await fixture.app.inject(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.headers['content-type'], url).toMatch(/^application\/problem\+json/);
      const problem = res.json<{
        status: number;
        code: string;
        detail: string;
        title: string;
        type: string;
      }>();
      expect(problem, url).toMatchObject({
        status: 400,
        title: expect.any(String),
        type: expect.any(String),
      });
      expect(problem.code, url).toMatch(/^Invalid/);
      expect(problem.detail, url).toContain(name);
      // The same parameters are refused by items too (one parser).
      expect((await fixture.app.inject(`${V}/items?${query}`)).statusCode, query).toBe(
        name === 'bbox' || name === 'limit' ? 200 : 400,
      );
    }
  });

  it('caches each filtered tile by revision: own ETag per filter, 304, new bytes after an edit', async () => {
    const url = tileUrl({ z: 0, x: 0, y: 0 }, 'craft=wine_distilling');
    const first = await fixture.app.inject(url);
    const plain = await fixture.app.inject(tileUrl({ z: 0, x: 0, y: 0 }));
    expect(first.headers.etag).toBeDefined();
    expect(first.headers.etag).not.toBe(plain.headers.etag);
    const again = await fixture.app.inject({ url, headers: { 'if-none-match': String(first.headers.etag) } });
    expect(again.statusCode).toBe(304);
    // An edit: village 3 becomes a wine village, and the filtered tile counts it.
    const editor = await signIn(fixture.app, { username: 'tia', role: 'editor' });
    const current = await fixture.app.inject(`${V}/items/3`);
    const patched = await fixture.app.inject({
      method: 'PATCH',
      url: `${V}/items/3`,
      headers: {
        cookie: editor,
        origin: INJECT_ORIGIN,
        'content-type': 'application/merge-patch+json',
        'if-match': String(current.headers.etag),
      },
      payload: JSON.stringify({ properties: { craft: 'wine_distilling' } }),
    });
    expect(patched.statusCode, patched.body).toBe(200);
    const after = await fixture.app.inject(url);
    expect(after.headers.etag).not.toBe(first.headers.etag);
    expect(pointsIn(decodeTile(after.rawPayload)['craft-villages']!.features)).toBe(3);
  });

  it('serves one filter written differently from one made tile (normalised query)', async () => {
    const made = vi.spyOn(fixture.app.store, 'vectorTile');
    try {
      const spot = tileAt(...VILLAGES[2]!, 12);
      const a = await fixture.app.inject(
        tileUrl(spot, 'craft=brocade_weaving&district_code=082&q=T%E1%BA%A3%20Ph%C3%ACn'),
      );
      const b = await fixture.app.inject(tileUrl(spot, 'q=ta+phin&district_code=082&craft=brocade_weaving'));
      expect(a.statusCode).toBe(200);
      expect(b.rawPayload.equals(a.rawPayload)).toBe(true);
      expect(decodeTile(a.rawPayload)['craft-villages']!.features.map((f) => f.id)).toEqual([2]);
      expect(made).toHaveBeenCalledTimes(1);
      // Another filter is another tile.
      await fixture.app.inject(tileUrl(spot, 'craft=brocade_weaving'));
      expect(made).toHaveBeenCalledTimes(2);
    } finally {
      made.mockRestore();
    }
  });

  it('is advertised: OpenAPI lists the filter parameters of each tile path; the tileset links its queryables', async () => {
    const doc = (await fixture.app.inject('/api/openapi.json')).json<{
      paths: Record<string, { get: { parameters: { name: string; in: string }[] } }>;
    }>();
    const path = `${V.slice('/api'.length)}/tiles/{tileMatrixSetId}/{tileMatrix}/{tileRow}/{tileCol}`;
    const names = doc.paths[path]!.get.parameters.filter((p) => p.in === 'query').map((p) => p.name);
    for (const name of ['q', 'datetime', 'filter', 'filter-lang', 'filter-crs', 'craft', 'district_code'])
      expect(names, name).toContain(name);
    expect(names).not.toContain('bbox');
    const meta = (await fixture.app.inject(`${V}/tiles/WebMercatorQuad`)).json<TileSetMetadata>();
    const link = meta.links.find((l: Link) => l.rel === 'http://www.opengis.net/def/rel/ogc/1.0/queryables');
    expect(new URL(link!.href).pathname).toBe(`${V}/queryables`);
  });
});

import type { FeatureCollection, Point } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CollectionInfo, CollectionsResponse } from '../../server/src/contract/api';
import { buildTestApp, type TestApp } from '../helpers/server';

/**
 * OGC API – Features Parts 1–3 over HTTP, on the shipped data (real SQLite): CQL2 filters, CRS,
 * datetime, bbox variants. Expected counts are computed from the same data through another route
 * (equality filters or the whole layer), never hard-coded.
 */
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t.close());

const ITEMS = '/api/collections/craft-villages/items';
type Page = FeatureCollection<Point> & { numberMatched?: number; numberReturned: number; timeStamp: string };

async function page(url: string): Promise<Page> {
  const res = await t.app.inject(url);
  expect(res.statusCode, `${url}: ${res.body.slice(0, 300)}`).toBe(200);
  return res.json<Page>();
}
async function problem(url: string): Promise<{ status: number; code: string; detail: string; type: string }> {
  const res = await t.app.inject(url);
  expect(res.statusCode, url).toBe(400);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  return res.json();
}
const q = (params: Record<string, string>) => new URLSearchParams({ limit: '1000', ...params }).toString();

let all: Page;
beforeAll(async () => {
  all = await page(`${ITEMS}?limit=1000`);
});

describe('CQL2 filter (Part 3)', () => {
  it('a cql2-text comparison gives what the equality parameter gives', async () => {
    const craft = all.features[0]!.properties!.craft as string;
    const byParam = await page(`${ITEMS}?${q({ craft })}`);
    const byFilter = await page(`${ITEMS}?${q({ filter: `craft = '${craft}'` })}`);
    expect(byFilter.features.map((f) => f.id)).toEqual(byParam.features.map((f) => f.id));
    expect(byFilter.numberReturned).toBeGreaterThan(0);
    expect(byFilter.numberReturned).toBeLessThan(all.numberReturned);
  });

  it('cql2-json says the same as cql2-text', async () => {
    const craft = all.features[0]!.properties!.craft as string;
    const json = JSON.stringify({ op: '=', args: [{ property: 'craft' }, craft] });
    const a = await page(`${ITEMS}?${q({ filter: json, 'filter-lang': 'cql2-json' })}`);
    const b = await page(`${ITEMS}?${q({ filter: `craft='${craft}'`, 'filter-lang': 'cql2-text' })}`);
    expect(a.features.map((f) => f.id)).toEqual(b.features.map((f) => f.id));
  });

  it('LIKE, IN, NOT, OR, IS NULL, CASEI and ACCENTI (Vietnamese names) select what the data says', async () => {
    const name = all.features.find((f) => /[À-ỹ]/.test(String(f.properties!.name)))!.properties!
      .name as string;
    const plain = name
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .replace(/đ/g, 'd')
      .replace(/Đ/g, 'D')
      .toUpperCase();
    const accenti = await page(
      `${ITEMS}?${q({ filter: `ACCENTI(CASEI(name)) = ACCENTI(CASEI('${plain}'))` })}`,
    );
    expect(accenti.features.map((f) => f.properties!.name)).toContain(name);
    const exact = await page(`${ITEMS}?${q({ filter: `name = '${plain}'` })}`);
    expect(exact.numberReturned).toBe(0);
    const crafts = [...new Set(all.features.map((f) => f.properties!.craft as string))].slice(0, 2);
    const inList = await page(
      `${ITEMS}?${q({ filter: `craft IN (${crafts.map((c) => `'${c}'`).join(',')})` })}`,
    );
    expect(inList.numberReturned).toBe(
      all.features.filter((f) => crafts.includes(f.properties!.craft as string)).length,
    );
    const notIn = await page(
      `${ITEMS}?${q({ filter: `NOT (craft IN (${crafts.map((c) => `'${c}'`).join(',')}))` })}`,
    );
    expect(notIn.numberReturned + inList.numberReturned).toBe(all.numberReturned);
    const prefix = name.slice(0, 3);
    const like = await page(`${ITEMS}?${q({ filter: `name LIKE '${prefix}%'` })}`);
    expect(like.numberReturned).toBe(
      all.features.filter((f) => String(f.properties!.name).startsWith(prefix)).length,
    );
    const nulls = await page(`${ITEMS}?${q({ filter: 'ethnic_group IS NULL OR ethnic_group IS NOT NULL' })}`);
    expect(nulls.numberReturned).toBe(all.numberReturned);
  });

  it('S_INTERSECTS with a BBOX or POINT, in CRS84 or a filter-crs', async () => {
    const [lon, lat] = all.features[0]!.geometry.coordinates as [number, number];
    const inside = (f: Page['features'][number], d: number) => {
      const [x, y] = f.geometry.coordinates as [number, number];
      return Math.abs(x - lon) <= d && Math.abs(y - lat) <= d;
    };
    const box = `BBOX(${lon - 0.05},${lat - 0.05},${lon + 0.05},${lat + 0.05})`;
    const got = await page(`${ITEMS}?${q({ filter: `S_INTERSECTS(geometry, ${box})` })}`);
    expect(got.features.map((f) => f.id).sort()).toEqual(
      all.features
        .filter((f) => inside(f, 0.05))
        .map((f) => f.id)
        .sort(),
    );
    const point = await page(`${ITEMS}?${q({ filter: `S_INTERSECTS(geometry, POINT(${lon} ${lat}))` })}`);
    expect(point.features.map((f) => f.id)).toContain(all.features[0]!.id);
    // The same box given in EPSG:4326 (latitude first) selects the same features.
    const latLon = `BBOX(${lat - 0.05},${lon - 0.05},${lat + 0.05},${lon + 0.05})`;
    const in4326 = await page(
      `${ITEMS}?${q({ filter: `S_INTERSECTS(geometry, ${latLon})`, 'filter-crs': 'http://www.opengis.net/def/crs/EPSG/0/4326' })}`,
    );
    expect(in4326.features.map((f) => f.id)).toEqual(got.features.map((f) => f.id));
  });

  it('combines with bbox, q and equality parameters (all must hold)', async () => {
    const craft = all.features[0]!.properties!.craft as string;
    const both = await page(`${ITEMS}?${q({ craft, filter: `craft <> '${craft}'` })}`);
    expect(both.numberReturned).toBe(0);
  });

  it.each([
    [{ filter: "nope = 'x'" }, 'filter', /nope/],
    [{ filter: "craft = = 'x'" }, 'filter', /./],
    [{ filter: 'craft = 5' }, 'filter', /./],
    [{ filter: "craft = 'a'", 'filter-lang': 'ecql' }, 'filter-lang', /cql2-text/],
    [{ filter: "craft = 'a'", 'filter-crs': 'EPSG:9999' }, 'filter-crs', /EPSG\/0\/3405/],
    [{ filter: '{"op":', 'filter-lang': 'cql2-json' }, 'filter', /JSON/],
    [{ filter: `${'('.repeat(200)}craft='a'${')'.repeat(200)}` }, 'filter', /./],
    [{ filter: `craft IN (${Array.from({ length: 600 }, () => "'a'").join(',')})` }, 'filter', /./],
  ] as [Record<string, string>, string, RegExp][])(
    '400 problem naming the parameter (case %#)',
    async (params, name, detail) => {
      const body = await problem(`${ITEMS}?${new URLSearchParams(params)}`);
      expect(body.code).toBe('InvalidParameterValue');
      expect(body.detail).toMatch(detail);
      expect(JSON.stringify(body)).toContain(name);
    },
  );
});

describe('coordinate reference systems (Part 2)', () => {
  const EPSG = 'http://www.opengis.net/def/crs/EPSG/0/';

  it('crs=EPSG:3405 answers VN-2000 / UTM 48N metres with Content-Crs; EPSG:4326 swaps the axes', async () => {
    const id = all.features[0]!.id;
    const [lon, lat] = all.features[0]!.geometry.coordinates as [number, number];
    const res = await t.app.inject(`${ITEMS}?${q({ crs: `${EPSG}3405` })}`);
    expect(res.headers['content-crs']).toBe(`<${EPSG}3405>`);
    const utm = res.json<Page>().features.find((f) => f.id === id)!.geometry.coordinates;
    // Lào Cai lies in UTM zone 48 (102°–108° E): eastings ≈ 300–500 km, northings ≈ 2.4–2.5 Mm.
    expect(utm[0]).toBeGreaterThan(300_000);
    expect(utm[0]).toBeLessThan(520_000);
    expect(utm[1]).toBeGreaterThan(2_400_000);
    expect(utm[1]).toBeLessThan(2_530_000);
    const geo = await t.app.inject(`${ITEMS}?${q({ crs: `${EPSG}4326` })}`);
    expect(geo.headers['content-crs']).toBe(`<${EPSG}4326>`);
    expect(geo.json<Page>().features.find((f) => f.id === id)!.geometry.coordinates).toEqual([lat, lon]);
    const crs84 = await t.app.inject(`${ITEMS}?limit=1`);
    expect(crs84.headers['content-crs']).toBe('<http://www.opengis.net/def/crs/OGC/1.3/CRS84>');
    const one = await t.app.inject(`${ITEMS}/${id}?crs=${encodeURIComponent(`${EPSG}3405`)}`);
    expect(one.headers['content-crs']).toBe(`<${EPSG}3405>`);
    expect(one.json<{ geometry: Point }>().geometry.coordinates).toEqual(utm);
  });

  it('bbox-crs: a box in EPSG:3405 selects the features inside it', async () => {
    const id = all.features[0]!.id;
    const utm = (await page(`${ITEMS}?${q({ crs: `${EPSG}3405` })}`)).features.find((f) => f.id === id)!
      .geometry.coordinates as [number, number];
    const box = [utm[0] - 100, utm[1] - 100, utm[0] + 100, utm[1] + 100].join(',');
    const got = await page(`${ITEMS}?${q({ bbox: box, 'bbox-crs': `${EPSG}3405` })}`);
    expect(got.features.map((f) => f.id)).toContain(id);
    expect(got.numberReturned).toBeLessThan(all.numberReturned);
  });

  it('an unsupported crs is a 400 listing the supported ones', async () => {
    for (const name of ['crs', 'bbox-crs']) {
      const res = await t.app.inject(
        `${ITEMS}?${name}=${encodeURIComponent(`${EPSG}2154`)}&bbox=103,22,104,23`,
      );
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain(name);
    }
    // The route schema lists the CRSs (OpenAPI enum); the crs module's own message lists them too.
    const res = await t.app.inject(`${ITEMS}/1?crs=${encodeURIComponent(`${EPSG}2154`)}`);
    expect(res.statusCode).toBe(400);
  });

  it('collection metadata: storageCrs and the crs list', async () => {
    const info = (await t.app.inject('/api/collections/craft-villages')).json<CollectionInfo>();
    expect(info.storageCrs).toBe('http://www.opengis.net/def/crs/OGC/1.3/CRS84');
    expect(info.crs).toEqual(
      expect.arrayContaining([`${EPSG}4326`, `${EPSG}3857`, `${EPSG}4756`, `${EPSG}3405`, `${EPSG}9208`]),
    );
  });
});

describe('datetime and bbox (Part 1)', () => {
  const FACILITIES = '/api/collections/facilities/items';

  it('filters on the collection temporal property, named in its metadata', async () => {
    const info = (await t.app.inject('/api/collections/facilities')).json<CollectionInfo>();
    expect(info.temporalProperty).toBe('support_year');
    const every = (await page(`${FACILITIES}?limit=1000`)).features;
    const years = every
      .map((f) => f.properties!.support_year)
      .filter((y): y is number => typeof y === 'number');
    expect(years.length).toBeGreaterThan(0);
    const y = years[0]!;
    const count = (pred: (v: number) => boolean) => years.filter(pred).length;
    expect((await page(`${FACILITIES}?datetime=${y}-06-01`)).numberReturned).toBe(count((v) => v === y));
    expect((await page(`${FACILITIES}?datetime=${y}-01-01T00:00:00Z/..`)).numberReturned).toBe(
      count((v) => v >= y),
    );
    expect((await page(`${FACILITIES}?datetime=../${y - 1}-12-31`)).numberReturned).toBe(count((v) => v < y));
    expect((await page(`${FACILITIES}?datetime=${y - 1}-01-01/${y + 1}-01-01`)).numberReturned).toBe(
      count((v) => v >= y - 1 && v <= y + 1),
    );
  });

  it('a collection without a temporal property matches every valid datetime', async () => {
    const info = (await t.app.inject('/api/collections/craft-villages')).json<CollectionInfo>();
    expect(info.temporalProperty).toBeUndefined();
    expect((await page(`${ITEMS}?limit=1000&datetime=2018-02-12T23:20:50Z`)).numberReturned).toBe(
      all.numberReturned,
    );
    expect((await page(`${ITEMS}?limit=1000&datetime=../2018-02-12`)).numberReturned).toBe(
      all.numberReturned,
    );
  });

  it.each([
    '2018-02-30',
    '2018-13-01',
    'yesterday',
    '../..',
    '2019-01-01/2018-01-01',
    '2018-02-12T25:00:00Z',
  ])('a malformed datetime %s is a 400 naming datetime', async (value) => {
    const body = await problem(`${ITEMS}?datetime=${encodeURIComponent(value)}`);
    expect(body.detail).toMatch(/datetime/);
  });

  it('bbox with 6 numbers ignores the heights', async () => {
    const four = await page(`${ITEMS}?limit=1000&bbox=103.5,22,104.5,23`);
    const six = await page(`${ITEMS}?limit=1000&bbox=103.5,22,-100,104.5,23,3000`);
    expect(six.features.map((f) => f.id)).toEqual(four.features.map((f) => f.id));
    expect(four.numberReturned).toBeGreaterThan(0);
  });

  it('a bbox across the antimeridian is answered (both halves)', async () => {
    // 100°E → 110°W the long way round covers Lào Cai; 170°E → 170°W does not.
    const across = await page(`${ITEMS}?limit=1000&bbox=100,-90,-110,90`);
    expect(across.numberReturned).toBe(all.numberReturned);
    const pacific = await page(`${ITEMS}?limit=1000&bbox=170,-90,-170,90`);
    expect(pacific.numberReturned).toBe(0);
  });
});

describe('answers the OGC test suite and clients look at', () => {
  it('landing page at /api/ as at /api', async () => {
    const a = await t.app.inject('/api/');
    expect(a.statusCode).toBe(200);
    expect(a.json()).toEqual((await t.app.inject('/api')).json());
  });

  it('timeStamp is the time of the answer, also from the cache', async () => {
    const url = `${ITEMS}?limit=3`;
    await t.app.inject(url);
    const hits = t.app.responseCache.hits;
    const before = Date.now();
    const cached = await page(url);
    expect(t.app.responseCache.hits).toBe(hits + 1);
    expect(Date.parse(cached.timeStamp)).toBeGreaterThanOrEqual(before - 1);
    expect(Date.parse(cached.timeStamp)).toBeLessThanOrEqual(Date.now());
  });

  it('/collections and /collections/{id} carry the same links', async () => {
    const list = (await t.app.inject('/api/collections')).json<CollectionsResponse>();
    for (const c of list.collections) {
      const one = (await t.app.inject(`/api/collections/${c.id}`)).json<CollectionInfo>();
      expect(one.links).toEqual(c.links);
    }
  });

  it('a feature has an alternate link for its other encoding', async () => {
    const f = (await t.app.inject(`${ITEMS}/${all.features[0]!.id}`)).json<{
      links: { rel: string; href: string; type: string }[];
    }>();
    const alt = f.links.find((l) => l.rel === 'alternate')!;
    expect(alt.type).toBe('application/json');
    const res = await t.app.inject(alt.href.replace(/^http:\/\/[^/]+/, ''));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
  });

  it('OPTIONS answers 200 with Allow on read routes', async () => {
    for (const url of [
      '/api',
      '/api/conformance',
      '/api/collections',
      '/api/collections/craft-villages/queryables',
    ]) {
      const res = await t.app.inject({ method: 'OPTIONS', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers.allow, url).toBe('GET, HEAD, OPTIONS');
    }
    const items = await t.app.inject({ method: 'OPTIONS', url: ITEMS });
    expect(items.statusCode).toBe(200);
    expect(items.headers.allow).toContain('GET');
  });

  it('next/prev are also Link headers (kept when the page comes from the cache)', async () => {
    for (let i = 0; i < 2; i++) {
      const res = await t.app.inject(`${ITEMS}?limit=2&offset=2`);
      const link = String(res.headers.link);
      expect(link).toMatch(/<http:\/\/[^>]+offset=4[^>]*>; rel="next"; type="application\/geo\+json"/);
      expect(link).toMatch(/<http:\/\/[^>]+offset=0[^>]*>; rel="prev"/);
    }
  });
});

describe('CORS for reading (CORS_ORIGINS)', () => {
  it('is off by default, and a deployment opens reads (never writes) to the origins it lists', async () => {
    const origin = 'https://portal.example.vn';
    const off = await t.app.inject({ url: '/api/collections', headers: { origin } });
    expect(off.headers['access-control-allow-origin']).toBeUndefined();
    const open = await buildTestApp({ env: { CORS_ORIGINS: origin } });
    try {
      const get = await open.app.inject({ url: `${ITEMS}?limit=1`, headers: { origin } });
      expect(get.headers['access-control-allow-origin']).toBe(origin);
      expect(String(get.headers['access-control-expose-headers'])).toContain('content-crs');
      const other = await open.app.inject({ url: ITEMS, headers: { origin: 'https://evil.example' } });
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
      const preflight = await open.app.inject({
        method: 'OPTIONS',
        url: '/api/collections',
        headers: { origin, 'access-control-request-method': 'GET' },
      });
      expect(preflight.statusCode).toBe(200);
      expect(preflight.headers['access-control-allow-methods']).toBe('GET, HEAD, OPTIONS');
      const write = await open.app.inject({
        method: 'OPTIONS',
        url: ITEMS,
        headers: { origin, 'access-control-request-method': 'POST' },
      });
      expect(write.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await open.close();
    }
  });
});

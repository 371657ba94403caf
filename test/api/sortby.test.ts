import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ItemsResponse, Link } from '../../server/src/contract/api';
import { buildTestApp, type TestApp } from '../helpers/server';
import { compareValues } from '../helpers/sort-order';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t.close());

const ITEMS = '/api/collections/craft-villages/items';

async function items(url: string): Promise<ItemsResponse> {
  const res = await t.app.inject(url);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<ItemsResponse>();
}

/** The store contract's order (text by its Vietnamese sort key); ties by id in the last key's direction. */
function sorted(features: ItemsResponse['features'], keys: [string, boolean][]): (string | number)[] {
  const value = (f: ItemsResponse['features'][number], k: string) => f.properties?.[k] ?? null;
  const cmp = compareValues;
  const lastDesc = keys[keys.length - 1]![1];
  return [...features]
    .sort((x, y) => {
      for (const [k, desc] of keys) {
        const c = cmp(value(x, k), value(y, k));
        if (c !== 0) return desc ? -c : c;
      }
      return (lastDesc ? -1 : 1) * (Number(x.id) - Number(y.id));
    })
    .map((f) => f.id as number);
}

describe('sortby (OGC API – Features Part 8)', () => {
  it('declares the sorting class, links /sortables from the collection, and serves it as a JSON Schema', async () => {
    const conformance = (await t.app.inject('/api/conformance')).json<{ conformsTo: string[] }>();
    expect(conformance.conformsTo).toContain(
      'http://www.opengis.net/spec/ogcapi-features-8/1.0/conf/sorting',
    );
    const collection = (await t.app.inject('/api/collections/craft-villages')).json<{ links: Link[] }>();
    const link = collection.links.find((l) => l.rel === 'http://www.opengis.net/def/rel/ogc/1.0/sortables');
    expect(link?.href).toMatch(/\/api\/collections\/craft-villages\/sortables$/);
    expect(link?.type).toBe('application/schema+json');
    const res = await t.app.inject('/api/collections/craft-villages/sortables');
    expect(res.headers['content-type']).toMatch(/^application\/schema\+json/);
    const body = res.json<{ $id: string; type: string; properties: Record<string, { type: unknown }> }>();
    expect(body.$id).toMatch(/\/api\/collections\/craft-villages\/sortables$/);
    expect(body.type).toBe('object');
    expect(Object.keys(body.properties)).toEqual(['name', 'district_code', 'craft', 'recognition_year']);
    expect(body.properties.recognition_year?.type).toEqual(['integer', 'null']);
    const doc = (await t.app.inject('/api/openapi.json')).json<{
      paths: Record<string, { get: { parameters: { name: string; description?: string }[] } }>;
    }>();
    const sortby = doc.paths['/collections/craft-villages/items']!.get.parameters.find(
      (p) => p.name === 'sortby',
    );
    expect(sortby?.description).toMatch(/name, district_code, craft, recognition_year/);
    expect(doc.paths['/collections/{collectionId}/sortables']).toBeDefined();
  });

  it('orders the whole collection, ascending, descending and by several keys; + sent unencoded is ascending', async () => {
    const all = (await items(`${ITEMS}?limit=1000`)).features;
    const cases: [string, [string, boolean][]][] = [
      ['name', [['name', false]]],
      ['%2Bname', [['name', false]]],
      ['+name', [['name', false]]],
      ['-name', [['name', true]]],
      ['-recognition_year', [['recognition_year', true]]],
      [
        'district_code,-recognition_year,name',
        [
          ['district_code', false],
          ['recognition_year', true],
          ['name', false],
        ],
      ],
    ];
    for (const [param, keys] of cases) {
      const page = await items(`${ITEMS}?limit=1000&sortby=${param}`);
      expect(
        page.features.map((f) => f.id),
        param,
      ).toEqual(sorted(all, keys));
      expect(page.numberMatched).toBe(all.length);
    }
  });

  it('pages a sorted result through next links, visiting every feature once; counts as without sortby', async () => {
    for (const extra of ['', '&district_code=086', '&bbox=103.5,22,104.5,23', '&q=lang']) {
      const expected = await items(`${ITEMS}?limit=1000${extra}`);
      const want = sorted(expected.features, [['name', true]]);
      const seen: (string | number)[] = [];
      let url: string | undefined = `${ITEMS}?limit=4&sortby=-name${extra}`;
      while (url) {
        const page = await items(url);
        seen.push(...page.features.map((f) => f.id));
        if (page.numberMatched !== undefined) expect(page.numberMatched).toBe(expected.features.length);
        const next = page.links.find((l) => l.rel === 'next')?.href;
        if (next) expect(new URL(next).searchParams.get('sortby')).toBe('-name');
        url = next && new URL(next).pathname + new URL(next).search;
      }
      expect(seen, extra).toEqual(want);
    }
  });

  it('refuses an unknown, unsortable, empty, repeated or too long sortby with a 400 naming it', async () => {
    for (const bad of [
      'sortby=nope',
      'sortby=source',
      'sortby=',
      'sortby=name,,craft',
      'sortby=-',
      'sortby=name,-name',
      'sortby=name,craft,district_code,recognition_year',
      'sortby=name&sortby=craft',
      "sortby=name'%20--",
      'sortby=properties.name',
    ]) {
      const res = await t.app.inject(`${ITEMS}?${bad}`);
      expect(res.statusCode, bad).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      const problem = res.json<{
        code: string;
        detail: string;
        status: number;
        title: string;
        type: string;
      }>();
      expect(problem).toMatchObject({ code: 'InvalidParameterValue', status: 400 });
      expect(problem.detail, bad).toMatch(/'sortby'/);
    }
  });

  it('downloads (f=csv) in the order asked', async () => {
    const all = (await items(`${ITEMS}?limit=1000`)).features;
    const res = await t.app.inject(`${ITEMS}?f=csv&sortby=-recognition_year`);
    expect(res.statusCode).toBe(200);
    const lines = res.body
      .replace(/^\uFEFF/, '')
      .split('\r\n')
      .filter(Boolean);
    const header = lines[0]!.split(',');
    const idColumn = header.indexOf('id');
    expect(idColumn).toBeGreaterThanOrEqual(0);
    const ids = lines.slice(1).map((l) => Number(l.split(',')[idColumn]));
    expect(ids).toEqual(sorted(all, [['recognition_year', true]]));
  });
});

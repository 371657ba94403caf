import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Catalog, SeedFeature } from '../../server/src/catalog/catalog';
import type { ScalarType } from '../../server/src/cql2/ast';
import { type FilterLang, parseFilter } from '../../server/src/cql2/parse';
import { type Queryables, queryablesOf } from '../../server/src/cql2/queryables';
import type { Bbox, FeatureStore } from '../../server/src/store/feature-store';
import { seededRandom } from '../helpers/random';
import { fixture, type StoreHarness } from './feature-store.contract';

/** Extra craft villages (ids 201–205) for what the shared fixture lacks. */
function village(
  id: number,
  coordinates: [number, number],
  properties: Record<string, unknown>,
): SeedFeature {
  return {
    collection: 'craft-villages',
    id,
    properties: { district_code: '080', source: 'test', confidence: 'illustrative', ...properties },
    geometry: { type: 'Point', coordinates },
  };
}

const EXTRA: SeedFeature[] = [
  // LIKE wildcards as data; recognition_year of the wrong JSON type (a string).
  village(201, [103.95, 22.55], { name: 'Xưởng 50% tre_nứa', craft: 'bamboo', recognition_year: '2015' }),
  // GLOB's own special characters as data.
  village(202, [103.96, 22.56], {
    name: 'Lò [A]* rèn?',
    craft: 'forging',
    recognition_year: 2012,
    certified: true,
  }),
  // Upper case with Đ; no recognition_year at all; east of the antimeridian.
  village(203, [179.5, 0], { name: 'ĐÔNG KHÊ', craft: 'forging' }),
  // Lower case; west of the antimeridian.
  village(204, [-179.5, 0], { name: 'bản nhỏ', craft: 'bamboo', recognition_year: 2010, certified: false }),
  // Stored decomposed (NFD), as some imports write Vietnamese.
  village(205, [0, 0], { name: 'Bản Mế'.normalize('NFD'), craft: 'bamboo', recognition_year: 2020 }),
];

/** The collection's queryables plus the extra ones these cases filter on (typed as a schema would). */
function withQueryables(base: Queryables, extra: Record<string, ScalarType>): Queryables {
  return { ...base, properties: new Map([...base.properties, ...Object.entries(extra)]) };
}

/** What the CQL2 cases may name in `collection` (craft-villages or districts). */
export function cql2Queryables(catalog: Catalog, collection: string): Queryables {
  const base = queryablesOf(catalog.collection(collection)!);
  return collection === 'districts'
    ? withQueryables(base, { population: 'number', name: 'string' })
    : withQueryables(base, { name: 'string', certified: 'boolean' });
}

/** Seeds the shared fixture plus the CQL2 villages (201–205). */
export async function seedCql2(store: FeatureStore): Promise<Catalog> {
  const data = fixture();
  await store.seed({ ...data.seed, features: [...data.seed.features, ...EXTRA] });
  return data.catalog;
}

/** `count` random valid craft-village filters (cql2-text) over every supported operator. */
export function randomCql2Filters(seed: number, count: number): string[] {
  const next = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const year = () => pick([2009, 2010, 2012, 2015, 2018, 2020, 2021]);
  const wrap = (inner: string) => pick([inner, `%${inner}`, `${inner}%`, `%${inner}%`, `%${inner}%`]);
  const pattern = () =>
    wrap(
      Array.from({ length: 1 + Math.floor(next() * 3) }, () =>
        pick([
          '%',
          '%',
          '_',
          'a',
          'B',
          'b',
          'ả',
          'n',
          '\\%',
          '\\_',
          'Đ',
          'đ',
          'ô',
          '[',
          '*',
          '?',
          ' ',
          'R',
          'ư',
          "''",
        ]),
      ).join(''),
    );
  const text = () =>
    pick(['Bản', 'ĐÔNG KHÊ', 'Z', 'C', 'Rượu Phố Lu', 'bản nhỏ', 'Lò [A]* rèn?']).replace(/'/g, "''");
  const cmp = () => pick(['=', '<>', '<', '>', '<=', '>=']);
  const fold = (inner: string) =>
    pick([inner, `CASEI(${inner})`, `ACCENTI(${inner})`, `ACCENTI(CASEI(${inner}))`]);
  const predicate = (): string =>
    pick([
      () =>
        `craft ${pick(['=', '<>'])} '${pick(['forging', 'bamboo', 'wine_distilling', 'brocade_weaving'])}'`,
      () => `recognition_year ${cmp()} ${year()}`,
      () => `${fold('name')} ${cmp()} '${text()}'`,
      () => `${fold('name')} ${pick(['', 'NOT '])}LIKE ${fold(`'${pattern()}'`)}`,
      () => `name ${pick(['', 'NOT '])}LIKE '${pattern()}'`,
      () => `${fold('name')} LIKE ${fold(`'${pattern()}'`)}`,
      () => `recognition_year ${pick(['', 'NOT '])}BETWEEN ${year()} AND ${year()}`,
      () => `recognition_year ${pick(['', 'NOT '])}IN (${year()}, ${year()})`,
      () => `${pick(['recognition_year', 'certified', 'name'])} IS ${pick(['', 'NOT '])}NULL`,
      () => `certified ${pick(['=', '<>'])} ${pick(['TRUE', 'FALSE'])}`,
      () => {
        const [x, y] = [103.6 + next() * 0.5, 22.3 + next() * 0.4];
        return `S_INTERSECTS(geometry, BBOX(${x.toFixed(3)}, ${y.toFixed(3)}, ${(x + next() * 0.3).toFixed(3)}, ${(y + next() * 0.3).toFixed(3)}))`;
      },
      () => `S_INTERSECTS(geometry, BBOX(${pick(['179, -1, -179, 1', '-1, -1, 1, 1', '170, -5, 180, 5'])}))`,
    ])();
  const expression = (depth: number): string => {
    const r = next();
    if (depth >= 3 || r < 0.45) return predicate();
    if (r < 0.6) return `NOT (${expression(depth + 1)})`;
    return `(${expression(depth + 1)} ${pick(['AND', 'OR'])} ${expression(depth + 1)})`;
  };
  return Array.from({ length: count }, () => expression(0));
}

/**
 * The CQL2 subset (cql2/ast.ts) as every FeatureStore backend must answer it: run by
 * sqlite.test.ts and postgis.test.ts. One seeded store for all cases (they only read).
 */
export function runCql2Contract(name: string, create: () => StoreHarness): void {
  describe(`CQL2 filter contract: ${name}`, () => {
    let store: FeatureStore;
    let harness: StoreHarness;
    let catalog: Catalog;

    beforeAll(async () => {
      harness = create();
      store = await harness.open(fixture().catalog);
      catalog = await seedCql2(store);
    });

    afterAll(async () => {
      await store.close();
      await harness.dispose();
    });

    const queryables = (collection: string): Queryables => cql2Queryables(catalog, collection);

    /** Ids matched by a filter; both read paths (objects and GeoJSON text) must agree. */
    const ids = async (
      filter: string,
      options: { collection?: string; lang?: FilterLang; bbox?: Bbox; q?: string } = {},
    ): Promise<number[]> => {
      const collection = options.collection ?? 'craft-villages';
      const query = {
        filter: parseFilter(filter, options.lang ?? 'cql2-text', { queryables: queryables(collection) }),
        bbox: options.bbox,
        q: options.q,
        limit: 50,
        offset: 0,
      };
      const page = await store.queryFeatures(collection, query);
      const text = await store.queryFeaturesGeoJson(collection, query);
      const found = page.features.map((f) => f.id);
      expect((JSON.parse(`[${text.featuresJson}]`) as { id: number }[]).map((f) => f.id)).toEqual(found);
      expect(page.numberMatched).toBe(found.length);
      expect(text.numberMatched).toBe(found.length);
      return found;
    };

    it('compares strings and numbers with = <> < > <= >=', async () => {
      expect(await ids("craft = 'wine_distilling'")).toEqual([1, 4]);
      expect(await ids("craft <> 'wine_distilling'")).toEqual([2, 3, 5, 201, 202, 203, 204, 205]);
      expect(await ids('recognition_year > 2012')).toEqual([3, 4, 5, 205]);
      expect(await ids('recognition_year >= 2012')).toEqual([3, 4, 5, 202, 205]);
      expect(await ids('recognition_year < 2012')).toEqual([1, 204]);
      expect(await ids('recognition_year <= 2010')).toEqual([1, 204]);
      expect(await ids('2015 = recognition_year')).toEqual([3, 4]);
    });

    it('never matches a value of another JSON type than the schema says (the string "2015")', async () => {
      expect(await ids('recognition_year = 2015')).toEqual([3, 4]);
      expect(await ids('recognition_year IS NOT NULL AND NOT recognition_year > 0')).toEqual([]);
    });

    it('orders strings by code point, whatever the database collation', async () => {
      expect(await ids("name > 'Z'")).toEqual([203, 204]);
      expect(await ids("name < 'C'")).toEqual([205]);
    });

    it('binds AND tighter than OR; parentheses, NOT, TRUE and FALSE', async () => {
      expect(await ids("craft = 'forging' OR craft = 'bamboo' AND recognition_year = 2010")).toEqual([
        3, 202, 203, 204,
      ]);
      expect(await ids("(craft = 'forging' OR craft = 'bamboo') AND recognition_year = 2010")).toEqual([204]);
      expect(await ids("NOT craft = 'bamboo' AND NOT (craft = 'forging')")).toEqual([1, 2, 4, 5]);
      expect(await ids('TRUE')).toHaveLength(10);
      expect(await ids('FALSE')).toEqual([]);
    });

    it('has SQL NULL semantics: missing and JSON null are NULL, match IS NULL and no comparison', async () => {
      expect(await ids('recognition_year IS NULL')).toEqual([2, 203]);
      expect(await ids('recognition_year IS NOT NULL')).toEqual([1, 3, 4, 5, 201, 202, 204, 205]);
      expect(await ids('NOT (recognition_year = 2015)')).toEqual([1, 5, 202, 204, 205]);
      expect(await ids('certified = TRUE')).toEqual([202]);
      expect(await ids('certified <> TRUE')).toEqual([204]);
      expect(await ids('certified IS NULL')).toEqual([1, 2, 3, 4, 5, 201, 203, 205]);
    });

    it('BETWEEN includes both bounds; NOT BETWEEN leaves NULL out', async () => {
      expect(await ids('recognition_year BETWEEN 2010 AND 2015')).toEqual([1, 3, 4, 202, 204]);
      expect(await ids('recognition_year NOT BETWEEN 2010 AND 2015')).toEqual([5, 205]);
      expect(await ids('recognition_year BETWEEN 2015 AND 2015')).toEqual([3, 4]);
      expect(await ids('recognition_year BETWEEN 2016 AND 2015')).toEqual([]);
    });

    it('IN and NOT IN, for numbers and strings (NULL in neither)', async () => {
      expect(await ids('recognition_year IN (2010, 2018)')).toEqual([1, 5, 204]);
      expect(await ids('recognition_year NOT IN (2010, 2018)')).toEqual([3, 4, 202, 205]);
      expect(await ids("craft IN ('forging', 'bamboo')")).toEqual([3, 201, 202, 203, 204, 205]);
      expect(await ids("craft IN ('wine_distilling')")).toEqual([1, 4]);
    });

    it('LIKE: % and _ (one character, not one byte), case- and accent-sensitive', async () => {
      expect(await ids("name LIKE '%Bản%'")).toEqual([1, 5]);
      expect(await ids("name LIKE '%bản%'")).toEqual([204]);
      expect(await ids("name LIKE 'R_ợu%'")).toEqual([4]);
      expect(await ids("name LIKE 'Rượu Phố L_'")).toEqual([4]);
      expect(await ids("name LIKE 'Rượu Phố _'")).toEqual([]);
      expect(await ids("name NOT LIKE '%ư%'")).toEqual([2, 3, 5, 202, 203, 204, 205]);
    });

    it('LIKE: \\ escapes % and _; GLOB and regex characters in the data are plain characters', async () => {
      expect(await ids("name LIKE '%50\\%%'")).toEqual([201]);
      expect(await ids("name LIKE '%\\%%'")).toEqual([201]);
      expect(await ids("name LIKE '%tre\\_nứa'")).toEqual([201]);
      expect(await ids("name LIKE '%\\_%'")).toEqual([201]);
      expect(await ids("name LIKE '%5\\_%'")).toEqual([]);
      expect(await ids("name LIKE 'Lò [A]* rèn?'")).toEqual([202]);
      expect(await ids("name LIKE '%[A]%'")).toEqual([202]);
      expect(await ids("name LIKE '%*%'")).toEqual([202]);
      expect(await ids("name LIKE '%?'")).toEqual([202]);
      expect(await ids("name LIKE 'Lò _A]* rèn_'")).toEqual([202]);
      expect(await ids("name LIKE '\\Lò%'")).toEqual([202]);
      expect(await ids("name LIKE '.*'")).toEqual([]);
    });

    it('CASEI folds case on both sides, Vietnamese letters included', async () => {
      expect(await ids("CASEI(name) LIKE CASEI('%BẢN%')")).toEqual([1, 5, 204]);
      expect(await ids("CASEI(name) = CASEI('đông khê')")).toEqual([203]);
      expect(await ids("CASEI(name) = 'đông khê'")).toEqual([203]);
      expect(await ids("name = CASEI('ĐÔNG KHÊ')")).toEqual([]);
    });

    it('ACCENTI folds like normalizeText (NFD, marks stripped, Đ → D), also decomposed data', async () => {
      expect(await ids("ACCENTI(name) LIKE ACCENTI('%Ban%')")).toEqual([1, 5, 205]);
      expect(await ids("ACCENTI(name) = 'DONG KHE'")).toEqual([203]);
      expect(await ids("ACCENTI(name) = ACCENTI('Bản Mế')")).toEqual([205]);
      expect(await ids("ACCENTI(CASEI(name)) LIKE ACCENTI(CASEI('%BAN%'))")).toEqual([1, 5, 204, 205]);
      expect(await ids("CASEI(ACCENTI(name)) = CASEI(ACCENTI('rèn đồng tuyển'))")).toEqual([3]);
      expect(await ids("ACCENTI(CASEI(name)) = 'ren dong tuyen'")).toEqual([3]);
    });

    it('S_INTERSECTS points with BBOX (edges count), POINT, POLYGON and a box across the antimeridian', async () => {
      expect(await ids('S_INTERSECTS(geometry, BBOX(103.65, 22.45, 103.86, 22.65))')).toEqual([1, 2, 5]);
      expect(await ids('S_INTERSECTS(geometry, POINT(103.7 22.5))')).toEqual([1]);
      expect(
        await ids(
          'S_INTERSECTS(geometry, POLYGON((103.9 22.4, 104.0 22.4, 104.0 22.6, 103.9 22.6, 103.9 22.4)))',
        ),
      ).toEqual([3, 201, 202]);
      expect(await ids('S_INTERSECTS(geometry, BBOX(179, -1, -179, 1))')).toEqual([203, 204]);
      expect(await ids('S_INTERSECTS(geometry, BBOX(-1, -1, 1, 1, 0, 100))')).toEqual([205]);
    });

    it('S_INTERSECTS polygons: inside, on a shared border (touching counts), along a line', async () => {
      const codes = async (filter: string) => {
        const found = await ids(filter, { collection: 'districts' });
        const page = await store.queryFeatures('districts', { limit: 10, offset: 0 });
        return found.map((id) => page.features.find((f) => f.id === id)?.properties.code);
      };
      expect(await codes('S_INTERSECTS(geometry, POINT(104.0 22.5))')).toEqual(['080']);
      expect(await codes('S_INTERSECTS(geometry, POINT(103.9 22.5))')).toEqual(['080', '082']);
      expect(await codes('S_INTERSECTS(geometry, BBOX(104.15, 22.15, 104.16, 22.16))')).toEqual(['086']);
      expect(await codes('S_INTERSECTS(geometry, LINESTRING(103.7 22.5, 104.0 22.3))')).toEqual([
        '082',
        '086',
      ]);
      expect(await codes('S_INTERSECTS(geometry, BBOX(105, 23, 106, 24))')).toEqual([]);
      expect(await codes('population > 100000 OR S_INTERSECTS(geometry, POINT(103.7 22.6))')).toEqual([
        '080',
        '082',
      ]);
    });

    it('combines with bbox and q, and pages with an exact numberMatched', async () => {
      const bbox: Bbox = [103.65, 22.45, 103.86, 22.65];
      expect(await ids("craft = 'brocade_weaving'", { bbox })).toEqual([2, 5]);
      expect(await ids("craft = 'brocade_weaving'", { bbox, q: 'ban' })).toEqual([5]);
      const query = {
        filter: parseFilter("craft IN ('forging', 'bamboo')", 'cql2-text', {
          queryables: queryables('craft-villages'),
        }),
        limit: 2,
        offset: 1,
      };
      const page = await store.queryFeatures('craft-villages', query);
      expect(page.features.map((f) => f.id)).toEqual([201, 202]);
      expect(page.numberMatched).toBe(6);
      const text = await store.queryFeaturesGeoJson('craft-villages', query);
      expect(text.numberMatched).toBe(6);
      expect(text.numberReturned).toBe(2);
    });

    it('answers cql2-json exactly as the same cql2-text', async () => {
      const json = JSON.stringify({
        op: 'and',
        args: [
          {
            op: 'like',
            args: [{ op: 'accenti', args: [{ op: 'casei', args: [{ property: 'name' }] }] }, '%ban%'],
          },
          { op: 's_intersects', args: [{ property: 'geometry' }, { bbox: [103.65, 22.45, 103.86, 22.65] }] },
        ],
      });
      expect(await ids(json, { lang: 'cql2-json' })).toEqual(
        await ids(
          "ACCENTI(CASEI(name)) LIKE '%ban%' AND S_INTERSECTS(geometry, BBOX(103.65, 22.45, 103.86, 22.65))",
        ),
      );
      expect(await ids(json, { lang: 'cql2-json' })).toEqual([1, 5]);
    });
  });
}

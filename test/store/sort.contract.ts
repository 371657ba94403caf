import { describe, expect, it } from 'vitest';
import type { SeedData, SeedFeature } from '../../server/src/catalog/catalog';
import type { FeatureQuery, SortKey, StoredFeature } from '../../server/src/store/feature-store';
import { COUNT_CAP } from '../../server/src/store/rows';
import { compareValues } from '../helpers/sort-order';
import { syntheticVillages, villageGrid, withFeatures } from '../helpers/villages';
import { allPages, fixture, type StoreHarness } from './feature-store.contract';

const asc = (property: string): SortKey => ({ property, descending: false });
const desc = (property: string): SortKey => ({ property, descending: true });

/**
 * `n` villages (ids 101…) with repeating names, district codes and years, a year missing on every
 * fifth and null on every seventh, so sorts have ties, nulls and numbers to order.
 */
function varied(n: number, at: (i: number) => [number, number] = villageGrid): SeedFeature[] {
  return syntheticVillages(n, 101, at).map((f, i) => {
    const properties: Record<string, unknown> = {
      ...f.properties,
      name: `Làng ${['Đông', 'Bản', 'Zhe', 'a', 'Ả'][i % 5]} ${i % 11}`,
      district_code: ['080', '082', '086'][i % 3],
    };
    if (i % 5 !== 0) properties.recognition_year = i % 7 === 0 ? null : 1990 + ((i * 7) % 23);
    return { ...f, properties };
  });
}

/** The features whose point lies in `box`. */
function within(features: readonly SeedFeature[], box: readonly number[]): SeedFeature[] {
  return features.filter((f) => {
    if (f.geometry.type !== 'Point') return false;
    const [x = 0, y = 0] = f.geometry.coordinates;
    return x >= box[0]! && x <= box[2]! && y >= box[1]! && y <= box[3]!;
  });
}

/** The ids of `features` in `keys` order, ties by id in the direction of the last key. */
function expectedOrder(features: readonly SeedFeature[], keys: readonly SortKey[]): number[] {
  const last = keys[keys.length - 1]!.descending ? -1 : 1;
  return [...features]
    .sort((a, b) => {
      for (const k of keys) {
        const c = compareValues(a.properties[k.property], b.properties[k.property]);
        if (c !== 0) return k.descending ? -c : c;
      }
      return last * (a.id - b.id);
    })
    .map((f) => f.id);
}

/**
 * `sortby` (OGC API – Features Part 8) on every FeatureStore backend: the whole collection in
 * the order asked (text in Vietnamese alphabet order, numbers numerically, missing values first
 * ascending), ties
 * by id, pages that visit every match exactly once, and the same numberMatched/hasMore as unsorted.
 */
export function runSortContract(name: string, create: () => StoreHarness): void {
  describe(`FeatureStore sort contract: ${name}`, () => {
    async function seeded(data: SeedData) {
      const { catalog } = fixture();
      const harness = create();
      const store = await harness.open(catalog);
      await store.seed(data);
      return {
        store,
        done: async () => {
          await store.close();
          await harness.dispose();
        },
      };
    }

    it('orders the whole collection by one or more sortables, ties by id, nulls first ascending and last descending', async () => {
      const { seed } = fixture();
      const data = withFeatures(seed, varied(60));
      const { store, done } = await seeded(data);
      const villages = data.features.filter((f) => f.collection === 'craft-villages');
      const orders: SortKey[][] = [
        [asc('name')],
        [desc('name')],
        [asc('recognition_year')],
        [desc('recognition_year')],
        [asc('district_code'), desc('recognition_year')],
        [desc('district_code'), asc('name'), desc('recognition_year')],
      ];
      for (const sortby of orders) {
        const expected = expectedOrder(villages, sortby);
        const page = await store.queryFeatures('craft-villages', { sortby, limit: 1000, offset: 0 });
        expect(
          page.features.map((f) => f.id),
          JSON.stringify(sortby),
        ).toEqual(expected);
        expect(page).toMatchObject({ numberMatched: villages.length, hasMore: false });
        // The same order in the GeoJSON text pages.
        const text = await store.queryFeaturesGeoJson('craft-villages', { sortby, limit: 1000, offset: 0 });
        const ids = (JSON.parse(`[${text.featuresJson}]`) as StoredFeature[]).map((f) => f.id);
        expect(ids, JSON.stringify(sortby)).toEqual(expected);
      }
      // Missing and null years come first ascending, last descending.
      const years = (
        await store.queryFeatures('craft-villages', {
          sortby: [desc('recognition_year')],
          limit: 1000,
          offset: 0,
        })
      ).features.map((f) => f.properties.recognition_year ?? null);
      const firstNull = years.indexOf(null);
      expect(firstNull).toBeGreaterThan(0);
      expect(years.slice(firstNull).every((y) => y === null)).toBe(true);
      await done();
    });

    it('pages a sorted query by offset visiting every match exactly once, with the counts of the unsorted query', async () => {
      const { seed } = fixture();
      const data = withFeatures(seed, varied(45));
      const { store, done } = await seeded(data);
      const villages = data.features.filter((f) => f.collection === 'craft-villages');
      const box: [number, number, number, number] = [103.99, 22.19, 104.02, 22.21];
      const inBox = within(villages, box);
      const cases: [Omit<FeatureQuery, 'limit' | 'offset' | 'sortby'>, SeedFeature[]][] = [
        [{}, villages],
        [{ bbox: box }, inBox],
        [{ q: 'làng' }, villages.filter((f) => String(f.properties.name).startsWith('Làng'))],
        [
          { filters: [{ property: 'district_code', value: '082' }] },
          villages.filter((f) => f.properties.district_code === '082'),
        ],
        [{ bbox: box, filters: [{ property: 'craft', value: 'forging' }] }, inBox],
      ];
      for (const [where, matches] of cases) {
        for (const sortby of [
          [asc('name')],
          [desc('recognition_year')],
          [asc('district_code'), asc('name')],
        ]) {
          const { ids, counts } = await allPages(store, { ...where, sortby, limit: 7 });
          expect(ids, JSON.stringify({ where, sortby })).toEqual(expectedOrder(matches, sortby));
          expect(new Set(ids).size).toBe(matches.length);
          const unsorted = await allPages(store, { ...where, limit: 7 });
          expect(counts).toEqual(unsorted.counts);
        }
      }
      await done();
    });

    it(`stays exact above ${COUNT_CAP.toLocaleString('en')} matches: the first and last sorted pages of a bbox, a filter and the whole collection`, async () => {
      const { seed } = fixture();
      const data = withFeatures(seed, varied(COUNT_CAP + 40));
      const { store, done } = await seeded(data);
      const villages = data.features.filter((f) => f.collection === 'craft-villages');
      const all: [number, number, number, number] = [103.9, 22.1, 104.2, 22.4];
      const inAll = within(villages, all);
      const cases: [Omit<FeatureQuery, 'limit' | 'offset' | 'sortby'>, SeedFeature[]][] = [
        [{}, villages],
        [{ bbox: all }, inAll],
        [
          { filters: [{ property: 'craft', value: 'forging' }] },
          villages.filter((f) => f.properties.craft === 'forging'),
        ],
      ];
      for (const [where, matches] of cases) {
        for (const sortby of [[desc('name')], [asc('recognition_year')]]) {
          const expected = expectedOrder(matches, sortby);
          const first = await store.queryFeatures('craft-villages', {
            ...where,
            sortby,
            limit: 20,
            offset: 0,
          });
          expect(first.features.map((f) => f.id)).toEqual(expected.slice(0, 20));
          expect(first.hasMore).toBe(true);
          const unsorted = await store.queryFeatures('craft-villages', { ...where, limit: 20, offset: 0 });
          expect(first.numberMatched).toBe(unsorted.numberMatched);
          const last = await store.queryFeatures('craft-villages', {
            ...where,
            sortby,
            limit: 20,
            offset: expected.length - 5,
          });
          expect(last.features.map((f) => f.id)).toEqual(expected.slice(-5));
          expect(last).toMatchObject({ hasMore: false, numberMatched: expected.length });
        }
      }
      await done();
    });

    it('sorts polygons and the edited rows: a bbox over districts, and a renamed feature moves', async () => {
      const { seed } = fixture();
      const { store, done } = await seeded(seed);
      const districts = seed.features.filter((f) => f.collection === 'districts');
      const names = (
        await store.queryFeatures('districts', { sortby: [desc('name')], limit: 100, offset: 0 })
      ).features.map((f) => f.id);
      expect(names).toEqual(expectedOrder(districts, [desc('name')]));
      const boxed = await store.queryFeatures('districts', {
        bbox: [103.5, 21.5, 105, 23.5],
        sortby: [asc('code')],
        limit: 100,
        offset: 0,
      });
      expect(boxed.features.map((f) => f.id)).toEqual(expectedOrder(districts, [asc('code')]));
      const [first] = (
        await store.queryFeatures('craft-villages', { sortby: [asc('name')], limit: 1, offset: 0 })
      ).features;
      const content = {
        properties: { ...first!.properties, name: '\u{FFFF} last' },
        geometry: first!.geometry,
      };
      await store.replaceFeature('craft-villages', first!.id, content, first!.version, { username: 'eddie' });
      const after = await store.queryFeatures('craft-villages', {
        sortby: [desc('name')],
        limit: 1,
        offset: 0,
      });
      expect(after.features[0]?.id).toBe(first!.id);
      await done();
    });
  });
}

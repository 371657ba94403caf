import { describe, expect, it } from 'vitest';
import type { SeedData } from '../../server/src/catalog/catalog';
import type { FeatureContent, FeatureQuery } from '../../server/src/store/feature-store';
import { COUNT_CAP } from '../../server/src/store/rows';
import { TILE_EXTENT } from '../../server/src/tiles/web-mercator';
import { decodeTile, pointsIn, tileAt } from '../helpers/mvt';
import { syntheticVillages, villageGrid, withFeatures } from '../helpers/villages';
import { allPages, fixture, type StoreHarness, withExtraVillages } from './feature-store.contract';

const village = (name: string, coordinates: [number, number], district = '082'): FeatureContent => ({
  properties: { name, district_code: district, craft: 'forging', source: 'test', confidence: 'illustrative' },
  geometry: { type: 'Point', coordinates },
});
const ed = { username: 'eddie' };

/**
 * Read behaviour added by issue 10 that every FeatureStore backend must show: exact `hasMore`,
 * when `numberMatched` must be given, derived values (extent, counts) that follow every edit,
 * and vector tiles (clusters with point_count, features with ids and attributes, empty tiles).
 */
export function runFeatureStoreReadContract(name: string, create: () => StoreHarness): void {
  describe(`FeatureStore read contract: ${name}`, () => {
    async function seeded(data?: SeedData) {
      const { catalog, seed } = fixture();
      const harness = create();
      const store = await harness.open(catalog);
      await store.seed(data ?? seed);
      const done = async () => {
        await store.close();
        await harness.dispose();
      };
      return { store, done };
    }

    it('says exactly whether more matches follow a page, with or without a count', async () => {
      const { seed } = fixture();
      const { store, done } = await seeded(withExtraVillages(seed, 30));
      const box = { bbox: [103.99, 22.1, 104.2, 22.3] as [number, number, number, number], q: 'synthetic' };
      const synthetic = Array.from({ length: 30 }, (_, i) => 101 + i);
      const cases: [Omit<FeatureQuery, 'limit' | 'offset'>, number[]][] = [
        [box, synthetic],
        [{ q: box.q }, synthetic],
        [{ bbox: box.bbox }, [4, ...synthetic]], // village 4 lies in the box too
      ];
      for (const [query, expected] of cases) {
        const { ids, counts } = await allPages(store, { ...query, limit: 7 });
        expect(ids).toEqual(expected);
        for (const n of counts) if (n !== undefined) expect(n).toBe(expected.length);
      }
      const full = await store.queryFeatures('craft-villages', { ...box, limit: 30, offset: 0 });
      expect(full.hasMore).toBe(false);
      expect((await store.queryFeatures('craft-villages', { ...box, limit: 29, offset: 0 })).hasMore).toBe(
        true,
      );
      await done();
    });

    it('gives numberMatched without filters and when a page ends the results', async () => {
      const { seed } = fixture();
      const { store, done } = await seeded(withExtraVillages(seed, 30));
      expect((await store.queryFeatures('craft-villages', { limit: 2, offset: 500 })).numberMatched).toBe(35);
      const last = await store.queryFeatures('craft-villages', { q: 'synthetic', limit: 7, offset: 28 });
      expect(last.features.map((f) => f.id)).toEqual([129, 130]);
      expect(last.numberMatched).toBe(30);
      expect(last.hasMore).toBe(false);
      const text = await store.queryFeaturesGeoJson('craft-villages', {
        q: 'synthetic',
        limit: 7,
        offset: 28,
      });
      expect({ n: text.numberMatched, more: text.hasMore, returned: text.numberReturned }).toEqual({
        n: 30,
        more: false,
        returned: 2,
      });
      await done();
    });

    it(`counts matches up to ${COUNT_CAP.toLocaleString('en')} and leaves numberMatched out above (bbox, q, filters), with hasMore still exact`, async () => {
      const { seed } = fixture();
      const { store, done } = await seeded(
        withFeatures(seed, syntheticVillages(COUNT_CAP + 10, 1001, villageGrid)),
      );
      const all: [number, number, number, number] = [103.9, 22.1, 104.2, 22.4];
      const big = await store.queryFeaturesGeoJson('craft-villages', { bbox: all, limit: 100, offset: 0 });
      expect(big).toMatchObject({ numberReturned: 100, hasMore: true });
      expect(big.numberMatched).toBeUndefined();
      const end = await store.queryFeaturesGeoJson('craft-villages', {
        bbox: all,
        limit: 100,
        offset: COUNT_CAP,
      });
      // The last page tells the count by itself (offset + returned): village 4 lies in the box too.
      expect(end).toMatchObject({ numberReturned: 11, numberMatched: COUNT_CAP + 11, hasMore: false });
      const small = await store.queryFeaturesGeoJson('craft-villages', {
        bbox: [103.999, 22.199, 104.0101, 22.2001],
        limit: 5,
        offset: 0,
      });
      expect(small).toMatchObject({ numberReturned: 5, numberMatched: 21, hasMore: true });
      const text = await store.queryFeaturesGeoJson('craft-villages', {
        q: 'synthetic',
        limit: 10,
        offset: 0,
      });
      expect(text.numberMatched).toBeUndefined();
      expect(text.hasMore).toBe(true);
      expect(
        (await store.queryFeaturesGeoJson('craft-villages', { limit: 10, offset: 0 })).numberMatched,
      ).toBe(COUNT_CAP + 15);
      const forging = [{ property: 'craft', value: 'forging' }];
      const common = await store.queryFeaturesGeoJson('craft-villages', {
        filters: forging,
        limit: 2,
        offset: 0,
      });
      expect(common).toMatchObject({ numberReturned: 2, hasMore: true });
      expect(common.numberMatched).toBeUndefined();
      const rare = [{ property: 'district_code', value: '082' }];
      const few = await store.queryFeaturesGeoJson('craft-villages', { filters: rare, limit: 2, offset: 0 });
      expect(few).toMatchObject({ numberReturned: 2, hasMore: true, numberMatched: 3 });
      await done();
    });

    it('keeps the extent, counts and district counts in step with every edit', async () => {
      const { store, done } = await seeded();
      const before = await store.collectionExtent('craft-villages');
      expect(before).toEqual([103.7, 22.2, 104.1, 22.6]);
      const far = await store.createFeature('craft-villages', village('Xa', [104.3, 22.7], '086'), ed);
      expect(await store.collectionExtent('craft-villages')).toEqual([103.7, 22.2, 104.3, 22.7]);
      const count086 = async () =>
        (await store.aggregateByDistrict('craft-villages')).find((r) => r.districtCode === '086')?.count;
      expect(await count086()).toBe(2);
      await store.replaceFeature('craft-villages', far.id, village('Gần', [103.9, 22.5], '080'), 1, ed);
      expect(await store.collectionExtent('craft-villages')).toEqual(before);
      expect(await count086()).toBe(1);
      await store.deleteFeature('craft-villages', 1, 1, ed);
      expect(await store.collectionExtent('craft-villages')).toEqual([103.8, 22.2, 104.1, 22.6]);
      const found = async (q: string) =>
        (await store.queryFeatures('craft-villages', { q, limit: 10, offset: 0 })).features.map((f) => f.id);
      expect(await found('pho')).toEqual([4]); // "Bản Phố" (1) is gone, "Phố Lu" (4) stays
      expect(await found('gan')).toEqual([far.id]); // the replaced name is found, the old one is not
      expect(await found('xa')).toEqual([]);
      expect((await store.queryFeatures('craft-villages', { limit: 1, offset: 0 })).numberMatched).toBe(5);
      await store.restoreFeature('craft-villages', 1, ed);
      expect(await store.collectionExtent('craft-villages')).toEqual(before);
      await done();
    });

    it('clusters the points of a point-only collection at low zoom, with point_count', async () => {
      const { store, done } = await seeded();
      const bytes = await store.vectorTile('craft-villages', { z: 0, x: 0, y: 0 });
      const layer = decodeTile(bytes!)['craft-villages']!;
      expect(layer.extent).toBe(TILE_EXTENT);
      expect(pointsIn(layer.features)).toBe(5);
      const clusters = layer.features.filter((f) => f.properties.cluster === true);
      expect(clusters.length).toBeGreaterThan(0);
      for (const f of layer.features) {
        expect(f.type).toBe(1);
        if (f.properties.cluster === true) {
          expect(Number.isInteger(f.properties.point_count)).toBe(true);
          expect(f.properties.point_count).toBeGreaterThanOrEqual(2);
        } else expect(f.id).toBeGreaterThan(0);
      }
      await done();
    });

    it('carries each point of a deep tile with its id and tile attributes, inside the tile', async () => {
      const { store, done } = await seeded();
      const bytes = await store.vectorTile('craft-villages', tileAt(103.7, 22.5, 16));
      const [f, ...rest] = decodeTile(bytes!)['craft-villages']!.features;
      expect(rest).toEqual([]);
      expect(f?.id).toBe(1);
      expect(f?.properties).toMatchObject({
        name: 'Làng nghề rượu ngô Bản Phố',
        name_en: 'Ban Pho corn wine village',
        district_code: '082',
        craft: 'wine_distilling',
        recognition_year: 2010,
      });
      expect(f?.properties).not.toHaveProperty('source');
      const [{ x, y }] = f!.geometry[0]!;
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(TILE_EXTENT);
      expect(y).toBeGreaterThanOrEqual(0);
      expect(y).toBeLessThanOrEqual(TILE_EXTENT);
      await done();
    });

    it('answers undefined for a tile with no feature, inside or outside the extent', async () => {
      const { store, done } = await seeded();
      expect(await store.vectorTile('craft-villages', { z: 10, x: 0, y: 0 })).toBeUndefined();
      expect(await store.vectorTile('craft-villages', tileAt(103.75, 22.55, 16))).toBeUndefined();
      expect(await store.vectorTile('nope', { z: 0, x: 0, y: 0 })).toBeUndefined();
      await done();
    });

    it('cuts polygons into the tile with their ids and attributes', async () => {
      const { store, done } = await seeded();
      const bytes = await store.vectorTile('districts', tileAt(104.0, 22.5, 8));
      const features = decodeTile(bytes!).districts!.features;
      expect(features.map((f) => f.properties.code).sort()).toEqual(['080', '082', '086']);
      for (const f of features) {
        expect(f.type).toBe(3);
        expect(f.id).toBe(Number(f.properties.code));
      }
      await done();
    });

    it('shows an edit in the next tile', async () => {
      const { store, done } = await seeded();
      const spot = tileAt(103.75, 22.55, 16);
      const created = await store.createFeature('craft-villages', village('Mới', [103.75, 22.55]), ed);
      const deep = decodeTile((await store.vectorTile('craft-villages', spot))!)['craft-villages']!.features;
      expect(deep.map((f) => [f.id, f.properties.name])).toEqual([[created.id, 'Mới']]);
      const world = decodeTile((await store.vectorTile('craft-villages', { z: 0, x: 0, y: 0 }))!);
      expect(pointsIn(world['craft-villages']!.features)).toBe(6);
      await store.replaceFeature('craft-villages', created.id, village('Dời', [103.76, 22.9]), 1, ed);
      expect(await store.vectorTile('craft-villages', spot)).toBeUndefined();
      await store.deleteFeature('craft-villages', created.id, 2, ed);
      const after = decodeTile((await store.vectorTile('craft-villages', { z: 0, x: 0, y: 0 }))!);
      expect(pointsIn(after['craft-villages']!.features)).toBe(5);
      await done();
    });
  });
}

import { describe, expect, it } from 'vitest';
import type { Catalog, SeedData } from '../../server/src/catalog/catalog';
import { loadCatalog, loadSeedData } from '../../server/src/catalog/load-catalog';
import type { FeatureQuery, FeatureStore } from '../../server/src/store/feature-store';
import { FIXTURE_GEODATA } from '../helpers/server';
import { syntheticVillages, withFeatures } from '../helpers/villages';

/** A fresh, empty database per call of `create`; `open` may be called again to reopen the same one. */
export interface StoreHarness {
  open(catalog: Catalog): Promise<FeatureStore>;
  dispose(): Promise<void>;
}

export function fixture(): { catalog: Catalog; seed: SeedData } {
  const catalog = loadCatalog(FIXTURE_GEODATA);
  return { catalog, seed: loadSeedData(FIXTURE_GEODATA, catalog) };
}

/** Every page of a craft-villages query by offset (following hasMore): ids in order, and each page's numberMatched. */
export async function allPages(store: FeatureStore, query: Omit<FeatureQuery, 'offset'>) {
  const ids: number[] = [];
  const counts: (number | undefined)[] = [];
  for (let offset = 0; ; offset += query.limit) {
    const page = await store.queryFeatures('craft-villages', { ...query, offset });
    ids.push(...page.features.map((f) => f.id));
    counts.push(page.numberMatched);
    if (!page.hasMore) break;
  }
  return { ids, counts };
}

/** `n` extra craft-village points on a line (ids 101..100+n), for paging tests. */
export function withExtraVillages(seed: SeedData, n: number): SeedData {
  return withFeatures(seed, syntheticVillages(n, 101));
}

/**
 * The behaviour every FeatureStore backend must show (SQLite now, PostGIS later). Each test gets
 * its own empty database from `create()`.
 */
export function runFeatureStoreContract(name: string, create: () => StoreHarness): void {
  describe(`FeatureStore contract: ${name}`, () => {
    async function seeded(data?: SeedData) {
      const { catalog, seed } = fixture();
      const harness = create();
      const store = await harness.open(catalog);
      await store.seed(data ?? seed);
      return { store, harness, catalog, seed };
    }

    it('starts empty and is not empty after seeding', async () => {
      const { catalog, seed } = fixture();
      const harness = create();
      const store = await harness.open(catalog);
      expect(await store.isEmpty()).toBe(true);
      await store.seed(seed);
      expect(await store.isEmpty()).toBe(false);
      await store.close();
      await harness.dispose();
    });

    it('refuses to seed twice unless replace is set, and replace leaves exactly the new data', async () => {
      const { store, harness, seed } = await seeded();
      await expect(store.seed(seed)).rejects.toThrow(/non-empty/);
      const fewer = { features: seed.features.filter((f) => f.collection === 'districts'), indicators: [] };
      await store.seed(fewer, { replace: true });
      expect((await store.queryFeatures('craft-villages', { limit: 10, offset: 0 })).numberMatched).toBe(0);
      expect((await store.queryFeatures('districts', { limit: 10, offset: 0 })).numberMatched).toBe(3);
      expect(await store.listIndicatorRows()).toEqual([]);
      await store.close();
      await harness.dispose();
    });

    it('gets a feature by collection and id with its properties, geometry and version 1', async () => {
      const { store, harness } = await seeded();
      const f = await store.getFeature('craft-villages', 1);
      expect(f?.properties.name).toBe('Làng nghề rượu ngô Bản Phố');
      expect(f?.geometry).toEqual({ type: 'Point', coordinates: [103.7, 22.5] });
      expect(f?.version).toBe(1);
      expect(Date.parse(f?.createdAt ?? '')).not.toBeNaN();
      await store.close();
      await harness.dispose();
    });

    it('answers undefined for an unknown id or collection', async () => {
      const { store, harness } = await seeded();
      expect(await store.getFeature('craft-villages', 999)).toBeUndefined();
      expect(await store.getFeature('nope', 1)).toBeUndefined();
      await store.close();
      await harness.dispose();
    });

    it('filters by bbox (points exactly, polygons by true intersection)', async () => {
      const { store, harness } = await seeded();
      const villages = await store.queryFeatures('craft-villages', {
        bbox: [103.65, 22.45, 103.86, 22.65],
        limit: 10,
        offset: 0,
      });
      expect(villages.features.map((f) => f.id)).toEqual([1, 2, 5]);
      expect(villages.numberMatched).toBe(3);
      const edge = await store.queryFeatures('craft-villages', {
        bbox: [103.7, 22.5, 103.7, 22.5],
        limit: 10,
        offset: 0,
      });
      expect(edge.features.map((f) => f.id)).toEqual([1]);
      const districts = await store.queryFeatures('districts', {
        bbox: [104.15, 22.15, 104.16, 22.16],
        limit: 10,
        offset: 0,
      });
      expect(districts.features.map((f) => f.properties.code)).toEqual(['086']);
      await store.close();
      await harness.dispose();
    });

    it('filters by property values of any JSON type', async () => {
      const { store, harness } = await seeded();
      const wine = await store.queryFeatures('craft-villages', {
        filters: [{ property: 'craft', value: 'wine_distilling' }],
        limit: 10,
        offset: 0,
      });
      expect(wine.features.map((f) => f.id)).toEqual([1, 4]);
      const y2015 = await store.queryFeatures('craft-villages', {
        filters: [
          { property: 'recognition_year', value: 2015 },
          { property: 'district_code', value: '086' },
        ],
        limit: 10,
        offset: 0,
      });
      expect(y2015.features.map((f) => f.id)).toEqual([4]);
      await store.close();
      await harness.dispose();
    });

    it('matches q ignoring case and Vietnamese diacritics (đ → d), every word required', async () => {
      const { store, harness } = await seeded();
      const q = async (text: string) =>
        (await store.queryFeatures('craft-villages', { q: text, limit: 10, offset: 0 })).features.map(
          (f) => f.id,
        );
      expect(await q('ban pho')).toEqual([1]);
      expect(await q('BẢN PHỐ')).toEqual([1]);
      expect(await q('dong tuyen')).toEqual([3]);
      expect(await q('ban')).toEqual([1, 5]);
      expect(await q('ban zzz')).toEqual([]);
      expect(await q('100%')).toEqual([]);
      await store.close();
      await harness.dispose();
    });

    it('matches q exactly as normalizeText: ø, æ and ß stay letters of their own (no unaccent folding)', async () => {
      const { seed } = fixture();
      const [first] = withExtraVillages(seed, 1).features.slice(-1);
      const named = { ...first!, properties: { ...first!.properties, name: 'Ærøskøbing Straße Đông' } };
      const { store, harness } = await seeded({ ...seed, features: [...seed.features, named] });
      const q = async (text: string) =>
        (await store.queryFeatures('craft-villages', { q: text, limit: 10, offset: 0 })).features.map(
          (f) => f.id,
        );
      expect(await q('ærøskøbing dong')).toEqual([101]);
      expect(await q('STRASSE')).toEqual([]);
      expect(await q('aeroskobing')).toEqual([]);
      expect(await q('straße')).toEqual([101]);
      await store.close();
      await harness.dispose();
    });

    it('pages by id with an exact numberMatched', async () => {
      const { seed } = fixture();
      const { store, harness } = await seeded(withExtraVillages(seed, 25));
      const ids: number[] = [];
      for (let offset = 0; ; offset += 7) {
        const page = await store.queryFeatures('craft-villages', { limit: 7, offset });
        expect(page.numberMatched).toBe(30);
        if (page.features.length === 0) break;
        ids.push(...page.features.map((f) => f.id));
      }
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
      expect(new Set(ids).size).toBe(30);
      await store.close();
      await harness.dispose();
    });

    it('encodes the same page as GeoJSON Feature text', async () => {
      const { store, harness } = await seeded();
      const query = {
        bbox: [103.65, 22.1, 104.2, 22.65] as [number, number, number, number],
        limit: 3,
        offset: 1,
      };
      const objects = await store.queryFeatures('craft-villages', query);
      const texts = await store.queryFeaturesGeoJson('craft-villages', query);
      expect(texts.numberMatched).toBe(objects.numberMatched);
      expect(texts.numberReturned).toBe(3);
      expect(JSON.parse(`[${texts.featuresJson}]`)).toEqual(
        objects.features.map((f) => ({
          type: 'Feature',
          id: f.id,
          geometry: f.geometry,
          properties: f.properties,
        })),
      );
      const districts = {
        bbox: [104.15, 22.15, 104.16, 22.16] as [number, number, number, number],
        limit: 10,
        offset: 0,
      };
      const polygonText = await store.queryFeaturesGeoJson('districts', districts);
      expect(JSON.parse(`[${polygonText.featuresJson}]`).map((f: { id: number }) => f.id)).toEqual([86]);
      const none = await store.queryFeaturesGeoJson('craft-villages', { limit: 10, offset: 50 });
      expect(none).toEqual({ featuresJson: '', numberReturned: 0, numberMatched: 5, hasMore: false });
      await store.close();
      await harness.dispose();
    });

    it('reports the collection extent, undefined when empty', async () => {
      const { store, harness } = await seeded();
      expect(await store.collectionExtent('districts')).toEqual([103.6, 22.1, 104.2, 22.7]);
      expect(await store.collectionExtent('nope')).toBeUndefined();
      await store.close();
      await harness.dispose();
    });

    it('aggregates counts and numeric sums per district_code', async () => {
      const { store, harness } = await seeded();
      const rows = await store.aggregateByDistrict('industrial-clusters', 'area_ha');
      expect(rows).toEqual([
        { districtCode: '080', count: 1, sum: 66, summed: 1 },
        { districtCode: '086', count: 2, sum: 700, summed: 1 },
      ]);
      await store.close();
      await harness.dispose();
    });

    it('stores indicator rows and lists them per indicator', async () => {
      const { store, harness } = await seeded();
      const rows = await store.listIndicatorRows('establishments');
      expect(rows).toHaveLength(8);
      expect(rows[0]).toEqual({
        district_code: '080',
        year: 2008,
        indicator: 'establishments',
        value: 30,
        unit: 'establishments',
        status: 'illustrative',
        source: 'Test fixture: illustrative split, not a statistic',
      });
      await store.close();
      await harness.dispose();
    });

    it('changes its revision when data changes', async () => {
      const { catalog, seed } = fixture();
      const harness = create();
      const store = await harness.open(catalog);
      const before = await store.revision();
      await store.seed(seed);
      expect(await store.revision()).not.toBe(before);
      await store.close();
      await harness.dispose();
    });

    it('keeps its data when closed and reopened', async () => {
      const { store, harness, catalog } = await seeded();
      await store.close();
      const again = await harness.open(catalog);
      expect(await again.isEmpty()).toBe(false);
      expect((await again.getFeature('craft-villages', 3))?.properties.name).toBe('Rèn Đồng Tuyển');
      await again.close();
      await harness.dispose();
    });

    it('rejects calls after close', async () => {
      const { store, harness } = await seeded();
      await store.close();
      await expect(store.getFeature('craft-villages', 1)).rejects.toThrow(/closed/);
      await harness.dispose();
    });
  });
}

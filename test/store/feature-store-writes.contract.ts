import { describe, expect, it } from 'vitest';
import type { SeedData } from '../../server/src/catalog/catalog';
import {
  type FeatureContent,
  FeatureNotFound,
  type FeatureStore,
  UnknownVersion,
  VersionConflict,
} from '../../server/src/store/feature-store';
import { fixture, type StoreHarness } from './feature-store.contract';

/**
 * The write behaviour every FeatureStore backend must show (issue 5): versions with
 * compare-and-set, history rows, deletes that leave every read, restore, revert, ids never reused.
 */
export function runFeatureStoreWriteContract(name: string, create: () => StoreHarness): void {
  describe(`FeatureStore write contract: ${name}`, () => {
    async function seeded(data?: SeedData) {
      const { catalog, seed } = fixture();
      const harness = create();
      const store = await harness.open(catalog);
      await store.seed(data ?? seed);
      return { store, harness, catalog, seed };
    }

    const ed = { username: 'eddie' };
    const newVillage = (name: string, coordinates = [103.75, 22.55]): FeatureContent => ({
      properties: {
        name,
        district_code: '082',
        craft: 'forging',
        source: 'test',
        confidence: 'illustrative',
      },
      geometry: { type: 'Point', coordinates },
    });
    const ids = async (store: FeatureStore, q?: string) =>
      (await store.queryFeatures('craft-villages', { q, limit: 100, offset: 0 })).features.map((f) => f.id);

    it('creates a feature at version 1 with the next id, searchable and in bbox queries, with a history row', async () => {
      const { store, harness } = await seeded();
      const f = await store.createFeature('craft-villages', newVillage('Làng Mới'), ed);
      expect(f).toMatchObject({ collection: 'craft-villages', id: 6, version: 1 });
      expect((await store.getFeature('craft-villages', 6))?.properties.name).toBe('Làng Mới');
      expect(await ids(store, 'lang moi')).toEqual([6]);
      const box = await store.queryFeatures('craft-villages', {
        bbox: [103.74, 22.54, 103.76, 22.56],
        limit: 10,
        offset: 0,
      });
      expect(box.features.map((x) => x.id)).toEqual([6]);
      const [h] = await store.featureHistory('craft-villages', 6);
      expect(h).toMatchObject({ version: 1, operation: 'create', username: 'eddie', before: null });
      expect(h?.after?.properties.name).toBe('Làng Mới');
      await store.close();
      await harness.dispose();
    });

    it('replaces with compare-and-set: version + 1 and history, a stale version is rejected with the current feature', async () => {
      const { store, harness } = await seeded();
      const saved = await store.replaceFeature('craft-villages', 1, newVillage('Đổi', [103.7, 22.5]), 1, ed);
      expect(saved.version).toBe(2);
      const stale = store.replaceFeature('craft-villages', 1, newVillage('Cũ'), 1, { username: 'ada' });
      await expect(stale).rejects.toBeInstanceOf(VersionConflict);
      const err = await stale.catch((e: unknown) => e);
      expect((err as VersionConflict).current.version).toBe(2);
      expect((err as VersionConflict).current.properties.name).toBe('Đổi');
      expect((await store.featureHistory('craft-villages', 1)).map((h) => h.version)).toEqual([2]);
      await expect(store.replaceFeature('craft-villages', 99, newVillage('x'), 1, ed)).rejects.toBeInstanceOf(
        FeatureNotFound,
      );
      expect(await ids(store, 'ban pho')).toEqual([]);
      expect(await ids(store, 'doi')).toEqual([1]);
      await store.close();
      await harness.dispose();
    });

    it('lets exactly one of two writers expecting the same version win', async () => {
      const { store, harness } = await seeded();
      const results = await Promise.allSettled([
        store.replaceFeature('craft-villages', 3, newVillage('A', [103.95, 22.45]), 1, ed),
        store.replaceFeature('craft-villages', 3, newVillage('B', [103.95, 22.45]), 1, ed),
        store.deleteFeature('craft-villages', 3, 1, ed),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect((await store.featureHistory('craft-villages', 3)).length).toBe(1);
      await store.close();
      await harness.dispose();
    });

    it('deleted features leave every read (get, query, count, bbox, extent, aggregates) and can be restored as a new version', async () => {
      const { store, harness } = await seeded();
      await expect(store.deleteFeature('craft-villages', 4, 7, ed)).rejects.toBeInstanceOf(VersionConflict);
      await store.deleteFeature('industrial-clusters', 3, 1, ed);
      expect(await store.getFeature('industrial-clusters', 3)).toBeUndefined();
      expect((await store.queryFeatures('industrial-clusters', { limit: 10, offset: 0 })).numberMatched).toBe(
        2,
      );
      const box = await store.queryFeatures('industrial-clusters', {
        bbox: [103.9, 22.4, 104.0, 22.6],
        limit: 10,
        offset: 0,
      });
      expect(box.features).toEqual([]);
      expect(await store.aggregateByDistrict('industrial-clusters', 'area_ha')).toEqual([
        { districtCode: '086', count: 2, sum: 700, summed: 1 },
      ]);
      expect(await store.collectionExtent('industrial-clusters')).toEqual([104.05, 22.2, 104.15, 22.3]);
      const [gone] = await store.listDeleted('industrial-clusters');
      expect(gone).toMatchObject({ id: 3, deletedBy: 'eddie', version: 2 });
      const back = await store.restoreFeature('industrial-clusters', 3, { username: 'ada' });
      expect(back.version).toBe(3);
      expect((await store.getFeature('industrial-clusters', 3))?.properties.name).toBe('CCN Bắc Duyên Hải');
      expect(await store.listDeleted('industrial-clusters')).toEqual([]);
      await expect(store.restoreFeature('industrial-clusters', 3, ed)).rejects.toBeInstanceOf(
        FeatureNotFound,
      );
      expect((await store.featureHistory('industrial-clusters', 3)).map((h) => h.operation)).toEqual([
        'restore',
        'delete',
      ]);
      await store.close();
      await harness.dispose();
    });

    it('never reuses the id of a deleted feature', async () => {
      const { store, harness } = await seeded();
      const f = await store.createFeature('craft-villages', newVillage('Tạm'), ed);
      await store.deleteFeature('craft-villages', f.id, 1, ed);
      expect((await store.createFeature('craft-villages', newVillage('Sau'), ed)).id).toBe(f.id + 1);
      await store.close();
      await harness.dispose();
    });

    it('reverts to an earlier version (also the seeded version 1) as a new version; unknown versions are refused', async () => {
      const { store, harness } = await seeded();
      await store.replaceFeature('craft-villages', 1, newVillage('Hai', [103.7, 22.5]), 1, ed);
      await store.replaceFeature('craft-villages', 1, newVillage('Ba', [103.7, 22.5]), 2, ed, 'patch');
      const v4 = await store.revertFeature('craft-villages', 1, 1, 3, ed);
      expect(v4.version).toBe(4);
      expect(v4.properties.name).toBe('Làng nghề rượu ngô Bản Phố');
      const v5 = await store.revertFeature('craft-villages', 1, 3, 4, ed);
      expect(v5.properties.name).toBe('Ba');
      await expect(store.revertFeature('craft-villages', 1, 9, 5, ed)).rejects.toBeInstanceOf(UnknownVersion);
      await expect(store.revertFeature('craft-villages', 1, 2, 4, ed)).rejects.toBeInstanceOf(
        VersionConflict,
      );
      expect(
        (await store.featureHistory('craft-villages', 1)).map((h) => `${h.version}${h.operation}`),
      ).toEqual(['5revert', '4revert', '3patch', '2replace']);
      const changes = await store.listChanges({ limit: 2, offset: 0 });
      expect(changes.map((c) => c.version)).toEqual([5, 4]);
      await store.close();
      await harness.dispose();
    });
  });
}

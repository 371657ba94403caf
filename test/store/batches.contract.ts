import { describe, expect, it } from 'vitest';
import type { IndicatorRow } from '../../server/src/catalog/catalog';
import {
  BatchAlreadyReverted,
  BatchConflict,
  BatchNotFound,
  type NewBatch,
} from '../../server/src/store/batch-store';
import type { FeatureContent, FeatureStore } from '../../server/src/store/feature-store';
import { fixture, type StoreHarness } from './feature-store.contract';

/**
 * Batches (issue 14) on every backend: many writes in one transaction as one batch, history rows
 * tagged with it, nothing written when anything fails, and the whole batch undone as a new batch
 * that refuses when something changed since.
 */
export function runBatchContract(name: string, create: () => StoreHarness): void {
  describe(`FeatureStore batch contract: ${name}`, () => {
    async function seeded() {
      const { catalog, seed } = fixture();
      const harness = create();
      const store = await harness.open(catalog);
      await store.seed(seed);
      return {
        store,
        done: async () => {
          await store.close();
          await harness.dispose();
        },
      };
    }

    const ed = { username: 'eddie' };
    const importBatch: NewBatch = {
      kind: 'features',
      collection: 'craft-villages',
      fileName: 'lang-nghe.csv',
      details: { rowsRead: 3 },
      actor: ed,
    };
    const village = (name: string, lon = 103.75): FeatureContent => ({
      properties: {
        name,
        district_code: '082',
        craft: 'forging',
        source: 'test',
        confidence: 'illustrative',
      },
      geometry: { type: 'Point', coordinates: [lon, 22.55] },
    });
    const names = async (store: FeatureStore) =>
      (await store.queryFeatures('craft-villages', { limit: 100, offset: 0 })).features.map(
        (f) => f.properties.name,
      );

    it('writes creates and replaces in one batch: new ids in order, history rows carry the batch id, counts recorded', async () => {
      const { store, done } = await seeded();
      const batch = await store.commitFeatureBatch(importBatch, [
        { op: 'create', content: village('Một') },
        { op: 'replace', id: 1, expectedVersion: 1, content: village('Bản Phố mới') },
        { op: 'create', content: village('Hai', 103.76) },
      ]);
      expect(batch).toMatchObject({
        kind: 'features',
        collection: 'craft-villages',
        username: 'eddie',
        fileName: 'lang-nghe.csv',
        counts: { created: 2, updated: 1, deleted: 0, indicators: 0 },
        details: { rowsRead: 3 },
        reverts: null,
        revertedBy: null,
      });
      expect((await store.getFeature('craft-villages', 6))?.properties.name).toBe('Một');
      expect((await store.getFeature('craft-villages', 7))?.properties.name).toBe('Hai');
      expect((await store.getFeature('craft-villages', 1))?.version).toBe(2);
      expect((await store.featureHistory('craft-villages', 6))[0]).toMatchObject({
        operation: 'create',
        batchId: batch.id,
      });
      expect((await store.featureHistory('craft-villages', 1))[0]).toMatchObject({
        operation: 'replace',
        batchId: batch.id,
      });
      expect((await store.listChanges({ limit: 10, offset: 0 })).every((c) => c.batchId === batch.id)).toBe(
        true,
      );
      expect(await store.getBatch(batch.id)).toEqual(batch);
      expect((await store.listBatches({ limit: 10, offset: 0 })).map((b) => b.id)).toEqual([batch.id]);
      const changes = await store.batchChanges(batch.id, { limit: 10, offset: 0 });
      expect(
        changes.map((c) => (c.kind === 'feature' ? `${c.operation}:${c.featureId}:${c.name}` : '')),
      ).toEqual(expect.arrayContaining(['create:6:Một', 'create:7:Hai', 'replace:1:Bản Phố mới']));
      expect(await store.getBatch(batch.id + 100)).toBeUndefined();
      await done();
    });

    it('writes nothing — no feature, no history, no batch — when a write in the middle fails', async () => {
      const { store, done } = await seeded();
      const revision = await store.revision();
      const failing = store.commitFeatureBatch(importBatch, [
        { op: 'create', content: village('Một') },
        { op: 'replace', id: 2, expectedVersion: 7, content: village('Sai') },
        { op: 'create', content: village('Hai') },
      ]);
      await expect(failing).rejects.toBeInstanceOf(BatchConflict);
      const err = (await failing.catch((e: unknown) => e)) as BatchConflict;
      expect(err.edited).toEqual([
        expect.objectContaining({
          featureId: 2,
          expectedVersion: 7,
          currentVersion: 1,
          name: 'Dệt thổ cẩm Tả Phìn',
        }),
      ]);
      expect(await names(store)).not.toContain('Một');
      expect(await store.listChanges({ limit: 10, offset: 0 })).toEqual([]);
      expect(await store.listBatches({ limit: 10, offset: 0 })).toEqual([]);
      expect(await store.revision()).toBe(revision);
      // The ids the failed batch would have used are still free.
      expect((await store.createFeature('craft-villages', village('Ba'), ed)).id).toBe(6);
      await done();
    });

    it('reverts a batch as a new batch (created → deleted and restorable, replaced → earlier content), itself revertible once', async () => {
      const { store, done } = await seeded();
      const batch = await store.commitFeatureBatch(importBatch, [
        { op: 'create', content: village('Một') },
        { op: 'replace', id: 1, expectedVersion: 1, content: village('Đổi tên') },
      ]);
      const undo = await store.revertBatch(batch.id, { username: 'ada' });
      expect(undo).toMatchObject({
        reverts: batch.id,
        username: 'ada',
        fileName: 'lang-nghe.csv',
        counts: { created: 0, updated: 1, deleted: 1 },
      });
      expect((await store.getBatch(batch.id))?.revertedBy).toBe(undo.id);
      expect(await store.getFeature('craft-villages', 6)).toBeUndefined();
      expect((await store.listDeleted('craft-villages')).map((d) => d.id)).toEqual([6]);
      const one = await store.getFeature('craft-villages', 1);
      expect(one).toMatchObject({ version: 3, properties: { name: 'Làng nghề rượu ngô Bản Phố' } });
      expect((await store.featureHistory('craft-villages', 1))[0]).toMatchObject({
        operation: 'revert',
        batchId: undo.id,
      });
      await expect(store.revertBatch(batch.id, ed)).rejects.toBeInstanceOf(BatchAlreadyReverted);
      const redo = await store.revertBatch(undo.id, ed);
      expect(redo).toMatchObject({ reverts: undo.id, counts: { created: 1, updated: 1, deleted: 0 } });
      expect((await store.getFeature('craft-villages', 6))?.properties.name).toBe('Một');
      expect((await store.getFeature('craft-villages', 1))?.properties.name).toBe('Đổi tên');
      await expect(store.revertBatch(999, ed)).rejects.toBeInstanceOf(BatchNotFound);
      await done();
    });

    it('refuses to revert (409 material) when a feature of the batch was edited or deleted since, listing them; nothing changes', async () => {
      const { store, done } = await seeded();
      const batch = await store.commitFeatureBatch(importBatch, [
        { op: 'create', content: village('Một') },
        { op: 'create', content: village('Hai') },
        { op: 'create', content: village('Ba') },
      ]);
      await store.replaceFeature('craft-villages', 7, village('Hai (sửa)'), 1, ed);
      await store.deleteFeature('craft-villages', 8, 1, ed);
      const revision = await store.revision();
      const refused = store.revertBatch(batch.id, ed);
      await expect(refused).rejects.toBeInstanceOf(BatchConflict);
      const err = (await refused.catch((e: unknown) => e)) as BatchConflict;
      expect(err.action).toBe('revert');
      expect(err.edited.map((e) => [e.featureId, e.name, e.expectedVersion, e.currentVersion])).toEqual(
        expect.arrayContaining([
          [7, 'Hai (sửa)', 1, 2],
          [8, 'Ba', 1, null],
        ]),
      );
      expect(err.edited).toHaveLength(2);
      expect(await store.revision()).toBe(revision);
      expect((await store.getFeature('craft-villages', 6))?.version).toBe(1);
      expect((await store.getBatch(batch.id))?.revertedBy).toBeNull();
      await done();
    });

    const row = (district_code: string, value: number, extra: Partial<IndicatorRow> = {}): IndicatorRow => ({
      district_code,
      year: 2008,
      indicator: 'establishments',
      value,
      unit: 'establishments',
      status: 'official',
      source: 'Niên giám thống kê 2008',
      ...extra,
    });
    const valuesOf = async (store: FeatureStore) =>
      Object.fromEntries(
        (await store.listIndicatorRows('establishments'))
          .filter((r) => r.year === 2008)
          .map((r) => [r.district_code, `${r.value}:${r.status}`]),
      );

    it('replaces indicator values as one batch (compare-and-set on the rows seen) and puts them back on revert', async () => {
      const { store, done } = await seeded();
      const current = (await store.listIndicatorRows('establishments')).find(
        (r) => r.district_code === '082' && r.year === 2008,
      ) as IndicatorRow;
      const indicators: NewBatch = {
        kind: 'indicators',
        collection: null,
        fileName: 'chi-tieu.xlsx',
        details: { source: 'Niên giám thống kê 2008', confidence: 'official' },
        actor: { username: 'ada' },
      };
      const stale = store.commitIndicatorBatch(indicators, [{ before: null, after: row('082', 55) }]);
      await expect(stale).rejects.toBeInstanceOf(BatchConflict);
      expect(((await stale.catch((e: unknown) => e)) as BatchConflict).edited[0]?.name).toBe(
        'establishments 2008 082',
      );
      const batch = await store.commitIndicatorBatch(indicators, [
        { before: current, after: row('082', 55) },
        { before: null, after: row('083', 7) },
      ]);
      expect(batch).toMatchObject({ kind: 'indicators', collection: null, counts: { indicators: 2 } });
      expect(await valuesOf(store)).toMatchObject({
        '082': '55:official',
        '083': '7:official',
        '080': '30:illustrative',
      });
      const changes = await store.batchChanges(batch.id, { limit: 10, offset: 0 });
      expect(changes).toEqual([
        {
          kind: 'indicator',
          indicator: 'establishments',
          year: 2008,
          districtCode: '082',
          before: current,
          after: row('082', 55),
        },
        {
          kind: 'indicator',
          indicator: 'establishments',
          year: 2008,
          districtCode: '083',
          before: null,
          after: row('083', 7),
        },
      ]);
      const undo = await store.revertBatch(batch.id, { username: 'ada' });
      expect(undo.counts.indicators).toBe(2);
      const back = await valuesOf(store);
      expect(back['082']).toBe('50:illustrative');
      expect(back['083']).toBeUndefined();
      await done();
    });

    it('refuses to revert indicator values changed since the batch', async () => {
      const { store, done } = await seeded();
      const batch: NewBatch = {
        kind: 'indicators',
        collection: null,
        fileName: null,
        details: {},
        actor: ed,
      };
      const first = await store.commitIndicatorBatch(batch, [{ before: null, after: row('083', 7) }]);
      await store.commitIndicatorBatch(batch, [{ before: row('083', 7), after: row('083', 9) }]);
      await expect(store.revertBatch(first.id, ed)).rejects.toBeInstanceOf(BatchConflict);
      expect((await valuesOf(store))['083']).toBe('9:official');
      await done();
    });

    it('lists every live feature compactly for duplicate checks: id, label, district, position', async () => {
      const { store, done } = await seeded();
      const keys = await store.listFeatureKeys('craft-villages', 'name');
      const live = (await store.queryFeatures('craft-villages', { limit: 100, offset: 0 })).features;
      expect(keys.map((k) => k.id)).toEqual(live.map((f) => f.id));
      const first = live[0]!;
      expect(keys[0]).toEqual({
        id: first.id,
        label: first.properties.name,
        districtCode: first.properties.district_code,
        position: (first.geometry as { coordinates: number[] }).coordinates,
      });
      expect((await store.listFeatureKeys('craft-villages', 'recognition_year'))[0]?.label).toBeNull();
      await done();
    });
  });
}

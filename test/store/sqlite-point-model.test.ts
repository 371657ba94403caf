import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog, loadSeedData } from '../../server/src/catalog/load-catalog';
import type { Bbox } from '../../server/src/store/feature-store';
import { COUNT_CAP } from '../../server/src/store/rows';
import { collectionCodes } from '../../server/src/store/sqlite/collection-codes';
import { type Connection, openConnection } from '../../server/src/store/sqlite/connection';
import { featureReads } from '../../server/src/store/sqlite/feature-reads';
import { type PointModel, PointModels } from '../../server/src/store/sqlite/point-model';
import { sortIndexes } from '../../server/src/store/sqlite/sort-indexes';
import { openSqliteStore } from '../../server/src/store/sqlite/sqlite-store';
import { FIXTURE_GEODATA } from '../helpers/server';
import { syntheticVillages, villageAt, withFeatures } from '../helpers/villages';

/**
 * The in-memory point model (point-model.ts) against the SQL path it stands in for: the same
 * features in the same order, the same hasMore, and numberMatched where the SQL gives it.
 */
const catalog = loadCatalog(FIXTURE_GEODATA);
let dir: string;
let file: string;
let conn: Connection;
let models: PointModels;
let reads: ReturnType<typeof featureReads>;
let code: number;

/** 3,000 villages on a coarse lattice (many share a position; some lie on the boxes' edges). */
const at = (i: number): [number, number] => [104 + ((i * 7) % 61) * 0.002, 22.2 + ((i * 13) % 47) * 0.002];

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'laocai-model-'));
  file = path.join(dir, 'app.db');
  const store = openSqliteStore({ file, catalog });
  await store.seed(withFeatures(loadSeedData(FIXTURE_GEODATA, catalog), syntheticVillages(3000, 1001, at)));
  await store.close();
  conn = openConnection(file);
  models = new PointModels(conn, 2 ** 30);
  reads = featureReads(conn, collectionCodes(conn), new Set(), models, sortIndexes(catalog));
  code = collectionCodes(conn).find('craft-villages')!;
});
afterAll(() => {
  models.close();
  conn.db.close();
  rmSync(dir, { recursive: true, force: true });
});

async function built(): Promise<PointModel> {
  const revision = conn.revision();
  models.ready(code, revision);
  await models.idle();
  const model = models.ready(code, revision);
  if (!model) throw new Error('model not built');
  return model;
}

function ids(json: string): number[] {
  return (JSON.parse(`[${json}]`) as { id: number }[]).map((f) => f.id);
}

function modelIds(model: PointModel, bbox: Bbox, offset: number, limit: number) {
  const page = model.page(bbox, offset, limit);
  const bytes = Buffer.alloc(page.features.length);
  page.features.copyTo(bytes, 0);
  return { ...page, ids: ids(bytes.toString()) };
}

function sqlIds(bbox: Bbox, offset: number, limit: number) {
  const page = reads.page('craft-villages', { bbox, offset, limit }, 'text');
  return { ...page, ids: ids(page.rows.map((r) => r[1]).join(',')) };
}

describe('SQLite point model', () => {
  it('is not used until built, then answers as the SQL path for any box and page', async () => {
    expect(models.ready(code, conn.revision())).toBeUndefined();
    const model = await built();
    expect(model.size).toBeGreaterThan(3000);
    const coord = fc.integer({ min: -5, max: 130 }).map((k) => k * 0.001);
    fc.assert(
      fc.property(
        coord,
        coord,
        fc.integer({ min: 0, max: 130 }).map((k) => k * 0.001),
        fc.integer({ min: 0, max: 100 }).map((k) => k * 0.001),
        fc.constantFrom(0, 1, 7, 100, 2999),
        fc.constantFrom(1, 5, 100, 10_000),
        (x, y, w, h, offset, limit) => {
          const bbox: Bbox = [104 + x, 22.2 + y * 0.8, 104 + x + w, 22.2 + y * 0.8 + h];
          const ours = modelIds(model, bbox, offset, limit);
          const sql = sqlIds(bbox, offset, limit);
          expect(ours.ids).toEqual(sql.ids);
          expect(ours.numberReturned).toBe(sql.ids.length);
          expect(ours.hasMore).toBe(sql.hasMore);
          expect(ours.numberMatched).toBe(sql.numberMatched);
        },
      ),
      { seed: 20261201, numRuns: 300 },
    );
  });

  it('walks the id order for a box holding more than COUNT_CAP, as SQL does', async () => {
    const model = await built();
    const whole: Bbox = [100, 20, 108, 25];
    expect(model.size).toBeLessThan(COUNT_CAP);
    // Every feature in the box: exact count from the tree.
    expect(model.page(whole, 0, 10).numberMatched).toBe(model.size);
    // Page ends: counted from the walk too.
    const end = modelIds(model, whole, model.size - 3, 10);
    expect(end).toMatchObject({ hasMore: false, numberMatched: model.size });
    expect(end.ids).toEqual(sqlIds(whole, model.size - 3, 10).ids);
  });

  it('goes stale on any edit and is built again with the edit in it', async () => {
    const before = await built();
    const store = openSqliteStore({ file, catalog });
    let id: number;
    try {
      ({ id } = await store.createFeature('craft-villages', villageAt(104.0301, 22.2301, '086'), {
        username: 'test',
      }));
    } finally {
      await store.close();
    }
    const box: Bbox = [104.03, 22.23, 104.0302, 22.2302];
    expect(models.ready(code, conn.revision())).toBeUndefined();
    const after = await built();
    expect(after).not.toBe(before);
    expect(modelIds(after, box, 0, 10).ids).toEqual(sqlIds(box, 0, 10).ids);
    expect(modelIds(after, box, 0, 10).ids).toContain(id);
    expect(modelIds(before, box, 0, 10).ids).not.toContain(id);
  });

  it("answers the store's box pages once built: the same text, as bytes", async () => {
    const store = openSqliteStore({ file, catalog });
    try {
      const query = { bbox: [104.01, 22.21, 104.05, 22.25] as Bbox, limit: 50, offset: 10 };
      const first = await store.queryFeaturesGeoJson('craft-villages', query);
      expect(first.featuresBytes).toBeUndefined();
      let later = first;
      for (let i = 0; i < 200 && !later.featuresBytes; i++) {
        await new Promise((r) => setTimeout(r, 10));
        later = await store.queryFeaturesGeoJson('craft-villages', query);
      }
      expect(later.featuresBytes?.length).toBe(Buffer.byteLength(first.featuresJson));
      expect(later.featuresJson).toBe(first.featuresJson);
      expect({ ...later, featuresJson: '', featuresBytes: undefined }).toEqual({
        ...first,
        featuresJson: '',
      });
      // Not for a query with more than a box: a filter goes to SQL.
      const filtered = await store.queryFeaturesGeoJson('craft-villages', {
        ...query,
        filters: [{ property: 'craft', value: 'forging' }],
      });
      expect(filtered.featuresBytes).toBeUndefined();
      expect(filtered.featuresJson).toBe(first.featuresJson);
      // Nor for a collection holding polygons (they are refined exactly by SQL and turf).
      const districts = { bbox: [103, 21, 105, 23] as Bbox, limit: 10, offset: 0 };
      await store.queryFeaturesGeoJson('districts', districts);
      await new Promise((r) => setTimeout(r, 100));
      expect((await store.queryFeaturesGeoJson('districts', districts)).featuresBytes).toBeUndefined();
    } finally {
      await store.close();
    }
  });

  it('builds the same model with its tree made in a worker thread (large collections)', async () => {
    const inThread = await built();
    const inWorker = new PointModels(conn, 2 ** 30, 0);
    inWorker.ready(code, conn.revision());
    await inWorker.idle();
    const model = inWorker.ready(code, conn.revision());
    expect(model?.size).toBe(inThread.size);
    for (const bbox of [
      [104.01, 22.21, 104.05, 22.25],
      [104, 22.2, 104.2, 22.3],
      [104.1, 22.2, 104.1, 22.3],
    ] as Bbox[]) {
      const { features: _a, ...fromWorker } = modelIds(model!, bbox, 3, 40);
      const { features: _b, ...fromThread } = modelIds(inThread, bbox, 3, 40);
      expect(fromWorker).toEqual(fromThread);
      expect(fromWorker.ids.length).toBeGreaterThan(0);
    }
    inWorker.close();
  });

  it('holds nothing above its budget (the SQL path answers)', async () => {
    const small = new PointModels(conn, 1000);
    small.ready(code, conn.revision());
    await small.idle();
    expect(small.ready(code, conn.revision())).toBeUndefined();
    const none = new PointModels(conn, 0);
    expect(none.ready(code, conn.revision())).toBeUndefined();
    await none.idle();
    expect(none.ready(code, conn.revision())).toBeUndefined();
  });
});

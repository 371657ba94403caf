import type { Catalog, IndicatorRow } from '../../catalog/catalog';
import {
  editedFeature,
  editedIndicator,
  type FeatureEntry,
  featureChange,
  type IndicatorEntry,
  indicatorChange,
  NO_COUNTS,
  planFeatureUndo,
  planIndicatorUndo,
  sameIndicatorRow,
  toBatchInfo,
} from '../batch-rows';
import {
  BatchAlreadyReverted,
  BatchConflict,
  type BatchCounts,
  type BatchInfo,
  BatchNotFound,
  type BatchStore,
  type EditedSince,
  type NewBatch,
} from '../batch-store';
import type { Actor, HistoryOperation } from '../feature-store';
import type { Connection } from './connection';
import type { FeatureRowWriter } from './feature-rows';
import { parseContent, type SqliteFeatureOps } from './feature-writes';
import { jsonPath } from './query-sql';

type SyncBatchMethods = {
  [K in keyof BatchStore]: (...args: Parameters<BatchStore[K]>) => Awaited<ReturnType<BatchStore[K]>>;
};

interface BatchRow {
  id: number;
  kind: 'features' | 'indicators';
  collection: string | null;
  username: string;
  at: string;
  file_name: string | null;
  counts: string;
  summary: string;
  reverts: number | null;
  reverted_by: number | null;
}

interface HistoryEntryRow {
  collection: string;
  feature_id: number;
  version: number;
  operation: HistoryOperation;
  before: string | null;
  after: string | null;
}

interface IndicatorEntryRow {
  before: string | null;
  after: string | null;
}

const toInfo = (r: BatchRow): BatchInfo =>
  toBatchInfo({ ...r, counts: JSON.parse(r.counts), summary: JSON.parse(r.summary) });

const toFeatureEntry = (r: HistoryEntryRow): FeatureEntry => ({
  collection: r.collection,
  featureId: r.feature_id,
  version: r.version,
  operation: r.operation,
  before: parseContent(r.before),
  after: parseContent(r.after),
});

const toIndicatorEntry = (r: IndicatorEntryRow): IndicatorEntry => ({
  before: r.before === null ? null : (JSON.parse(r.before) as IndicatorRow),
  after: r.after === null ? null : (JSON.parse(r.after) as IndicatorRow),
});

/**
 * Batches on SQLite (issue 14). Each method is one `BEGIN IMMEDIATE` transaction: the batch row,
 * every feature or indicator write with its history row, and the counts commit together or not
 * at all. Conflicts are checked inside the transaction before anything is written.
 */
export function sqliteBatches(
  conn: Connection,
  ops: SqliteFeatureOps,
  rows: FeatureRowWriter,
  catalog: Catalog,
  now: () => Date,
): SyncBatchMethods {
  const { db, prepare } = conn;

  const getRow = (id: number): BatchRow | undefined =>
    prepare('SELECT * FROM batches WHERE id = ?').get(id) as BatchRow | undefined;

  const insertBatch = (batch: NewBatch, reverts: number | null): number =>
    prepare(
      `INSERT INTO batches (kind, collection, username, at, file_name, counts, summary, reverts)
       VALUES (?, ?, ?, ?, ?, '{}', ?, ?) RETURNING id`,
    )
      .pluck()
      .get(
        batch.kind,
        batch.collection,
        batch.actor.username,
        now().toISOString(),
        batch.fileName,
        JSON.stringify(batch.details),
        reverts,
      ) as number;

  const finish = (id: number, counts: BatchCounts): BatchInfo => {
    prepare('UPDATE batches SET counts = ? WHERE id = ?').run(JSON.stringify(counts), id);
    return toInfo(getRow(id) as BatchRow);
  };

  const indicatorRow = (r: Pick<IndicatorRow, 'indicator' | 'year' | 'district_code'>) =>
    prepare(
      `SELECT district_code, year, indicator, value, unit, status, source FROM indicator_values
       WHERE indicator = ? AND year = ? AND district_code = ?`,
    ).get(r.indicator, r.year, r.district_code) as IndicatorRow | undefined;

  /** Sets (or, with `next` null, removes) one indicator value and records the change. */
  const writeIndicator = (
    batchId: number,
    key: IndicatorRow,
    before: IndicatorRow | null,
    next: IndicatorRow | null,
  ): void => {
    if (next === null) {
      prepare('DELETE FROM indicator_values WHERE indicator = ? AND year = ? AND district_code = ?').run(
        key.indicator,
        key.year,
        key.district_code,
      );
    } else {
      prepare(
        `INSERT INTO indicator_values (indicator, year, district_code, value, unit, status, source)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (indicator, year, district_code) DO UPDATE SET
           value = excluded.value, unit = excluded.unit, status = excluded.status, source = excluded.source`,
      ).run(next.indicator, next.year, next.district_code, next.value, next.unit, next.status, next.source);
    }
    prepare(
      `INSERT INTO indicator_history (batch_id, indicator, year, district_code, before, after)
       VALUES (?, ?, ?, ?, ?, ?)`,
    ).run(
      batchId,
      key.indicator,
      key.year,
      key.district_code,
      before && JSON.stringify(before),
      next && JSON.stringify(next),
    );
  };

  const commitFeatures = db.transaction(
    (batch: NewBatch, writes: Parameters<BatchStore['commitFeatureBatch']>[1]) => {
      const collection = batch.collection;
      if (batch.kind !== 'features' || collection === null)
        throw new TypeError('a features batch needs its collection');
      const edited: EditedSince[] = [];
      for (const w of writes) {
        if (w.op !== 'replace') continue;
        const current = rows.get(collection, w.id);
        if (current?.version === w.expectedVersion) continue;
        edited.push(
          editedFeature(catalog, collection, w.id, w.expectedVersion, {
            version: current?.version ?? null,
            properties: current?.properties ?? w.content.properties,
          }),
        );
      }
      if (edited.length > 0) throw new BatchConflict('commit', edited);
      const id = insertBatch(batch, null);
      const counts = { ...NO_COUNTS };
      for (const w of writes) {
        if (w.op === 'create') {
          ops.create(collection, w.content, batch.actor, id);
          counts.created += 1;
        } else {
          ops.update(collection, w.id, w.content, w.expectedVersion, batch.actor, 'replace', id);
          counts.updated += 1;
        }
      }
      return finish(id, counts);
    },
  );

  const commitIndicators = db.transaction(
    (batch: NewBatch, changes: Parameters<BatchStore['commitIndicatorBatch']>[1]) => {
      const edited = changes
        .filter((c) => !sameIndicatorRow(indicatorRow(c.after) ?? null, c.before))
        .map((c) => editedIndicator(c.after));
      if (edited.length > 0) throw new BatchConflict('commit', edited);
      const id = insertBatch(batch, null);
      for (const c of changes) writeIndicator(id, c.after, c.before, c.after);
      return finish(id, { ...NO_COUNTS, indicators: changes.length });
    },
  );

  const featureEntries = (id: number, limit = -1, offset = 0): FeatureEntry[] =>
    (
      prepare(
        `SELECT collection, feature_id, version, operation, before, after FROM feature_history
         WHERE batch_id = ? ORDER BY seq LIMIT ? OFFSET ?`,
      ).all(id, limit, offset) as HistoryEntryRow[]
    ).map(toFeatureEntry);

  const indicatorEntries = (id: number, limit = -1, offset = 0): IndicatorEntry[] =>
    (
      prepare(
        'SELECT before, after FROM indicator_history WHERE batch_id = ? ORDER BY seq LIMIT ? OFFSET ?',
      ).all(id, limit, offset) as IndicatorEntryRow[]
    ).map(toIndicatorEntry);

  /** Features of the batch that are not at the version the batch left them in. */
  const editedFeatures = (entries: readonly FeatureEntry[]): EditedSince[] =>
    planFeatureUndo(entries).flatMap(({ kind, entry }) => {
      const live = rows.get(entry.collection, entry.featureId);
      const unchanged =
        kind === 'restore'
          ? !live && ops.deletedVersion(entry.collection, entry.featureId) === entry.version
          : live?.version === entry.version;
      if (unchanged) return [];
      return [
        editedFeature(catalog, entry.collection, entry.featureId, entry.version, {
          version: live?.version ?? null,
          properties: live?.properties ?? (entry.after ?? entry.before)?.properties ?? {},
        }),
      ];
    });

  const revert = db.transaction((id: number, actor: Actor) => {
    const original = getRow(id);
    if (!original) throw new BatchNotFound(id);
    if (original.reverted_by !== null) throw new BatchAlreadyReverted(id, original.reverted_by);
    const batch: NewBatch = {
      kind: original.kind,
      collection: original.collection,
      fileName: original.file_name,
      details: { revertOf: id },
      actor,
    };
    const counts = { ...NO_COUNTS };
    let revertId: number;
    if (original.kind === 'features') {
      const entries = featureEntries(id);
      const edited = editedFeatures(entries);
      if (edited.length > 0) throw new BatchConflict('revert', edited);
      revertId = insertBatch(batch, id);
      for (const undo of planFeatureUndo(entries)) {
        const { collection, featureId, version } = undo.entry;
        if (undo.kind === 'delete') {
          ops.remove(collection, featureId, version, actor, revertId);
          counts.deleted += 1;
        } else if (undo.kind === 'restore') {
          ops.restore(collection, featureId, actor, revertId);
          counts.created += 1;
        } else {
          ops.update(collection, featureId, undo.content, version, actor, 'revert', revertId);
          counts.updated += 1;
        }
      }
    } else {
      const undo = planIndicatorUndo(indicatorEntries(id));
      const edited = undo
        .filter(
          (e) => !sameIndicatorRow(indicatorRow((e.after ?? e.before) as IndicatorRow) ?? null, e.after),
        )
        .map((e) => editedIndicator((e.after ?? e.before) as IndicatorRow));
      if (edited.length > 0) throw new BatchConflict('revert', edited);
      revertId = insertBatch(batch, id);
      for (const e of undo)
        writeIndicator(revertId, (e.after ?? e.before) as IndicatorRow, e.after, e.before);
      counts.indicators = undo.length;
    }
    prepare('UPDATE batches SET reverted_by = ? WHERE id = ?').run(revertId, id);
    return finish(revertId, counts);
  });

  return {
    commitFeatureBatch: (batch, writes) => commitFeatures.immediate(batch, writes),
    commitIndicatorBatch: (batch, changes) => commitIndicators.immediate(batch, changes),
    revertBatch: (id, actor) => revert.immediate(id, actor),
    getBatch: (id) => {
      const row = getRow(id);
      return row ? toInfo(row) : undefined;
    },
    listBatches: ({ limit, offset }) =>
      (
        prepare('SELECT * FROM batches ORDER BY id DESC LIMIT ? OFFSET ?').all(limit, offset) as BatchRow[]
      ).map(toInfo),
    batchChanges: (id, { limit, offset }) => [
      ...featureEntries(id, limit, offset).map((e) => featureChange(catalog, e)),
      ...indicatorEntries(id, limit, offset).map(indicatorChange),
    ],
    listFeatureKeys: (collection, labelProperty) =>
      (
        prepare(
          `SELECT id, json_extract(geojson, ?) AS label, district_code,
             (min_lon + max_lon) / 2 AS lon, (min_lat + max_lat) / 2 AS lat
           FROM features WHERE collection = ? ORDER BY id`,
        ).all(jsonPath(labelProperty), collection) as {
          id: number;
          label: unknown;
          district_code: string | null;
          lon: number;
          lat: number;
        }[]
      ).map((r) => ({
        id: r.id,
        label: typeof r.label === 'string' ? r.label : null,
        districtCode: r.district_code,
        position: [r.lon, r.lat],
      })),
  };
}

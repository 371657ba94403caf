import type { Catalog, IndicatorRow } from '../../catalog/catalog';
import {
  type DecodedBatchRow,
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
import type { FeatureContent, HistoryOperation } from '../feature-store';
import type { Connection, Queryable } from './connection';
import type { FeatureRowWriter } from './feature-rows';
import { content, insertHistory, lockNewIds, nextFeatureId, postgisFeatureOps } from './feature-writes';

type BatchRow = Omit<DecodedBatchRow, 'at'> & { at: Date };

interface EntryRow {
  collection: string;
  feature_id: number;
  version: number;
  operation: HistoryOperation;
  before: FeatureContent | null;
  after: FeatureContent | null;
}

/** Rows per statement when many features are written at once. */
const CHUNK = 5000;

const toInfo = (r: BatchRow): BatchInfo => toBatchInfo({ ...r, at: r.at.toISOString() });

const toEntry = (r: EntryRow): FeatureEntry => ({
  collection: r.collection,
  featureId: r.feature_id,
  version: r.version,
  operation: r.operation,
  before: content(r.before),
  after: content(r.after),
});

function groupBy<T>(list: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of list) {
    const k = key(item);
    const group = out.get(k);
    if (group) group.push(item);
    else out.set(k, [item]);
  }
  return out;
}

function chunks<T>(list: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += CHUNK) out.push(list.slice(i, i + CHUNK));
  return out;
}

/**
 * Batches on PostGIS (issue 14). Each method is one transaction: the batch row, every write and
 * its history row, and the counts commit together or not at all. New features go in with a few
 * multi-row statements (ids assigned under the collection's new-id lock); features a batch
 * replaces or undoes are locked (`FOR UPDATE`) and their versions compared before anything is
 * written, so a concurrent edit either waits or is reported as a conflict.
 */
export function postgisBatches(
  conn: Connection,
  rows: FeatureRowWriter,
  catalog: Catalog,
  now: () => Date,
): BatchStore {
  const ops = postgisFeatureOps(rows, now);

  const insertBatch = async (tx: Queryable, batch: NewBatch, reverts: number | null): Promise<number> => {
    const { rows: out } = await tx.query<{ id: number }>(
      `INSERT INTO batches (kind, collection, username, at, file_name, counts, summary, reverts)
       VALUES ($1, $2, $3, $4, $5, '{}', $6::jsonb, $7) RETURNING id`,
      [
        batch.kind,
        batch.collection,
        batch.actor.username,
        now().toISOString(),
        batch.fileName,
        JSON.stringify(batch.details),
        reverts,
      ],
    );
    return out[0]!.id;
  };

  const getRow = async (db: Queryable, id: number, lock = false): Promise<BatchRow | undefined> =>
    (await db.query<BatchRow>(`SELECT * FROM batches WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]))
      .rows[0];

  const finish = async (tx: Queryable, id: number, counts: BatchCounts): Promise<BatchInfo> => {
    await tx.query('UPDATE batches SET counts = $2::jsonb WHERE id = $1', [id, JSON.stringify(counts)]);
    return toInfo((await getRow(tx, id)) as BatchRow);
  };

  /** Live versions (and labels) of features, locked for the rest of the transaction. */
  const lockVersions = async (tx: Queryable, collection: string, ids: readonly number[]) => {
    const out = new Map<number, { version: number; properties: Record<string, unknown> }>();
    for (const part of chunks(ids)) {
      const { rows: found } = await tx.query<{
        id: number;
        version: number;
        properties: Record<string, unknown>;
      }>(
        'SELECT id, version, properties FROM features WHERE collection = $1 AND id = ANY($2::int[]) FOR UPDATE',
        [collection, part],
      );
      for (const r of found) out.set(r.id, r);
    }
    return out;
  };

  const lockIndicator = async (
    tx: Queryable,
    r: Pick<IndicatorRow, 'indicator' | 'year' | 'district_code'>,
  ) =>
    (
      await tx.query<IndicatorRow>(
        `SELECT district_code, year, indicator, value, unit, status, source FROM indicator_values
         WHERE indicator = $1 AND year = $2 AND district_code = $3 FOR UPDATE`,
        [r.indicator, r.year, r.district_code],
      )
    ).rows[0] ?? null;

  const writeIndicator = async (
    tx: Queryable,
    batchId: number,
    key: IndicatorRow,
    before: IndicatorRow | null,
    next: IndicatorRow | null,
  ): Promise<void> => {
    if (next === null) {
      await tx.query(
        'DELETE FROM indicator_values WHERE indicator = $1 AND year = $2 AND district_code = $3',
        [key.indicator, key.year, key.district_code],
      );
    } else {
      await tx.query(
        `INSERT INTO indicator_values (indicator, year, district_code, value, unit, status, source)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (indicator, year, district_code) DO UPDATE SET
           value = excluded.value, unit = excluded.unit, status = excluded.status, source = excluded.source`,
        [next.indicator, next.year, next.district_code, next.value, next.unit, next.status, next.source],
      );
    }
    await tx.query(
      `INSERT INTO indicator_history (batch_id, indicator, year, district_code, before, after)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb)`,
      [
        batchId,
        key.indicator,
        key.year,
        key.district_code,
        before && JSON.stringify(before),
        next && JSON.stringify(next),
      ],
    );
  };

  /** Adds features with consecutive new ids (a few statements per 5,000). */
  const createMany = async (
    tx: Queryable,
    batch: NewBatch & { collection: string },
    contents: readonly FeatureContent[],
    batchId: number,
  ): Promise<void> => {
    if (contents.length === 0) return;
    const { collection } = batch;
    await lockNewIds(tx, collection);
    const first = await nextFeatureId(tx, collection);
    const at = now().toISOString();
    const made = contents.map((c, i) => ({ collection, id: first + i, ...c }));
    await rows.insert(tx, made, 1, at, at);
    for (const part of chunks(made)) {
      await insertHistory(
        tx,
        part.map((f) => ({
          collection,
          id: f.id,
          version: 1,
          operation: 'create' as const,
          username: batch.actor.username,
          at,
          before: null,
          after: { properties: f.properties, geometry: f.geometry },
          batchId,
        })),
      );
    }
  };

  /** Deletes (restorably) features at the versions the entries name; the caller compared them. */
  const deleteMany = async (
    tx: Queryable,
    entries: readonly FeatureEntry[],
    username: string,
    batchId: number,
  ) => {
    const at = now().toISOString();
    const parts = [...groupBy(entries, (e) => e.collection).values()].flatMap((group) => chunks(group));
    for (const part of parts) {
      const collection = part[0]!.collection;
      await tx.query(
        `WITH gone AS (DELETE FROM features WHERE collection = $1 AND id = ANY($2::int[]) RETURNING *)
         INSERT INTO deleted_features (collection, id, properties, geom, version, created_at, deleted_at, deleted_by)
         SELECT collection, id, properties, geom, version + 1, created_at, $3, $4 FROM gone`,
        [collection, part.map((e) => e.featureId), at, username],
      );
      await insertHistory(
        tx,
        part.map((e) => ({
          collection,
          id: e.featureId,
          version: e.version + 1,
          operation: 'delete' as const,
          username,
          at,
          before: e.after,
          after: null,
          batchId,
        })),
      );
    }
  };

  const featureEntries = async (db: Queryable, id: number, limit: number | null = null, offset = 0) =>
    (
      await db.query<EntryRow>(
        `SELECT collection, feature_id, version, operation, before, after FROM feature_history
         WHERE batch_id = $1 ORDER BY seq LIMIT $2 OFFSET $3`,
        [id, limit, offset],
      )
    ).rows.map(toEntry);

  const indicatorEntries = async (db: Queryable, id: number, limit: number | null = null, offset = 0) =>
    (
      await db.query<IndicatorEntry>(
        'SELECT before, after FROM indicator_history WHERE batch_id = $1 ORDER BY seq LIMIT $2 OFFSET $3',
        [id, limit, offset],
      )
    ).rows;

  /** Features of the batch not at the version it left them in (live ones locked). */
  const editedFeatures = async (tx: Queryable, entries: readonly FeatureEntry[]): Promise<EditedSince[]> => {
    const plan = planFeatureUndo(entries);
    const edited: EditedSince[] = [];
    const byCollection = groupBy(plan, (u) => u.entry.collection);
    for (const [collection, undos] of byCollection) {
      const live = await lockVersions(
        tx,
        collection,
        undos.map((u) => u.entry.featureId),
      );
      const restoring = undos.filter((u) => u.kind === 'restore').map((u) => u.entry.featureId);
      const { rows: deleted } = await tx.query<{ id: number; version: number }>(
        'SELECT id, version FROM deleted_features WHERE collection = $1 AND id = ANY($2::int[]) FOR UPDATE',
        [collection, restoring],
      );
      const deletedAt = new Map(deleted.map((d) => [d.id, d.version]));
      for (const { kind, entry } of undos) {
        const now = live.get(entry.featureId);
        const unchanged =
          kind === 'restore'
            ? !now && deletedAt.get(entry.featureId) === entry.version
            : now?.version === entry.version;
        if (unchanged) continue;
        edited.push(
          editedFeature(catalog, collection, entry.featureId, entry.version, {
            version: now?.version ?? null,
            properties: now?.properties ?? (entry.after ?? entry.before)?.properties ?? {},
          }),
        );
      }
    }
    return edited;
  };

  return {
    commitFeatureBatch: (batch, writes) =>
      conn.transaction(async (tx) => {
        const collection = batch.collection;
        if (batch.kind !== 'features' || collection === null) {
          throw new TypeError('a features batch needs its collection');
        }
        const replaces = writes.flatMap((w) => (w.op === 'replace' ? [w] : []));
        const live = await lockVersions(
          tx,
          collection,
          replaces.map((w) => w.id),
        );
        const edited = replaces
          .filter((w) => live.get(w.id)?.version !== w.expectedVersion)
          .map((w) =>
            editedFeature(catalog, collection, w.id, w.expectedVersion, {
              version: live.get(w.id)?.version ?? null,
              properties: live.get(w.id)?.properties ?? w.content.properties,
            }),
          );
        if (edited.length > 0) throw new BatchConflict('commit', edited);
        const id = await insertBatch(tx, batch, null);
        const creates = writes.flatMap((w) => (w.op === 'create' ? [w.content] : []));
        await createMany(tx, { ...batch, collection }, creates, id);
        for (const w of replaces) {
          const before = await rows.get(tx, collection, w.id, true);
          if (!before) throw new BatchConflict('commit', []);
          await ops.update(tx, before, w.content, batch.actor, 'replace', id);
        }
        return finish(tx, id, { ...NO_COUNTS, created: creates.length, updated: replaces.length });
      }),
    commitIndicatorBatch: (batch, changes) =>
      conn.transaction(async (tx) => {
        const edited: EditedSince[] = [];
        for (const c of changes) {
          if (!sameIndicatorRow(await lockIndicator(tx, c.after), c.before))
            edited.push(editedIndicator(c.after));
        }
        if (edited.length > 0) throw new BatchConflict('commit', edited);
        const id = await insertBatch(tx, batch, null);
        for (const c of changes) await writeIndicator(tx, id, c.after, c.before, c.after);
        return finish(tx, id, { ...NO_COUNTS, indicators: changes.length });
      }),
    revertBatch: (id, actor) =>
      conn.transaction(async (tx) => {
        const original = await getRow(tx, id, true);
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
          const entries = await featureEntries(tx, id);
          const edited = await editedFeatures(tx, entries);
          if (edited.length > 0) throw new BatchConflict('revert', edited);
          revertId = await insertBatch(tx, batch, id);
          const plan = planFeatureUndo(entries);
          const deletes = plan.flatMap((u) => (u.kind === 'delete' ? [u.entry] : []));
          await deleteMany(tx, deletes, actor.username, revertId);
          counts.deleted = deletes.length;
          for (const undo of plan) {
            const { collection, featureId, version } = undo.entry;
            if (undo.kind === 'restore') {
              await ops.restore(tx, collection, featureId, actor, revertId);
              counts.created += 1;
            } else if (undo.kind === 'replace') {
              const before = await ops.lockLive(tx, collection, featureId, version);
              await ops.update(tx, before, undo.content, actor, 'revert', revertId);
              counts.updated += 1;
            }
          }
        } else {
          const undo = planIndicatorUndo(await indicatorEntries(tx, id));
          const edited: EditedSince[] = [];
          for (const e of undo) {
            const key = (e.after ?? e.before) as IndicatorRow;
            if (!sameIndicatorRow(await lockIndicator(tx, key), e.after)) edited.push(editedIndicator(key));
          }
          if (edited.length > 0) throw new BatchConflict('revert', edited);
          revertId = await insertBatch(tx, batch, id);
          for (const e of undo)
            await writeIndicator(tx, revertId, (e.after ?? e.before) as IndicatorRow, e.after, e.before);
          counts.indicators = undo.length;
        }
        await tx.query('UPDATE batches SET reverted_by = $2 WHERE id = $1', [id, revertId]);
        return finish(tx, revertId, counts);
      }),
    getBatch: async (id) => {
      const row = await getRow(conn, id);
      return row ? toInfo(row) : undefined;
    },
    listBatches: async ({ limit, offset }) =>
      (
        await conn.query<BatchRow>('SELECT * FROM batches ORDER BY id DESC LIMIT $1 OFFSET $2', [
          limit,
          offset,
        ])
      ).rows.map(toInfo),
    batchChanges: async (id, { limit, offset }) => [
      ...(await featureEntries(conn, id, limit, offset)).map((e) => featureChange(catalog, e)),
      ...(await indicatorEntries(conn, id, limit, offset)).map(indicatorChange),
    ],
    listFeatureKeys: async (collection, labelProperty) =>
      (
        await conn.query<{
          id: number;
          label: string | null;
          district_code: string | null;
          lon: number;
          lat: number;
        }>(
          `SELECT id, CASE WHEN jsonb_typeof(properties -> $2) = 'string' THEN properties ->> $2 END AS label,
             district_code,
             CASE WHEN GeometryType(geom) = 'POINT' THEN ST_X(geom) ELSE (ST_XMin(geom) + ST_XMax(geom)) / 2 END AS lon,
             CASE WHEN GeometryType(geom) = 'POINT' THEN ST_Y(geom) ELSE (ST_YMin(geom) + ST_YMax(geom)) / 2 END AS lat
           FROM features WHERE collection = $1 ORDER BY id`,
          [collection, labelProperty],
        )
      ).rows.map((r) => ({
        id: r.id,
        label: r.label,
        districtCode: r.district_code,
        position: [r.lon, r.lat],
      })),
  };
}

import type { Geometry } from 'geojson';
import {
  type Actor,
  type DeletedFeatureInfo,
  type FeatureContent,
  FeatureNotFound,
  type FeatureStore,
  type HistoryOperation,
  type HistoryRecord,
  type StoredFeature,
  UnknownVersion,
  VersionConflict,
} from '../feature-store';
import { contentOf, HISTORY_COLUMNS, HISTORY_READ_COLUMNS, toHistoryRecord } from '../rows';
import type { Connection, Queryable } from './connection';
import { type FeatureRowWriter, GEOJSON } from './feature-rows';
import { LOCK_CLASS } from './migrations';

export type WriteMethods = Pick<
  FeatureStore,
  | 'createFeature'
  | 'replaceFeature'
  | 'deleteFeature'
  | 'revertFeature'
  | 'restoreFeature'
  | 'featureHistory'
  | 'listDeleted'
  | 'listChanges'
>;

interface HistoryRow {
  collection: string;
  feature_id: number;
  version: number;
  operation: HistoryOperation;
  username: string;
  at: Date;
  before: FeatureContent | null;
  after: FeatureContent | null;
  batch_id: number | null;
}

interface DeletedRow {
  collection: string;
  id: number;
  properties: Record<string, unknown>;
  geometry: Geometry;
  version: number;
  created_at: Date;
  deleted_at: Date;
  deleted_by: string;
}

/** Second key of the per-collection advisory lock that serialises new ids (any instance). */
export const LOCK_NEW_ID = 3;

/** jsonb content as stored, without any other member a hand edit may have left. */
export function content(c: FeatureContent | null): FeatureContent | null {
  return c === null ? null : { properties: c.properties, geometry: c.geometry };
}

function toHistory(row: HistoryRow): HistoryRecord {
  return toHistoryRecord({
    ...row,
    at: row.at.toISOString(),
    before: content(row.before),
    after: content(row.after),
  });
}

/** A feature_history row to insert (batchId null outside batches). */
export interface HistoryInsert {
  collection: string;
  id: number;
  version: number;
  operation: HistoryOperation;
  username: string;
  at: string;
  before: FeatureContent | null;
  after: FeatureContent | null;
  batchId: number | null;
}

/** Inserts history rows in one statement (arrays unnested). */
export async function insertHistory(tx: Queryable, entries: readonly HistoryInsert[]): Promise<void> {
  if (entries.length === 0) return;
  const json = (c: FeatureContent | null) => (c === null ? null : JSON.stringify(c));
  await tx.query(
    `INSERT INTO feature_history (${HISTORY_COLUMNS}, batch_id)
     SELECT * FROM unnest($1::text[], $2::int[], $3::int[], $4::text[], $5::text[], $6::timestamptz[],
       $7::jsonb[], $8::jsonb[], $9::bigint[])`,
    [
      entries.map((e) => e.collection),
      entries.map((e) => e.id),
      entries.map((e) => e.version),
      entries.map((e) => e.operation),
      entries.map((e) => e.username),
      entries.map((e) => e.at),
      entries.map((e) => json(e.before)),
      entries.map((e) => json(e.after)),
      entries.map((e) => e.batchId),
    ],
  );
}

/** The next new id of a collection (max of every id it ever had + 1); call under lockNewIds. */
export async function nextFeatureId(tx: Queryable, collection: string): Promise<number> {
  const { rows: next } = await tx.query<{ id: number }>(
    `SELECT greatest(
       (SELECT coalesce(max(id), 0) FROM features WHERE collection = $1),
       (SELECT coalesce(max(feature_id), 0) FROM feature_history WHERE collection = $1),
       (SELECT coalesce(max(id), 0) FROM deleted_features WHERE collection = $1)) + 1 AS id`,
    [collection],
  );
  return next[0]!.id;
}

/** New ids are max(ever used) + 1: creations of one collection take turns (any instance). */
export async function lockNewIds(tx: Queryable, collection: string): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock(${LOCK_CLASS}, hashtext($1) # ${LOCK_NEW_ID})`, [collection]);
}

/**
 * The feature writes as functions on a transaction the caller opened (one write, or a batch:
 * issue 14). Each records its history row, tagged with `batchId` when given.
 */
export function postgisFeatureOps(rows: FeatureRowWriter, now: () => Date) {
  const record = (
    tx: Queryable,
    f: { collection: string; id: number; version: number },
    operation: HistoryOperation,
    actor: Actor,
    at: string,
    before: FeatureContent | null,
    after: FeatureContent | null,
    batchId: number | null,
  ): Promise<void> =>
    insertHistory(tx, [{ ...f, operation, username: actor.username, at, before, after, batchId }]);

  /** The live feature, locked, at `expected`; else FeatureNotFound / VersionConflict. */
  const lockLive = async (tx: Queryable, collection: string, id: number, expected: number) => {
    const current = await rows.get(tx, collection, id, true);
    if (!current) throw new FeatureNotFound(collection, id);
    if (current.version !== expected) throw new VersionConflict(expected, current);
    return current;
  };

  const update = async (
    tx: Queryable,
    before: StoredFeature,
    next: FeatureContent,
    actor: Actor,
    operation: HistoryOperation,
    batchId: number | null = null,
  ): Promise<StoredFeature> => {
    const at = now().toISOString();
    const version = before.version + 1;
    const { collection, id } = before;
    await rows.update(tx, { collection, id, ...next }, version, at);
    await record(tx, { collection, id, version }, operation, actor, at, contentOf(before), next, batchId);
    return { ...before, ...next, version, updatedAt: at };
  };

  /** Content of version `v`: the `after` of the change that made it, or the `before` of the next one (seeded v1). */
  const contentAt = async (tx: Queryable, collection: string, id: number, v: number) => {
    const { rows: found } = await tx.query<{
      version: number;
      after: FeatureContent | null;
      before: FeatureContent | null;
    }>(
      `SELECT version, after, before FROM feature_history
       WHERE collection = $1 AND feature_id = $2 AND version IN ($3, $3 + 1)`,
      [collection, id, v],
    );
    const own = found.find((r) => r.version === v);
    return content(own ? own.after : (found.find((r) => r.version === v + 1)?.before ?? null)) ?? undefined;
  };

  const remove = async (
    tx: Queryable,
    collection: string,
    id: number,
    expected: number,
    actor: Actor,
    batchId: number | null = null,
  ): Promise<void> => {
    const before = await lockLive(tx, collection, id, expected);
    const at = now().toISOString();
    const version = expected + 1;
    await tx.query(
      `WITH gone AS (DELETE FROM features WHERE collection = $1 AND id = $2 RETURNING *)
       INSERT INTO deleted_features (collection, id, properties, geom, version, created_at, deleted_at, deleted_by)
       SELECT collection, id, properties, geom, $3, created_at, $4, $5 FROM gone`,
      [collection, id, version, at, actor.username],
    );
    await record(tx, { collection, id, version }, 'delete', actor, at, contentOf(before), null, batchId);
  };

  const restore = async (
    tx: Queryable,
    collection: string,
    id: number,
    actor: Actor,
    batchId: number | null = null,
  ): Promise<StoredFeature> => {
    const { rows: gone } = await tx.query<DeletedRow>(
      `DELETE FROM deleted_features WHERE collection = $1 AND id = $2
       RETURNING collection, id, properties, ${GEOJSON('geom')}::json AS geometry, version, created_at,
         deleted_at, deleted_by`,
      [collection, id],
    );
    const row = gone[0];
    if (!row) throw new FeatureNotFound(collection, id);
    const at = now().toISOString();
    const version = row.version + 1;
    const c = { properties: row.properties, geometry: row.geometry };
    const createdAt = row.created_at.toISOString();
    await rows.insert(tx, [{ collection, id, ...c }], version, createdAt, at);
    await record(tx, { collection, id, version }, 'restore', actor, at, null, c, batchId);
    return { collection, id, ...c, version, createdAt, updatedAt: at };
  };

  return { lockLive, update, contentAt, remove, restore };
}

/**
 * Feature writes on PostGIS. Each runs in one transaction with its history row. The version check
 * happens after `SELECT … FOR UPDATE` has locked the row, so a second writer (this process or
 * another instance) waits for the first to commit, then reads the new version and gets
 * VersionConflict: of two writers expecting the same version exactly one wins.
 */
export function postgisFeatureWrites(
  conn: Connection,
  rows: FeatureRowWriter,
  now: () => Date,
): WriteMethods {
  const ops = postgisFeatureOps(rows, now);
  return {
    createFeature: (collection, c, actor) =>
      conn.transaction(async (tx) => {
        await lockNewIds(tx, collection);
        const id = await nextFeatureId(tx, collection);
        const at = now().toISOString();
        await rows.insert(tx, [{ collection, id, ...c }], 1, at, at);
        await insertHistory(tx, [
          {
            collection,
            id,
            version: 1,
            operation: 'create',
            username: actor.username,
            at,
            before: null,
            after: c,
            batchId: null,
          },
        ]);
        return { collection, id, ...c, version: 1, createdAt: at, updatedAt: at };
      }),
    replaceFeature: (collection, id, c, expected, actor, operation = 'replace') =>
      conn.transaction(async (tx) =>
        ops.update(tx, await ops.lockLive(tx, collection, id, expected), c, actor, operation),
      ),
    deleteFeature: (collection, id, expected, actor) =>
      conn.transaction((tx) => ops.remove(tx, collection, id, expected, actor)),
    revertFeature: (collection, id, toVersion, expected, actor) =>
      conn.transaction(async (tx) => {
        const before = await ops.lockLive(tx, collection, id, expected);
        const target = await ops.contentAt(tx, collection, id, toVersion);
        if (!target) throw new UnknownVersion(toVersion);
        return ops.update(tx, before, target, actor, 'revert');
      }),
    restoreFeature: (collection, id, actor) =>
      conn.transaction((tx) => ops.restore(tx, collection, id, actor)),
    featureHistory: async (collection, id) =>
      (
        await conn.query<HistoryRow>(
          `SELECT ${HISTORY_READ_COLUMNS} FROM feature_history WHERE collection = $1 AND feature_id = $2 ORDER BY version DESC`,
          [collection, id],
        )
      ).rows.map(toHistory),
    listDeleted: async (collection): Promise<DeletedFeatureInfo[]> =>
      (
        await conn.query<DeletedRow>(
          `SELECT collection, id, properties, version, deleted_at, deleted_by FROM deleted_features
           WHERE collection = $1 ORDER BY deleted_at DESC, id DESC`,
          [collection],
        )
      ).rows.map((r) => ({
        collection: r.collection,
        id: r.id,
        properties: r.properties,
        version: r.version,
        deletedAt: r.deleted_at.toISOString(),
        deletedBy: r.deleted_by,
      })),
    listChanges: async ({ limit, offset }) =>
      (
        await conn.query<HistoryRow>(
          `SELECT ${HISTORY_READ_COLUMNS} FROM feature_history ORDER BY seq DESC LIMIT $1 OFFSET $2`,
          [limit, offset],
        )
      ).rows.map(toHistory),
  };
}

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
import type { Connection } from './connection';
import type { FeatureRowWriter } from './feature-rows';

type WriteMethods = Pick<
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

/** The same methods, synchronous (the store wraps them in its closed-guard). */
export type SyncWriteMethods = {
  [K in keyof WriteMethods]: (...args: Parameters<WriteMethods[K]>) => Awaited<ReturnType<WriteMethods[K]>>;
};

interface HistoryRow {
  collection: string;
  feature_id: number;
  version: number;
  operation: HistoryOperation;
  username: string;
  at: string;
  before: string | null;
  after: string | null;
  batch_id: number | null;
}

interface DeletedRow {
  collection: string;
  id: number;
  properties: string;
  geometry: string;
  version: number;
  created_at: string;
  deleted_at: string;
  deleted_by: string;
}

function contentText(c: FeatureContent | null): string | null {
  return c === null ? null : JSON.stringify({ properties: c.properties, geometry: c.geometry });
}

export function parseContent(text: string | null): FeatureContent | null {
  if (text === null) return null;
  const c = JSON.parse(text) as { properties: Record<string, unknown>; geometry: Geometry };
  return { properties: c.properties, geometry: c.geometry };
}

function toHistory(row: HistoryRow): HistoryRecord {
  return toHistoryRecord({ ...row, before: parseContent(row.before), after: parseContent(row.after) });
}

/**
 * The feature writes as plain functions that run inside a transaction the caller opened (one
 * write, or a whole batch: issue 14). Each records its history row; `batchId` tags it with a batch.
 */
export interface SqliteFeatureOps {
  create(collection: string, content: FeatureContent, actor: Actor, batchId?: number | null): StoredFeature;
  /** Content replaced with compare-and-set on the version; VersionConflict / FeatureNotFound. */
  update(
    collection: string,
    id: number,
    content: FeatureContent,
    expected: number,
    actor: Actor,
    operation: HistoryOperation,
    batchId?: number | null,
  ): StoredFeature;
  remove(collection: string, id: number, expected: number, actor: Actor, batchId?: number | null): void;
  restore(collection: string, id: number, actor: Actor, batchId?: number | null): StoredFeature;
  /** Content of version `v`, or undefined (a deletion, or a version never made). */
  contentAt(collection: string, id: number, v: number): FeatureContent | undefined;
  /** The live feature at `expected`, else FeatureNotFound / VersionConflict. */
  expectLive(collection: string, id: number, expected: number): StoredFeature;
  /** The version a deleted feature's deletion produced, or undefined when it is not deleted. */
  deletedVersion(collection: string, id: number): number | undefined;
}

export function sqliteFeatureOps(
  conn: Connection,
  rows: FeatureRowWriter,
  now: () => Date,
): SqliteFeatureOps {
  const { prepare } = conn;

  const record = (
    f: { collection: string; id: number; version: number },
    operation: HistoryOperation,
    actor: Actor,
    at: string,
    before: FeatureContent | null,
    after: FeatureContent | null,
    batchId: number | null,
  ): void => {
    prepare(
      `INSERT INTO feature_history (${HISTORY_COLUMNS}, batch_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      f.collection,
      f.id,
      f.version,
      operation,
      actor.username,
      at,
      contentText(before),
      contentText(after),
      batchId,
    );
  };

  const expectLive = (collection: string, id: number, expected: number): StoredFeature => {
    const current = rows.get(collection, id);
    if (!current) throw new FeatureNotFound(collection, id);
    if (current.version !== expected) throw new VersionConflict(expected, current);
    return current;
  };

  const update: SqliteFeatureOps['update'] = (
    collection,
    id,
    content,
    expected,
    actor,
    operation,
    batchId = null,
  ) => {
    const before = expectLive(collection, id, expected);
    const at = now().toISOString();
    const version = expected + 1;
    if (!rows.update({ collection, id, ...content }, expected, version, at)) {
      throw new VersionConflict(expected, rows.get(collection, id) ?? before);
    }
    record({ collection, id, version }, operation, actor, at, contentOf(before), content, batchId);
    return { ...before, ...content, version, updatedAt: at };
  };

  const nextId = (collection: string): number =>
    Math.max(
      rows.maxId(collection),
      prepare(
        `SELECT max(coalesce((SELECT max(feature_id) FROM feature_history WHERE collection = @c), 0),
                    coalesce((SELECT max(id) FROM deleted_features WHERE collection = @c), 0))`,
      )
        .pluck()
        .get({ c: collection }) as number,
    ) + 1;

  const create: SqliteFeatureOps['create'] = (collection, content, actor, batchId = null) => {
    const id = nextId(collection);
    const at = now().toISOString();
    rows.insert({ collection, id, ...content }, 1, at, at);
    record({ collection, id, version: 1 }, 'create', actor, at, null, content, batchId);
    return { collection, id, ...content, version: 1, createdAt: at, updatedAt: at };
  };

  const remove: SqliteFeatureOps['remove'] = (collection, id, expected, actor, batchId = null) => {
    const before = expectLive(collection, id, expected);
    const at = now().toISOString();
    const version = expected + 1;
    if (!rows.remove(collection, id, expected)) {
      throw new VersionConflict(expected, rows.get(collection, id) ?? before);
    }
    prepare(
      `INSERT INTO deleted_features (collection, id, properties, geometry, version, created_at, deleted_at, deleted_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      collection,
      id,
      JSON.stringify(before.properties),
      JSON.stringify(before.geometry),
      version,
      before.createdAt,
      at,
      actor.username,
    );
    record({ collection, id, version }, 'delete', actor, at, contentOf(before), null, batchId);
  };

  /** Content of version `v`: the `after` of the change that made it, or the `before` of the next one (seeded v1). */
  const contentAt = (collection: string, id: number, v: number): FeatureContent | undefined => {
    const own = prepare(
      'SELECT after FROM feature_history WHERE collection = ? AND feature_id = ? AND version = ?',
    ).get(collection, id, v) as { after: string | null } | undefined;
    if (own) return parseContent(own.after) ?? undefined;
    const next = prepare(
      'SELECT before FROM feature_history WHERE collection = ? AND feature_id = ? AND version = ?',
    ).get(collection, id, v + 1) as { before: string | null } | undefined;
    return parseContent(next?.before ?? null) ?? undefined;
  };

  const restore: SqliteFeatureOps['restore'] = (collection, id, actor, batchId = null) => {
    const row = prepare('SELECT * FROM deleted_features WHERE collection = ? AND id = ?').get(
      collection,
      id,
    ) as DeletedRow | undefined;
    if (!row) throw new FeatureNotFound(collection, id);
    const at = now().toISOString();
    const version = row.version + 1;
    const content = parseContent(`{"properties":${row.properties},"geometry":${row.geometry}}`);
    if (!content) throw new FeatureNotFound(collection, id);
    prepare('DELETE FROM deleted_features WHERE collection = ? AND id = ?').run(collection, id);
    rows.insert({ collection, id, ...content }, version, row.created_at, at);
    record({ collection, id, version }, 'restore', actor, at, null, content, batchId);
    return { collection, id, ...content, version, createdAt: row.created_at, updatedAt: at };
  };

  const deletedVersion = (collection: string, id: number): number | undefined =>
    prepare('SELECT version FROM deleted_features WHERE collection = ? AND id = ?')
      .pluck()
      .get(collection, id) as number | undefined;

  return { create, update, remove, restore, contentAt, expectLive, deletedVersion };
}

/**
 * Feature writes on SQLite. Each method body runs inside `db.transaction`, so the feature row, its
 * R*Tree entry and its history row commit together or not at all; the version check is the
 * `WHERE version = ?` of the UPDATE (compare-and-set), evaluated inside the same transaction.
 */
export function sqliteFeatureWrites(
  conn: Connection,
  rows: FeatureRowWriter,
  now: () => Date,
): SyncWriteMethods {
  const { db, prepare } = conn;
  const ops = sqliteFeatureOps(conn, rows, now);
  const create = db.transaction((collection: string, content: FeatureContent, actor: Actor) =>
    ops.create(collection, content, actor),
  );
  const replace = db.transaction(ops.update);
  const remove = db.transaction((collection: string, id: number, expected: number, actor: Actor) =>
    ops.remove(collection, id, expected, actor),
  );
  const revert = db.transaction(
    (collection: string, id: number, toVersion: number, expected: number, actor: Actor) => {
      ops.expectLive(collection, id, expected);
      const content = ops.contentAt(collection, id, toVersion);
      if (!content) throw new UnknownVersion(toVersion);
      return ops.update(collection, id, content, expected, actor, 'revert');
    },
  );
  const restore = db.transaction((collection: string, id: number, actor: Actor) =>
    ops.restore(collection, id, actor),
  );

  // BEGIN IMMEDIATE: the write lock is taken before the version is read, so another connection
  // (a second server process) cannot commit in between; it waits (busy_timeout) instead.
  return {
    createFeature: (collection, content, actor) => create.immediate(collection, content, actor),
    replaceFeature: (collection, id, content, expected, actor, operation = 'replace') =>
      replace.immediate(collection, id, content, expected, actor, operation),
    deleteFeature: (collection, id, expected, actor) => remove.immediate(collection, id, expected, actor),
    revertFeature: (collection, id, toVersion, expected, actor) =>
      revert.immediate(collection, id, toVersion, expected, actor),
    restoreFeature: (collection, id, actor) => restore.immediate(collection, id, actor),
    featureHistory: (collection, id) =>
      (
        prepare(
          `SELECT ${HISTORY_READ_COLUMNS} FROM feature_history WHERE collection = ? AND feature_id = ? ORDER BY version DESC`,
        ).all(collection, id) as HistoryRow[]
      ).map(toHistory),
    listDeleted: (collection): DeletedFeatureInfo[] =>
      (
        prepare('SELECT * FROM deleted_features WHERE collection = ? ORDER BY deleted_at DESC, id DESC').all(
          collection,
        ) as DeletedRow[]
      ).map((r) => ({
        collection: r.collection,
        id: r.id,
        properties: JSON.parse(r.properties) as Record<string, unknown>,
        version: r.version,
        deletedAt: r.deleted_at,
        deletedBy: r.deleted_by,
      })),
    listChanges: ({ limit, offset }) =>
      (
        prepare(`SELECT ${HISTORY_READ_COLUMNS} FROM feature_history ORDER BY seq DESC LIMIT ? OFFSET ?`).all(
          limit,
          offset,
        ) as HistoryRow[]
      ).map(toHistory),
  };
}

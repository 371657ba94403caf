import type { IndicatorRow } from '../catalog/catalog';
import type { Actor, FeatureContent } from './feature-store';

/**
 * Batches (issue 14): many changes written in one transaction as one entry of the history — a
 * committed import of features or of indicator values, or the revert of such a batch. Every
 * feature_history row a batch writes carries its id (`HistoryRecord.batchId`); indicator changes
 * are kept in their own history (before/after rows). A batch is undone as a whole by
 * `revertBatch`, which is itself a batch (and so can be undone in turn).
 */

/** What a batch changed: features of one collection, or indicator values. */
export type BatchKind = 'features' | 'indicators';

/** How many changes of each kind a batch wrote (counted by the store from what it wrote). */
export interface BatchCounts {
  /** Features added (import) or brought back (revert of a batch that deleted them). */
  created: number;
  /** Features whose content was replaced. */
  updated: number;
  /** Features deleted (the revert of a batch that created them); restorable. */
  deleted: number;
  /** Indicator values written (new or replaced) or put back. */
  indicators: number;
}

/** One batch as recorded. */
export interface BatchInfo {
  /** Integer id, growing. */
  id: number;
  kind: BatchKind;
  /** The collection of a features batch; null for indicators. */
  collection: string | null;
  username: string;
  /** ISO 8601 UTC. */
  at: string;
  /** The imported file's name (null when none was given); a revert keeps the name of what it undoes. */
  fileName: string | null;
  counts: BatchCounts;
  /**
   * What the caller recorded with the batch (JSON object): for an import the rows read, skipped
   * and excluded, the source and confidence of indicator values, the warnings that were accepted.
   */
  details: Record<string, unknown>;
  /** The batch this one undoes, or null. */
  reverts: number | null;
  /** The batch that undid this one, or null. */
  revertedBy: number | null;
}

/** A new batch: who writes it and what to record with it. */
export interface NewBatch {
  kind: BatchKind;
  collection: string | null;
  fileName: string | null;
  details: Record<string, unknown>;
  actor: Actor;
}

/** One feature write of a batch: a new feature, or the replacement of one at a known version. */
export type BatchFeatureWrite =
  | { op: 'create'; content: FeatureContent }
  | { op: 'replace'; id: number; expectedVersion: number; content: FeatureContent };

/** One indicator value of a batch: `before` is the row the caller saw (null = none), compared inside the transaction. */
export interface IndicatorChange {
  before: IndicatorRow | null;
  after: IndicatorRow;
}

/** One change a batch made, in the order it was made. */
export type BatchChange =
  | {
      kind: 'feature';
      collection: string;
      featureId: number;
      /** The version this change produced. */
      version: number;
      operation: 'create' | 'replace' | 'patch' | 'delete' | 'revert' | 'restore';
      /** The feature's label after (or, for a delete, before) the change; `#id` when it has none. */
      name: string;
    }
  | {
      kind: 'indicator';
      indicator: string;
      year: number;
      districtCode: string;
      before: IndicatorRow | null;
      after: IndicatorRow | null;
    };

/** A feature or indicator value of a batch that changed since (the batch's own version is no longer current). */
export interface EditedSince {
  kind: 'feature' | 'indicator';
  collection: string | null;
  featureId: number | null;
  /** Label of the feature now (or when deleted); for an indicator `indicator year district`. */
  name: string;
  /** The version the batch expected (feature) — null for indicator values. */
  expectedVersion: number | null;
  /** The version now; null when the feature no longer exists (deleted) or for indicators. */
  currentVersion: number | null;
}

export class BatchNotFound extends Error {
  override name = 'BatchNotFound';
  constructor(readonly id: number) {
    super(`no batch ${id}`);
  }
}

/**
 * A batch cannot be written or undone because features or values it touches changed since it
 * was prepared or committed (listed in `edited`). Nothing was written.
 */
export class BatchConflict extends Error {
  override name = 'BatchConflict';
  constructor(
    readonly action: 'commit' | 'revert',
    readonly edited: EditedSince[],
  ) {
    super(`${edited.length} change(s) of the batch were edited since`);
  }
}

/** The batch was undone already (by batch `by`). */
export class BatchAlreadyReverted extends Error {
  override name = 'BatchAlreadyReverted';
  constructor(
    readonly id: number,
    readonly by: number,
  ) {
    super(`batch ${id} was reverted by batch ${by}`);
  }
}

/** A compact description of an existing feature, for finding duplicates of imported rows. */
export interface FeatureKey {
  id: number;
  /** The value of the label property when it is a string, else null. */
  label: string | null;
  districtCode: string | null;
  /** Centre of the feature's bbox (CRS84 lon, lat): the point itself for points. */
  position: [number, number];
}

/** The batch part of the FeatureStore interface (both backends; test/store/batches.contract.ts). */
export interface BatchStore {
  /**
   * Writes features in one transaction as one batch: creates get new ids in order (as
   * createFeature would), replaces are compared with their expected version first. Throws
   * BatchConflict listing every replaced feature that moved (or is gone); nothing is written then,
   * nor when anything else fails.
   */
  commitFeatureBatch(batch: NewBatch, writes: readonly BatchFeatureWrite[]): Promise<BatchInfo>;
  /**
   * Writes indicator values in one transaction as one batch (insert or replace by indicator,
   * year, district). Each change's `before` must equal the stored row (null: no row), else
   * BatchConflict listing them; nothing is written then.
   */
  commitIndicatorBatch(batch: NewBatch, changes: readonly IndicatorChange[]): Promise<BatchInfo>;
  /**
   * Undoes batch `id` as a new batch: features it created are deleted (restorable), replaced ones
   * get their earlier content back (history 'revert'), deleted ones are restored, indicator values
   * are put back (or removed when there was none). Throws BatchNotFound, BatchAlreadyReverted, or
   * BatchConflict listing every feature or value changed since the batch (nothing written).
   */
  revertBatch(id: number, actor: Actor): Promise<BatchInfo>;
  /** One batch, or undefined. */
  getBatch(id: number): Promise<BatchInfo | undefined>;
  /** Batches newest first. */
  listBatches(page: { limit: number; offset: number }): Promise<BatchInfo[]>;
  /** The changes of a batch in the order they were made ([] for an unknown id). */
  batchChanges(id: number, page: { limit: number; offset: number }): Promise<BatchChange[]>;
  /** Every live feature of a collection, compactly (for duplicate detection), ordered by id. */
  listFeatureKeys(collection: string, labelProperty: string): Promise<FeatureKey[]>;
}

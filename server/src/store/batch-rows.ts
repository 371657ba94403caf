import type { Catalog, IndicatorRow } from '../catalog/catalog';
import type { BatchChange, BatchCounts, BatchInfo, BatchKind, EditedSince } from './batch-store';
import type { FeatureContent, HistoryOperation } from './feature-store';
import { labelOf } from './rows';

/**
 * What both backends derive the same way for batches (so SQLite and PostGIS cannot drift apart):
 * the row → BatchInfo mapping, which entries of a batch a revert undoes and how, and the
 * comparison of indicator rows.
 */

export const NO_COUNTS: BatchCounts = { created: 0, updated: 0, deleted: 0, indicators: 0 };

/** A batches row with its JSON columns decoded and its time as ISO text. */
export interface DecodedBatchRow {
  id: number;
  kind: BatchKind;
  collection: string | null;
  username: string;
  at: string;
  file_name: string | null;
  counts: BatchCounts;
  summary: Record<string, unknown>;
  reverts: number | null;
  reverted_by: number | null;
}

export function toBatchInfo(row: DecodedBatchRow): BatchInfo {
  return {
    id: row.id,
    kind: row.kind,
    collection: row.collection,
    username: row.username,
    at: row.at,
    fileName: row.file_name,
    counts: { ...NO_COUNTS, ...row.counts },
    details: row.summary,
    reverts: row.reverts,
    revertedBy: row.reverted_by,
  };
}

/** A feature_history row of a batch, decoded. */
export interface FeatureEntry {
  collection: string;
  featureId: number;
  version: number;
  operation: HistoryOperation;
  before: FeatureContent | null;
  after: FeatureContent | null;
}

/** An indicator_history row of a batch, decoded. */
export interface IndicatorEntry {
  before: IndicatorRow | null;
  after: IndicatorRow | null;
}

/** How a revert undoes one feature entry: delete what the batch brought, restore what it deleted, else put the content back. */
export type FeatureUndo =
  | { kind: 'delete'; entry: FeatureEntry }
  | { kind: 'restore'; entry: FeatureEntry }
  | { kind: 'replace'; entry: FeatureEntry; content: FeatureContent };

/** The last entry of each feature in a batch (a feature is written once per batch; be safe anyway), in batch order. */
function lastPerKey<T>(entries: readonly T[], key: (e: T) => string): T[] {
  const last = new Map<string, T>();
  for (const e of entries) {
    const k = key(e);
    last.delete(k);
    last.set(k, e);
  }
  return [...last.values()];
}

/** The undo of every feature a batch touched, last change first. */
export function planFeatureUndo(entries: readonly FeatureEntry[]): FeatureUndo[] {
  return lastPerKey(entries, (e) => `${e.collection}\u0000${e.featureId}`)
    .reverse()
    .map((entry): FeatureUndo => {
      if (entry.operation === 'create' || entry.operation === 'restore') return { kind: 'delete', entry };
      if (entry.operation === 'delete') return { kind: 'restore', entry };
      if (!entry.before)
        throw new Error(`history of ${entry.collection}/${entry.featureId} lacks its content`);
      return { kind: 'replace', entry, content: entry.before };
    });
}

/** The key of an indicator value. */
export function indicatorKey(r: Pick<IndicatorRow, 'indicator' | 'year' | 'district_code'>): string {
  return `${r.indicator}\u0000${r.year}\u0000${r.district_code}`;
}

/** The indicator entries a revert undoes (the last change of each value), last first. */
export function planIndicatorUndo(entries: readonly IndicatorEntry[]): IndicatorEntry[] {
  const keyed = entries.filter((e) => e.after ?? e.before);
  return lastPerKey(keyed, (e) => indicatorKey((e.after ?? e.before) as IndicatorRow)).reverse();
}

/** Same stored indicator value (both null counts as the same). */
export function sameIndicatorRow(
  a: IndicatorRow | null | undefined,
  b: IndicatorRow | null | undefined,
): boolean {
  if (!a || !b) return !a && !b;
  return (
    a.indicator === b.indicator &&
    a.year === b.year &&
    a.district_code === b.district_code &&
    a.value === b.value &&
    a.unit === b.unit &&
    a.status === b.status &&
    a.source === b.source
  );
}

/** The EditedSince item of an indicator value. */
export function editedIndicator(r: Pick<IndicatorRow, 'indicator' | 'year' | 'district_code'>): EditedSince {
  return {
    kind: 'indicator',
    collection: null,
    featureId: null,
    name: `${r.indicator} ${r.year} ${r.district_code}`,
    expectedVersion: null,
    currentVersion: null,
  };
}

/** The EditedSince item of a feature (current = the live feature or its last content when deleted). */
export function editedFeature(
  catalog: Catalog,
  collection: string,
  featureId: number,
  expectedVersion: number,
  current: { version: number | null; properties: Record<string, unknown> },
): EditedSince {
  return {
    kind: 'feature',
    collection,
    featureId,
    name: labelOf(catalog, collection, featureId, current.properties),
    expectedVersion,
    currentVersion: current.version,
  };
}

/** A feature entry as a BatchChange (its name from the content after, or before for a delete). */
export function featureChange(catalog: Catalog, e: FeatureEntry): BatchChange {
  return {
    kind: 'feature',
    collection: e.collection,
    featureId: e.featureId,
    version: e.version,
    operation: e.operation,
    name: labelOf(catalog, e.collection, e.featureId, (e.after ?? e.before)?.properties ?? {}),
  };
}

export function indicatorChange(e: IndicatorEntry): BatchChange {
  const r = (e.after ?? e.before) as IndicatorRow;
  return {
    kind: 'indicator',
    indicator: r.indicator,
    year: r.year,
    districtCode: r.district_code,
    before: e.before,
    after: e.after,
  };
}

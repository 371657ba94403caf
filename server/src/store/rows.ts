import type { Geometry } from 'geojson';
import { isRole, type Role } from '../auth/roles';
import type { Catalog } from '../catalog/catalog';
import { normalizeText } from '../contract/text';
import type { FeatureContent, HistoryOperation, HistoryRecord, StoredFeature } from './feature-store';

/**
 * What every backend derives and maps the same way (so SQLite and PostGIS cannot drift apart):
 * the columns computed from a feature at write time, history rows, stored roles.
 */

/** normalizeText() of the collection's `search` properties (strings, or arrays of strings): the `q` column. */
export function searchTextOf(
  catalog: Catalog,
  collection: string,
  properties: Record<string, unknown>,
): string {
  const names = catalog.collection(collection)?.search ?? [];
  const parts = names.flatMap((n) => {
    const v = properties[n];
    return typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x) => typeof x === 'string') : [];
  });
  return normalizeText(parts.join(' '));
}

/**
 * The most matches (index entries or rows) a backend counts to give an exact `numberMatched`
 * for a query with a bbox, q or filter; past it the count is left out (FeaturePage.numberMatched).
 * 10,000 R*Tree entries cost ≈ 2 ms on SQLite.
 */
export const COUNT_CAP = 10_000;

/** The stored GeoJSON Feature text of a row (what pages are spliced from), written at every write. */
export function featureText(id: number, properties: Record<string, unknown>, geometry: Geometry): string {
  return `{"type":"Feature","id":${id},"geometry":${JSON.stringify(geometry)},"properties":${JSON.stringify(properties)}}`;
}

/** The `district_code` column: the property when it is a string, else null. */
export function districtCodeOf(properties: Record<string, unknown>): string | null {
  const code = properties.district_code;
  return typeof code === 'string' ? code : null;
}

export function contentOf(f: StoredFeature): FeatureContent {
  return { properties: f.properties, geometry: f.geometry };
}

/** Columns of a feature_history row, in the order both backends select and insert them. */
export const HISTORY_COLUMNS = 'collection, feature_id, version, operation, username, at, before, after';
/** HISTORY_COLUMNS and the batch of the change (migration 5 on SQLite, 4 on PostGIS), as both backends select them. */
export const HISTORY_READ_COLUMNS = `${HISTORY_COLUMNS}, batch_id`;

/** A feature_history row with its content already decoded (each backend decodes its own way). */
export interface DecodedHistoryRow {
  collection: string;
  feature_id: number;
  version: number;
  operation: HistoryOperation;
  username: string;
  at: string;
  before: FeatureContent | null;
  after: FeatureContent | null;
  batch_id: number | null;
}

export function toHistoryRecord(row: DecodedHistoryRow): HistoryRecord {
  return {
    collection: row.collection,
    featureId: row.feature_id,
    version: row.version,
    operation: row.operation,
    username: row.username,
    at: row.at,
    before: row.before,
    after: row.after,
    batchId: row.batch_id,
  };
}

/** A feature's name for lists: the collection's label property when it is a string, else `#id`. */
export function labelOf(
  catalog: Catalog,
  collection: string,
  id: number,
  properties: Record<string, unknown>,
): string {
  const value = properties[catalog.collection(collection)?.label ?? 'name'];
  return typeof value === 'string' ? value : `#${id}`;
}

/** A role read from the users table (a value outside the CHECK constraint means a corrupt row). */
export function storedRole(value: string): Role {
  if (!isRole(value)) throw new Error('users table holds an unknown role');
  return value;
}

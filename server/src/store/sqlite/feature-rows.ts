import { bbox as turfBbox } from '@turf/turf';
import type { Geometry } from 'geojson';
import type { Catalog } from '../../catalog/catalog';
import type { StoredFeature } from '../feature-store';
import { districtCodeOf, featureText, searchTextOf } from '../rows';
import type { CollectionCodes } from './collection-codes';
import type { Connection } from './connection';
import { fidOf, fidRange, MAX_FEATURE_ID } from './fid';

/** A `features` row as selected with COLUMNS. */
export interface FeatureRow {
  collection: string;
  id: number;
  /** The GeoJSON Feature text (migration 3). */
  geojson: string;
  version: number;
  created_at: string;
  updated_at: string;
}

export const COLUMNS = 'f.collection, f.id, f.geojson, f.version, f.created_at, f.updated_at';

export function toFeature(row: FeatureRow): StoredFeature {
  const { properties, geometry } = JSON.parse(row.geojson) as {
    properties: Record<string, unknown>;
    geometry: Geometry;
  };
  return {
    collection: row.collection,
    id: row.id,
    properties,
    geometry,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** What one features row holds besides its identity and timestamps. */
export interface RowContent {
  collection: string;
  id: number;
  properties: Record<string, unknown>;
  geometry: Geometry;
}

/**
 * Inserts, updates and deletes `features` rows by fid (collection code × 2^40 + id). Triggers keep
 * the R*Tree, counts, extents and point cells in step (migration 3).
 */
export interface FeatureRowWriter {
  insert(f: RowContent, version: number, createdAt: string, updatedAt: string): void;
  /** Updates content and version where the row is at `expectedVersion`; false when no row matched. */
  update(f: RowContent, expectedVersion: number, version: number, updatedAt: string): boolean;
  /** Deletes the row where it is at `expectedVersion`; false when no row matched. */
  remove(collection: string, id: number, expectedVersion: number): boolean;
  /** The live row, or undefined. */
  get(collection: string, id: number): StoredFeature | undefined;
  /** The largest id of a live feature of the collection; 0 when it has none. */
  maxId(collection: string): number;
}

export function featureRowWriter(
  conn: Connection,
  catalog: Catalog,
  codes: CollectionCodes,
): FeatureRowWriter {
  const { prepare } = conn;
  /** Every column but identity, version and timestamps, in the order of the statements below. */
  const content = (f: RowContent) => {
    if (!Number.isSafeInteger(f.id) || f.id < 0 || f.id > MAX_FEATURE_ID) {
      throw new Error(`feature id ${f.id} is outside 0..${MAX_FEATURE_ID}`);
    }
    const [minLon, minLat, maxLon, maxLat] = turfBbox(f.geometry);
    return [
      f.geometry.type,
      minLon,
      minLat,
      maxLon,
      maxLat,
      districtCodeOf(f.properties),
      searchTextOf(catalog, f.collection, f.properties),
      featureText(f.id, f.properties, f.geometry),
    ] as const;
  };
  const fid = (collection: string, id: number): number | undefined => {
    const code = codes.find(collection);
    return code === undefined ? undefined : fidOf(code, id);
  };
  return {
    insert: (f, version, createdAt, updatedAt) => {
      prepare(
        `INSERT INTO features (fid, collection, id, geometry_type, min_lon, min_lat, max_lon, max_lat,
           district_code, search_text, geojson, version, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        fidOf(codes.ensure(f.collection), f.id),
        f.collection,
        f.id,
        ...content(f),
        version,
        createdAt,
        updatedAt,
      );
    },
    update: (f, expectedVersion, version, updatedAt) => {
      const at = fid(f.collection, f.id);
      if (at === undefined) return false;
      const info = prepare(
        `UPDATE features SET geometry_type = ?, min_lon = ?, min_lat = ?, max_lon = ?, max_lat = ?,
           district_code = ?, search_text = ?, geojson = ?, version = ?, updated_at = ?
         WHERE fid = ? AND version = ?`,
      ).run(...content(f), version, updatedAt, at, expectedVersion);
      return info.changes === 1;
    },
    remove: (collection, id, expectedVersion) => {
      const at = fid(collection, id);
      if (at === undefined) return false;
      return (
        prepare('DELETE FROM features WHERE fid = ? AND version = ?').run(at, expectedVersion).changes === 1
      );
    },
    get: (collection, id) => {
      const at = fid(collection, id);
      if (at === undefined) return undefined;
      const row = prepare(`SELECT ${COLUMNS} FROM features f WHERE f.fid = ?`).get(at) as
        | FeatureRow
        | undefined;
      return row ? toFeature(row) : undefined;
    },
    maxId: (collection) => {
      const code = codes.find(collection);
      if (code === undefined) return 0;
      const [first, last] = fidRange(code);
      const top = prepare('SELECT max(fid) FROM features WHERE fid BETWEEN ? AND ?')
        .pluck()
        .get(first, last) as number | null;
      return top === null ? 0 : top - first;
    },
  };
}

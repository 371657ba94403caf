import { bbox as turfBbox } from '@turf/turf';
import type { Geometry } from 'geojson';
import type { Catalog } from '../../catalog/catalog';
import type { StoredFeature } from '../feature-store';
import { districtCodeOf, searchTextOf } from '../rows';
import type { Connection } from './connection';

/** A `features` row as selected with COLUMNS. */
export interface FeatureRow {
  collection: string;
  id: number;
  properties: string;
  geometry: string;
  geometry_type: string;
  version: number;
  created_at: string;
  updated_at: string;
}

export const COLUMNS =
  'f.collection, f.id, f.properties, f.geometry, f.geometry_type, f.version, f.created_at, f.updated_at';

export function toFeature(row: FeatureRow): StoredFeature {
  return {
    collection: row.collection,
    id: row.id,
    properties: JSON.parse(row.properties) as Record<string, unknown>,
    geometry: JSON.parse(row.geometry) as Geometry,
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

/** Inserts and updates `features` rows together with their R*Tree entry and derived columns. */
export interface FeatureRowWriter {
  insert(f: RowContent, version: number, createdAt: string, updatedAt: string): void;
  /** Updates content and version where the row is at `expectedVersion`; false when no row matched. */
  update(f: RowContent, expectedVersion: number, version: number, updatedAt: string): boolean;
  /** The live row, or undefined. */
  get(collection: string, id: number): StoredFeature | undefined;
}

export function featureRowWriter(conn: Connection, catalog: Catalog): FeatureRowWriter {
  const { prepare } = conn;
  const derived = (f: RowContent) => {
    const [minLon, minLat, maxLon, maxLat] = turfBbox(f.geometry);
    return {
      box: [minLon, minLat, maxLon, maxLat] as const,
      district: districtCodeOf(f.properties),
      search: searchTextOf(catalog, f.collection, f.properties),
    };
  };
  return {
    insert: (f, version, createdAt, updatedAt) => {
      const { box, district, search } = derived(f);
      const info = prepare(
        `INSERT INTO features (collection, id, properties, geometry, geometry_type, min_lon, min_lat, max_lon,
           max_lat, district_code, search_text, version, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        f.collection,
        f.id,
        JSON.stringify(f.properties),
        JSON.stringify(f.geometry),
        f.geometry.type,
        ...box,
        district,
        search,
        version,
        createdAt,
        updatedAt,
      );
      prepare(
        'INSERT INTO features_rtree (fid, min_lon, max_lon, min_lat, max_lat) VALUES (?, ?, ?, ?, ?)',
      ).run(info.lastInsertRowid, box[0], box[2], box[1], box[3]);
    },
    update: (f, expectedVersion, version, updatedAt) => {
      const { box, district, search } = derived(f);
      const fid = prepare(
        `UPDATE features SET properties = ?, geometry = ?, geometry_type = ?, min_lon = ?, min_lat = ?,
           max_lon = ?, max_lat = ?, district_code = ?, search_text = ?, version = ?, updated_at = ?
         WHERE collection = ? AND id = ? AND version = ? RETURNING fid`,
      )
        .pluck()
        .get(
          JSON.stringify(f.properties),
          JSON.stringify(f.geometry),
          f.geometry.type,
          ...box,
          district,
          search,
          version,
          updatedAt,
          f.collection,
          f.id,
          expectedVersion,
        ) as number | undefined;
      if (fid === undefined) return false;
      prepare(
        'UPDATE features_rtree SET min_lon = ?, max_lon = ?, min_lat = ?, max_lat = ? WHERE fid = ?',
      ).run(box[0], box[2], box[1], box[3], fid);
      return true;
    },
    get: (collection, id) => {
      const row = prepare(`SELECT ${COLUMNS} FROM features f WHERE f.collection = ? AND f.id = ?`).get(
        collection,
        id,
      ) as FeatureRow | undefined;
      return row ? toFeature(row) : undefined;
    },
  };
}

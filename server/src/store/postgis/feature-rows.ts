import type { Geometry } from 'geojson';
import type { Catalog } from '../../catalog/catalog';
import type { StoredFeature } from '../feature-store';
import { districtCodeOf, featureText, searchTextOf } from '../rows';
import type { Queryable } from './connection';

/** A `features` row as selected with COLUMNS (timestamps arrive as Date). */
export interface FeatureRow {
  collection: string;
  id: number;
  /** The GeoJSON Feature text (migration 4). */
  geojson: string;
  version: number;
  created_at: Date;
  updated_at: Date;
}

/** Geometry as GeoJSON text made by PostGIS; 15 decimals keep every double of a lon/lat exactly. */
export const GEOJSON = (column: string): string => `ST_AsGeoJSON(${column}, 15)`;

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
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** What one features row holds besides its identity and timestamps. */
export interface RowContent {
  collection: string;
  id: number;
  properties: Record<string, unknown>;
  geometry: Geometry;
}

/** Rows per INSERT when seeding (arrays passed as parameters, unnested in SQL). */
const SEED_CHUNK = 5000;

/**
 * Inserts and updates `features` rows with their derived columns (district_code, search_text, the
 * GeoJSON text); triggers keep counts, extents and point cells (migration 4).
 */
export interface FeatureRowWriter {
  /** Inserts many rows at `version` in a few statements (seed, restore, create). */
  insert(
    tx: Queryable,
    rows: readonly RowContent[],
    version: number,
    createdAt: string,
    updatedAt: string,
  ): Promise<void>;
  /** Sets content and version of a row the caller has locked. */
  update(tx: Queryable, f: RowContent, version: number, updatedAt: string): Promise<void>;
  /** The row (locked FOR UPDATE when `lock`), or undefined. */
  get(db: Queryable, collection: string, id: number, lock?: boolean): Promise<StoredFeature | undefined>;
}

export function featureRowWriter(catalog: Catalog): FeatureRowWriter {
  const searchText = (f: RowContent): string => searchTextOf(catalog, f.collection, f.properties);
  const district = (f: RowContent): string | null => districtCodeOf(f.properties);
  return {
    insert: async (tx, rows, version, createdAt, updatedAt) => {
      for (let i = 0; i < rows.length; i += SEED_CHUNK) {
        const chunk = rows.slice(i, i + SEED_CHUNK);
        await tx.query(
          `INSERT INTO features (collection, id, properties, geom, district_code, search_text, geojson,
             version, created_at, updated_at)
           SELECT c, i, p, ST_SetSRID(ST_GeomFromGeoJSON(g), 4326), d, s, j, $8, $9, $10
           FROM unnest($1::text[], $2::int[], $3::jsonb[], $4::text[], $5::text[], $6::text[], $7::text[])
             AS t(c, i, p, g, d, s, j)`,
          [
            chunk.map((f) => f.collection),
            chunk.map((f) => f.id),
            chunk.map((f) => JSON.stringify(f.properties)),
            chunk.map((f) => JSON.stringify(f.geometry)),
            chunk.map(district),
            chunk.map(searchText),
            chunk.map((f) => featureText(f.id, f.properties, f.geometry)),
            version,
            createdAt,
            updatedAt,
          ],
        );
      }
    },
    update: async (tx, f, version, updatedAt) => {
      await tx.query(
        `UPDATE features SET properties = $3::jsonb, geom = ST_SetSRID(ST_GeomFromGeoJSON($4), 4326),
           district_code = $5, search_text = $6, geojson = $9, version = $7, updated_at = $8
         WHERE collection = $1 AND id = $2`,
        [
          f.collection,
          f.id,
          JSON.stringify(f.properties),
          JSON.stringify(f.geometry),
          district(f),
          searchText(f),
          version,
          updatedAt,
          featureText(f.id, f.properties, f.geometry),
        ],
      );
    },
    get: async (db, collection, id, lock = false) => {
      const { rows } = await db.query<FeatureRow>(
        `SELECT ${COLUMNS} FROM features f WHERE f.collection = $1 AND f.id = $2${lock ? ' FOR UPDATE' : ''}`,
        [collection, id],
      );
      return rows[0] ? toFeature(rows[0]) : undefined;
    },
  };
}

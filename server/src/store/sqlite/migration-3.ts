/**
 * Migration 3 (issue 10): a read path whose cost follows the answer, not the table.
 *
 * - `features.fid` = collection code × 2^40 + id, so rowid order is (collection, id) order: a
 *   collection is one rowid range, a page in id order is a range scan, and the R*Tree's fids sort
 *   into page order without reading any feature row. `collection_stats.code` numbers collections.
 * - `features.geojson` is the whole GeoJSON Feature text (`{"type":"Feature","id":…,"geometry":…,
 *   "properties":…}`), written in the same statement as the row (seed and every edit); pages are
 *   spliced from it, getFeature parses it. It replaces the separate properties/geometry columns.
 * - The R*Tree gains a third dimension, the collection code (min = max = code): a bbox search
 *   never visits another collection's entries.
 * - Triggers keep, per collection, the feature count, the number of non-point geometries and the
 *   extent (`collection_stats`); per district code, the count (`district_counts`); and per Web
 *   Mercator grid cell of zoom 0–14 (2^(z+3) cells a side: 8 × 8 per tile), the count and the
 *   sum of coordinates of the points in it (`point_cells`, the clusters of low-zoom tiles).
 *   Counts, extents, "has non-points" and cluster tiles are then index lookups. An extent is
 *   recomputed (a scan of that collection) only when a write removes or moves a feature that lay
 *   on its edge: on the write, never on a read.
 * - `features_fts`: a trigram FTS5 index of `search_text` (external content), so `q` finds a
 *   word of three or more letters through the index (`LIKE '%word%'` on it), kept by the triggers.
 * - `cell_x`, `cell_y`: a point's cell at zoom 14 (2^17 a side); coarser cells are `>> (14 - z)`.
 *   (Zoom 14 is tiles/web-mercator.ts CLUSTER_MAX_ZOOM; the numbers are written out here because a
 *   shipped migration never changes.)
 */
import { ID_SPACE } from './fid';

const LAT_LIMIT = 85.0511287798066; // Web Mercator's latitude limit
const CLAMPED_LAT = `max(-${LAT_LIMIT}, min(${LAT_LIMIT}, min_lat))`;
const CELL_X = `min(131071, max(0, CAST((min_lon + 180.0) / 360.0 * 131072 AS INTEGER)))`;
const CELL_Y = `min(131071, max(0, CAST((0.5 - ln((1 + sin(radians(${CLAMPED_LAT}))) / (1 - sin(radians(${CLAMPED_LAT})))) / (4 * pi())) * 131072 AS INTEGER)))`;

/** The code of the collection of a row (`old` or `new` in a trigger). */
const code = (row: string) => `(${row}.fid >> 40)`;
/** The fid range of the collection of a row. */
const range = (row: string) =>
  `fid BETWEEN ${code(row)} * ${ID_SPACE} AND ${code(row)} * ${ID_SPACE} + ${ID_SPACE - 1}`;

/** Statements adding a row's share to the derived tables (inside a trigger, `row` = new). */
function addShare(row: string): string {
  return `
    UPDATE collection_stats SET features = features + 1,
      non_points = non_points + (${row}.geometry_type <> 'Point'),
      min_lon = min(coalesce(min_lon, ${row}.min_lon), ${row}.min_lon),
      min_lat = min(coalesce(min_lat, ${row}.min_lat), ${row}.min_lat),
      max_lon = max(coalesce(max_lon, ${row}.max_lon), ${row}.max_lon),
      max_lat = max(coalesce(max_lat, ${row}.max_lat), ${row}.max_lat)
    WHERE code = ${code(row)};
    INSERT INTO district_counts (code, district_code, n)
      SELECT ${code(row)}, ${row}.district_code, 1 WHERE ${row}.district_code IS NOT NULL
      ON CONFLICT DO UPDATE SET n = n + 1;
    INSERT INTO point_cells (code, z, x, y, n, sum_lon, sum_lat)
      SELECT ${code(row)}, z, ${row}.cell_x >> (14 - z), ${row}.cell_y >> (14 - z), 1, ${row}.min_lon, ${row}.min_lat
      FROM cell_zooms WHERE ${row}.geometry_type = 'Point'
      ON CONFLICT DO UPDATE SET n = n + 1, sum_lon = sum_lon + excluded.sum_lon, sum_lat = sum_lat + excluded.sum_lat;`;
}

/** Statements removing a row's share (counts and cells; the extent is handled by the caller). */
function removeShare(row: string): string {
  const cells = `code = ${code(row)} AND (z, x, y) IN
      (SELECT z, ${row}.cell_x >> (14 - z), ${row}.cell_y >> (14 - z) FROM cell_zooms)`;
  return `
    UPDATE collection_stats SET features = features - 1,
      non_points = non_points - (${row}.geometry_type <> 'Point')
    WHERE code = ${code(row)};
    UPDATE district_counts SET n = n - 1 WHERE code = ${code(row)} AND district_code = ${row}.district_code;
    DELETE FROM district_counts WHERE code = ${code(row)} AND district_code = ${row}.district_code AND n = 0;
    UPDATE point_cells SET n = n - 1, sum_lon = sum_lon - ${row}.min_lon, sum_lat = sum_lat - ${row}.min_lat
      WHERE ${row}.geometry_type = 'Point' AND ${cells};
    DELETE FROM point_cells WHERE ${row}.geometry_type = 'Point' AND ${cells} AND n = 0;`;
}

/** Recomputes the extent of the old row's collection when `when` holds (a scan of that collection). */
function recomputeExtent(when: string): string {
  return `
    UPDATE collection_stats SET (min_lon, min_lat, max_lon, max_lat) =
      (SELECT min(min_lon), min(min_lat), max(max_lon), max(max_lat) FROM features WHERE ${range('old')})
    WHERE code = ${code('old')} AND (${when});`;
}

/** The trigram index of `search_text` (an external-content FTS5 table over `features`). */
const FTS_ADD = (row: string) =>
  `INSERT INTO features_fts (rowid, search_text) VALUES (${row}.fid, ${row}.search_text);`;
const FTS_REMOVE = (row: string) =>
  `INSERT INTO features_fts (features_fts, rowid, search_text) VALUES ('delete', ${row}.fid, ${row}.search_text);`;

const REVISION = `UPDATE store_meta SET value = value + 1 WHERE key = 'revision';`;

export const FEATURE_TRIGGERS = `
  CREATE TRIGGER features_ai AFTER INSERT ON features BEGIN
    INSERT INTO features_rtree VALUES (new.fid, new.min_lon, new.max_lon, new.min_lat, new.max_lat,
      ${code('new')}, ${code('new')});
    ${FTS_ADD('new')}
    ${addShare('new')}
    ${REVISION}
  END;
  CREATE TRIGGER features_ad AFTER DELETE ON features BEGIN
    DELETE FROM features_rtree WHERE fid = old.fid;
    ${FTS_REMOVE('old')}
    ${removeShare('old')}
    ${recomputeExtent('old.min_lon <= min_lon OR old.min_lat <= min_lat OR old.max_lon >= max_lon OR old.max_lat >= max_lat')}
    ${REVISION}
  END;
  CREATE TRIGGER features_au AFTER UPDATE ON features BEGIN
    UPDATE features_rtree SET min_lon = new.min_lon, max_lon = new.max_lon, min_lat = new.min_lat,
      max_lat = new.max_lat WHERE fid = new.fid;
    ${FTS_REMOVE('old')}
    ${FTS_ADD('new')}
    ${removeShare('old')}
    ${addShare('new')}
    ${recomputeExtent(
      `(min_lon = old.min_lon AND new.min_lon > old.min_lon) OR (min_lat = old.min_lat AND new.min_lat > old.min_lat)
        OR (max_lon = old.max_lon AND new.max_lon < old.max_lon) OR (max_lat = old.max_lat AND new.max_lat < old.max_lat)`,
    )}
    ${REVISION}
  END;`;

/** Drops the triggers: a bulk load writes rows only and then runs DERIVE_SQL and FEATURE_TRIGGERS. */
export const DROP_FEATURE_TRIGGERS = `
  DROP TRIGGER IF EXISTS features_ai; DROP TRIGGER IF EXISTS features_ad; DROP TRIGGER IF EXISTS features_au;`;

/** Coarser cell levels, each summed from the one below it (14 → 13 → … → 0). */
const CELL_PYRAMID = Array.from({ length: 14 }, (_, i) => 13 - i)
  .map(
    (z) => `
  INSERT INTO point_cells (code, z, x, y, n, sum_lon, sum_lat)
    SELECT p.code, ${z}, p.x >> 1, p.y >> 1, sum(p.n), sum(p.sum_lon), sum(p.sum_lat)
    FROM collection_stats s JOIN point_cells p ON p.code = s.code AND p.z = ${z + 1}
    GROUP BY p.code, p.x >> 1, p.y >> 1;`,
  )
  .join('');

/**
 * Every derived table recomputed from `features`, set-based (migration 3 and bulk loads). The
 * R*Tree is rebuilt with its entries inserted in spatial order (blocks of 128 × 128 zoom-14 cells,
 * then cell by cell): SQLite's R*Tree keeps the shape its insertion order gives it, and at
 * 1,000,000 points one built in id order (random in space) answered a 100-point box in ≈ 4.5 ms,
 * one built in spatial order in ≈ 0.05 ms.
 */
export const DERIVE_SQL = `
  UPDATE collection_stats SET (features, non_points, min_lon, min_lat, max_lon, max_lat) =
    (SELECT count(*), coalesce(sum(geometry_type <> 'Point'), 0), min(min_lon), min(min_lat), max(max_lon), max(max_lat)
     FROM features WHERE fid BETWEEN collection_stats.code * ${ID_SPACE} AND collection_stats.code * ${ID_SPACE} + ${ID_SPACE - 1});
  DELETE FROM district_counts;
  INSERT INTO district_counts (code, district_code, n)
    SELECT fid >> 40, district_code, count(*) FROM features WHERE district_code IS NOT NULL GROUP BY 1, 2;
  DELETE FROM point_cells;
  INSERT INTO point_cells (code, z, x, y, n, sum_lon, sum_lat)
    SELECT fid >> 40, 14, cell_x, cell_y, count(*), sum(min_lon), sum(min_lat)
    FROM features WHERE geometry_type = 'Point' GROUP BY 1, 3, 4;
  ${CELL_PYRAMID}
  INSERT INTO features_fts (features_fts) VALUES ('rebuild');
  DROP TABLE IF EXISTS features_rtree;
  CREATE VIRTUAL TABLE features_rtree USING rtree (fid, min_lon, max_lon, min_lat, max_lat, min_code, max_code);
  INSERT INTO features_rtree
    SELECT fid, min_lon, max_lon, min_lat, max_lat, fid >> 40, fid >> 40 FROM features
    ORDER BY fid >> 40, cell_x >> 7, cell_y >> 7, cell_x, cell_y;`;

export const MIGRATION_3 = `
  CREATE TABLE collection_stats (
    code INTEGER PRIMARY KEY CHECK (code BETWEEN 1 AND 8191),
    collection TEXT NOT NULL UNIQUE,
    features INTEGER NOT NULL DEFAULT 0,
    non_points INTEGER NOT NULL DEFAULT 0,
    min_lon REAL, min_lat REAL, max_lon REAL, max_lat REAL
  );
  CREATE TABLE district_counts (
    code INTEGER NOT NULL, district_code TEXT NOT NULL, n INTEGER NOT NULL,
    PRIMARY KEY (code, district_code)
  ) WITHOUT ROWID;
  CREATE TABLE point_cells (
    code INTEGER NOT NULL, z INTEGER NOT NULL, x INTEGER NOT NULL, y INTEGER NOT NULL,
    n INTEGER NOT NULL, sum_lon REAL NOT NULL, sum_lat REAL NOT NULL,
    PRIMARY KEY (code, z, x, y)
  ) WITHOUT ROWID;
  CREATE TABLE cell_zooms (z INTEGER PRIMARY KEY);
  INSERT INTO cell_zooms (z) VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9), (10), (11), (12), (13), (14);

  INSERT INTO collection_stats (collection) SELECT DISTINCT collection FROM features ORDER BY collection;
  CREATE TABLE features_v3 (
    fid INTEGER PRIMARY KEY,
    collection TEXT NOT NULL,
    id INTEGER NOT NULL CHECK (id BETWEEN 0 AND ${ID_SPACE - 1}),
    geometry_type TEXT NOT NULL,
    min_lon REAL NOT NULL, min_lat REAL NOT NULL, max_lon REAL NOT NULL, max_lat REAL NOT NULL,
    district_code TEXT,
    search_text TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    geojson TEXT NOT NULL CHECK (json_valid(geojson)),
    cell_x INTEGER GENERATED ALWAYS AS (${CELL_X}) VIRTUAL,
    cell_y INTEGER GENERATED ALWAYS AS (${CELL_Y}) VIRTUAL
  );
  INSERT INTO features_v3 (fid, collection, id, geometry_type, min_lon, min_lat, max_lon, max_lat,
      district_code, search_text, version, created_at, updated_at, geojson)
    SELECT s.code * ${ID_SPACE} + f.id, f.collection, f.id, f.geometry_type, f.min_lon, f.min_lat, f.max_lon,
      f.max_lat, f.district_code, f.search_text, f.version, f.created_at, f.updated_at,
      '{"type":"Feature","id":' || f.id || ',"geometry":' || f.geometry || ',"properties":' || f.properties || '}'
    FROM features f JOIN collection_stats s ON s.collection = f.collection;
  DROP TABLE features;
  ALTER TABLE features_v3 RENAME TO features;
  CREATE VIRTUAL TABLE features_fts USING fts5 (search_text, content = 'features', content_rowid = 'fid',
    tokenize = 'trigram');
  ${DERIVE_SQL}
  ${FEATURE_TRIGGERS}
  ${REVISION}
`;

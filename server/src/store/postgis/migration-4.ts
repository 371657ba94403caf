/**
 * PostGIS migration 4 (issue 10 on PostGIS): the read path of SQLite migration 3 in PostgreSQL
 * terms, so reads cost what the answer costs, not what the table holds.
 *
 * - `features.geojson`: the whole GeoJSON Feature text, written by every write with the same
 *   `featureText()` as SQLite (store/rows.ts): a page is the page's texts joined, with no
 *   ST_AsGeoJSON or jsonb output per row (≈ 25 % of a 100-point page's database time), and the
 *   bytes are SQLite's. `properties` (jsonb) and `geom` stay for filters, CQL2 and the index.
 * - `cell_x`, `cell_y`: a point's Web Mercator cell at zoom 14 (2^17 a side, the same formula as
 *   SQLite's: CLUSTER_MAX_ZOOM of tiles/web-mercator.ts), NULL for other geometries.
 * - Kept in each write's own transaction by statement triggers over the transition tables (one
 *   set-based pass per statement, so a seed chunk of 5,000 rows is one pass, not 5,000): per
 *   collection the feature count, non-point count and extent (`collection_stats`); per district the
 *   count (`district_counts`); per cell of zooms 0–14 the count and coordinate sums of its points
 *   (`point_cells`: 8 × 8 cells per tile, the clusters of the low-zoom tiles). Counts, extents and
 *   cluster tiles are then primary-key lookups. An extent is recomputed (a scan of that
 *   collection) only when a write removes or moves a feature that lay on its edge.
 * - Upserts go in (collection, z, x, y) order, so two instances writing one collection at once
 *   queue on the shared rows instead of deadlocking.
 */

/** Web Mercator's latitude limit. */
const LAT_LIMIT = 85.0511287798066;
const LAT = `greatest(-${LAT_LIMIT}, least(${LAT_LIMIT}, ST_Y(geom)))`;
const IF_POINT = (expr: string) =>
  `CASE WHEN GeometryType(geom) = 'POINT' THEN least(131071, greatest(0, trunc(${expr})))::integer END`;
const CELL_X = IF_POINT('(ST_X(geom) + 180.0) / 360.0 * 131072');
const CELL_Y = IF_POINT(
  `(0.5 - ln((1 + sin(radians(${LAT}))) / (1 - sin(radians(${LAT})))) / (4 * pi())) * 131072`,
);

/** The zoom levels of point_cells. */
const ZOOMS = 'generate_series(0, 14) AS zl(z)';

/**
 * The derived tables' share of the rows in `d` (sign +1 added, −1 removed): the statements of a
 * trigger function, each with `WITH d AS (delta)`.
 */
function applyDelta(delta: string): string {
  const d = `WITH d AS (${delta})`;
  return `
    ${d}
    INSERT INTO collection_stats AS s (collection, features, non_points, min_lon, min_lat, max_lon, max_lat)
    SELECT collection, sum(sign), sum(sign * (GeometryType(geom) <> 'POINT')::int),
      min(ST_XMin(geom)) FILTER (WHERE sign > 0), min(ST_YMin(geom)) FILTER (WHERE sign > 0),
      max(ST_XMax(geom)) FILTER (WHERE sign > 0), max(ST_YMax(geom)) FILTER (WHERE sign > 0)
    FROM d GROUP BY collection ORDER BY collection
    ON CONFLICT (collection) DO UPDATE SET features = s.features + excluded.features,
      non_points = s.non_points + excluded.non_points,
      min_lon = least(s.min_lon, excluded.min_lon), min_lat = least(s.min_lat, excluded.min_lat),
      max_lon = greatest(s.max_lon, excluded.max_lon), max_lat = greatest(s.max_lat, excluded.max_lat);
    ${d}
    UPDATE collection_stats s SET (min_lon, min_lat, max_lon, max_lat) =
      (SELECT min(ST_XMin(f.geom)), min(ST_YMin(f.geom)), max(ST_XMax(f.geom)), max(ST_YMax(f.geom))
       FROM features f WHERE f.collection = s.collection)
    WHERE EXISTS (SELECT 1 FROM d WHERE d.sign < 0 AND d.collection = s.collection
      AND (ST_XMin(d.geom) <= s.min_lon OR ST_YMin(d.geom) <= s.min_lat
        OR ST_XMax(d.geom) >= s.max_lon OR ST_YMax(d.geom) >= s.max_lat));
    ${d}
    INSERT INTO district_counts AS c (collection, district_code, n)
    SELECT collection, district_code, sum(sign) FROM d WHERE district_code IS NOT NULL
    GROUP BY 1, 2 HAVING sum(sign) <> 0 ORDER BY 1, 2
    ON CONFLICT (collection, district_code) DO UPDATE SET n = c.n + excluded.n;
    ${d}
    DELETE FROM district_counts c USING (SELECT DISTINCT collection, district_code FROM d WHERE sign < 0) g
    WHERE c.collection = g.collection AND c.district_code = g.district_code AND c.n = 0;
    ${d}
    INSERT INTO point_cells AS c (collection, z, x, y, n, sum_lon, sum_lat)
    SELECT collection, z, cell_x >> (14 - z), cell_y >> (14 - z), sum(sign), sum(sign * ST_X(geom)),
      sum(sign * ST_Y(geom))
    FROM d CROSS JOIN ${ZOOMS} WHERE cell_x IS NOT NULL
    GROUP BY 1, 2, 3, 4 HAVING sum(sign) <> 0 OR sum(sign * ST_X(geom)) <> 0 OR sum(sign * ST_Y(geom)) <> 0
    ORDER BY 1, 2, 3, 4
    ON CONFLICT (collection, z, x, y) DO UPDATE SET n = c.n + excluded.n,
      sum_lon = c.sum_lon + excluded.sum_lon, sum_lat = c.sum_lat + excluded.sum_lat;
    ${d}
    DELETE FROM point_cells c USING (
      SELECT DISTINCT collection, z, cell_x >> (14 - z) AS x, cell_y >> (14 - z) AS y
      FROM d CROSS JOIN ${ZOOMS} WHERE sign < 0 AND cell_x IS NOT NULL) g
    WHERE c.collection = g.collection AND c.z = g.z AND c.x = g.x AND c.y = g.y AND c.n = 0;`;
}

const ADDED = 'SELECT 1 AS sign, * FROM new_rows';
const REMOVED = 'SELECT -1 AS sign, * FROM old_rows';

function deriveFunction(name: string, delta: string): string {
  return `
  CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    ${applyDelta(delta)}
    RETURN NULL;
  END $$;`;
}

/** Coarser cell levels, each summed from the one below it (14 → 13 → … → 0). */
const CELL_PYRAMID = Array.from({ length: 14 }, (_, i) => 13 - i)
  .map(
    (z) => `
  INSERT INTO point_cells (collection, z, x, y, n, sum_lon, sum_lat)
    SELECT collection, ${z}, x >> 1, y >> 1, sum(n), sum(sum_lon), sum(sum_lat)
    FROM point_cells WHERE z = ${z + 1} GROUP BY collection, x >> 1, y >> 1;`,
  )
  .join('');

/** Every derived table recomputed from `features`, set-based (this migration; tests compare with it). */
export const DERIVE_SQL = `
  DELETE FROM collection_stats; DELETE FROM district_counts; DELETE FROM point_cells;
  INSERT INTO collection_stats (collection, features, non_points, min_lon, min_lat, max_lon, max_lat)
    SELECT collection, count(*), count(*) FILTER (WHERE GeometryType(geom) <> 'POINT'),
      min(ST_XMin(geom)), min(ST_YMin(geom)), max(ST_XMax(geom)), max(ST_YMax(geom))
    FROM features GROUP BY collection;
  INSERT INTO district_counts (collection, district_code, n)
    SELECT collection, district_code, count(*) FROM features WHERE district_code IS NOT NULL GROUP BY 1, 2;
  INSERT INTO point_cells (collection, z, x, y, n, sum_lon, sum_lat)
    SELECT collection, 14, cell_x, cell_y, count(*), sum(ST_X(geom)), sum(ST_Y(geom))
    FROM features WHERE cell_x IS NOT NULL GROUP BY collection, cell_x, cell_y;
  ${CELL_PYRAMID}`;

export const MIGRATION_4 = `
  ALTER TABLE features ADD COLUMN geojson text;
  UPDATE features SET geojson = '{"type":"Feature","id":' || id || ',"geometry":' || ST_AsGeoJSON(geom, 15) ||
    ',"properties":' || properties::text || '}';
  ALTER TABLE features ALTER COLUMN geojson SET NOT NULL,
    ADD COLUMN cell_x integer GENERATED ALWAYS AS (${CELL_X}) STORED,
    ADD COLUMN cell_y integer GENERATED ALWAYS AS (${CELL_Y}) STORED;
  CREATE TABLE collection_stats (
    collection text COLLATE "C" PRIMARY KEY,
    features integer NOT NULL DEFAULT 0,
    non_points integer NOT NULL DEFAULT 0,
    min_lon float8, min_lat float8, max_lon float8, max_lat float8
  );
  CREATE TABLE district_counts (
    collection text COLLATE "C" NOT NULL,
    district_code text COLLATE "C" NOT NULL,
    n integer NOT NULL,
    PRIMARY KEY (collection, district_code)
  );
  CREATE TABLE point_cells (
    collection text COLLATE "C" NOT NULL,
    z smallint NOT NULL,
    x integer NOT NULL,
    y integer NOT NULL,
    n integer NOT NULL,
    sum_lon float8 NOT NULL,
    sum_lat float8 NOT NULL,
    PRIMARY KEY (collection, z, x, y)
  );
  ${DERIVE_SQL}
  ${deriveFunction('lcmap_features_added', ADDED)}
  ${deriveFunction('lcmap_features_removed', REMOVED)}
  ${deriveFunction('lcmap_features_changed', `${REMOVED} UNION ALL ${ADDED}`)}
  CREATE TRIGGER features_derive_insert AFTER INSERT ON features
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION lcmap_features_added();
  CREATE TRIGGER features_derive_delete AFTER DELETE ON features
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION lcmap_features_removed();
  CREATE TRIGGER features_derive_update AFTER UPDATE ON features
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION lcmap_features_changed();
`;

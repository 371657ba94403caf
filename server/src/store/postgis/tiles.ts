import type { Catalog } from '../../catalog/catalog';
import { MAX_POINTS_PER_TILE, tileFields } from '../../tiles/tile-content';
import {
  boxesMeet,
  CELLS_PER_TILE_SIDE,
  CLUSTER_MAX_ZOOM,
  MAX_LATITUDE,
  TILE_EXTENT,
  type TileAddress,
  tileBounds,
} from '../../tiles/web-mercator';
import { type Bbox, narrowsTile, type TileFilter } from '../feature-store';
import type { Connection } from './connection';
import { collectionStats } from './feature-reads';
import { buildWhere, envelopeSql, Params } from './query-sql';

/** MVT buffer around polygon and line tiles, in tile units (as geojson-vt's on SQLite). */
const BUFFER = 64;

/** The integers first..last. */
function span(first: number, last: number): number[] {
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

/**
 * The tile attributes of a feature row (alias `f`): its properties among the tile fields whose
 * values are strings, numbers or booleans (tiles/tile-content.ts tileTags), as jsonb, whose keys
 * ST_AsMVT writes as attributes.
 */
function tagsSql(fields: string, alias = 'f'): string {
  return `coalesce((SELECT jsonb_object_agg(key, value) FROM jsonb_each(${alias}.properties)
    WHERE key = ANY(${fields}::text[]) AND jsonb_typeof(value) IN ('string', 'number', 'boolean')), '{}'::jsonb)`;
}

/** A point (lon/lat, latitude clamped to Web Mercator's limit) in EPSG:3857. */
function mercatorPoint(lon: string, lat: string): string {
  return `ST_Transform(ST_SetSRID(ST_MakePoint(${lon}, greatest(-${MAX_LATITUDE}, least(${MAX_LATITUDE}, ${lat}))), 4326), 3857)`;
}

/**
 * The MVT of the rows of `items` (columns id, geom in 3857, tags jsonb): one layer named after
 * the collection, the feature id as MVT id (none on clusters), the tags as attributes.
 */
function mvtSql(items: string, layer: string, tile: TileAddress, p: Params, buffer: number, clip: boolean) {
  const envelope = `ST_TileEnvelope(${p.add(tile.z)}, ${p.add(tile.x)}, ${p.add(tile.y)})`;
  return `SELECT ST_AsMVT(t, ${p.add(layer)}, ${TILE_EXTENT}, 'geom', 'id') AS mvt FROM (
      SELECT i.id, ST_AsMVTGeom(i.geom, ${envelope}, ${TILE_EXTENT}, ${buffer}, ${clip}) AS geom, i.tags
      FROM (${items}) i) t
    WHERE t.geom IS NOT NULL`;
}

/** One statement answering a tile's MVT bytes (column `mvt`). */
export interface TileQuery {
  sql: string;
  values: unknown[];
}

/** A clustered tile from the cells of zoom `level`: clusters, and the one point of each single-point cell. */
export function clusterTileQuery(
  collection: string,
  tile: TileAddress,
  level: number,
  fields: string[],
): TileQuery {
  const p = new Params();
  const perTile = CELLS_PER_TILE_SIDE * 2 ** (level - tile.z); // cells of `level` per tile side
  const x0 = tile.x * perTile;
  const y0 = tile.y * perTile;
  const c = p.add(collection);
  const shift = p.add(CLUSTER_MAX_ZOOM - level);
  const side = p.add(CELLS_PER_TILE_SIDE * 2 ** level); // cells of `level` a side of the world
  const fieldList = p.add(fields);
  // A cell's lon/lat box (tiles/web-mercator.ts gridCellBounds), padded as on SQLite.
  const lon = (x: string) => `((${x})::float8 / ${side} * 360 - 180)`;
  const lat = (y: string) => `degrees(atan(sinh(pi() * (1 - 2 * (${y})::float8 / ${side}))))`;
  const items = `
    WITH cells AS (
      SELECT x, y, n, sum_lon, sum_lat FROM point_cells
      WHERE collection = ${c} AND z = ${p.add(level)} AND x = ANY(${p.add(span(x0, x0 + perTile - 1))}::int[])
        AND y BETWEEN ${p.add(y0)} AND ${p.add(y0 + perTile - 1)} AND n > 0
    ), singles AS (
      SELECT cells.x, cells.y, one.* FROM cells CROSS JOIN LATERAL (
        SELECT f.id, f.geom, ${tagsSql(fieldList)} AS tags FROM features f
        WHERE f.collection = ${c}
          AND f.geom && ST_MakeEnvelope(${lon('cells.x')} - 1e-9, ${lat('cells.y + 1')} - 1e-9,
            ${lon('cells.x + 1')} + 1e-9, ${lat('cells.y')} + 1e-9, 4326)
          AND f.cell_x >> ${shift} = cells.x AND f.cell_y >> ${shift} = cells.y
        LIMIT 1) one
      WHERE cells.n = 1
    )
    SELECT id, ${mercatorPoint('ST_X(geom)', 'ST_Y(geom)')} AS geom, tags FROM singles
    UNION ALL
    SELECT NULL, ${mercatorPoint('sum_lon / n', 'sum_lat / n')},
      jsonb_build_object('cluster', true, 'point_count', n)
    FROM cells WHERE NOT EXISTS (SELECT 1 FROM singles s WHERE s.x = cells.x AND s.y = cells.y)`;
  return { sql: mvtSql(items, collection, tile, p, 0, false), values: p.values };
}

/**
 * A clustered tile counting only the features that match `where`: the matching points of the
 * tile's box grouped into the cells of zoom `level` (the same cells as point_cells), clusters and
 * the one point of each single-point cell.
 */
export function filteredClusterTileQuery(
  collection: string,
  tile: TileAddress,
  level: number,
  fields: string[],
  where: TileFilter,
): TileQuery {
  const p = new Params();
  const perTile = CELLS_PER_TILE_SIDE * 2 ** (level - tile.z);
  const x0 = tile.x * perTile;
  const y0 = tile.y * perTile;
  const shift = p.add(CLUSTER_MAX_ZOOM - level);
  const items = `
    WITH cells AS (
      SELECT f.cell_x >> ${shift} AS x, f.cell_y >> ${shift} AS y, count(*) AS n,
        sum(ST_X(f.geom)) AS sum_lon, sum(ST_Y(f.geom)) AS sum_lat, min(f.id) AS id
      FROM features f ${buildWhere(collection, where, p)} AND f.geom && ${envelopeSql(tileBounds(tile), p)}
        AND f.cell_x >> ${shift} BETWEEN ${p.add(x0)} AND ${p.add(x0 + perTile - 1)}
        AND f.cell_y >> ${shift} BETWEEN ${p.add(y0)} AND ${p.add(y0 + perTile - 1)}
      GROUP BY 1, 2
    )
    SELECT f.id, ${mercatorPoint('ST_X(f.geom)', 'ST_Y(f.geom)')} AS geom, ${tagsSql(p.add(fields))} AS tags
    FROM cells JOIN features f ON f.collection = ${p.add(collection)} AND f.id = cells.id WHERE cells.n = 1
    UNION ALL
    SELECT NULL, ${mercatorPoint('sum_lon / n', 'sum_lat / n')}, jsonb_build_object('cluster', true, 'point_count', n)
    FROM cells WHERE n > 1`;
  return { sql: mvtSql(items, collection, tile, p, 0, false), values: p.values };
}

/**
 * Every point of a tile deeper than the cluster zooms that matches `where` (the caller has
 * bounded their number), at most `limit` of them.
 */
export function pointTileQuery(
  collection: string,
  tile: TileAddress,
  fields: string[],
  where: TileFilter = {},
  limit?: number,
): TileQuery {
  const p = new Params();
  const items = `SELECT f.id, ${mercatorPoint('ST_X(f.geom)', 'ST_Y(f.geom)')} AS geom, ${tagsSql(p.add(fields))} AS tags
    FROM features f ${buildWhere(collection, where, p)} AND f.geom && ${envelopeSql(tileBounds(tile), p)}
    ${limit === undefined ? '' : `LIMIT ${p.add(limit)}`}`;
  return { sql: mvtSql(items, collection, tile, p, 0, false), values: p.values };
}

/**
 * Vector tiles of the PostGIS store, with the content of the SQLite ones (contract:
 * server/src/tiles/tile-content.ts; the same cells, cluster rule, ids and attributes), encoded by
 * ST_AsMVT. Every tile reads a bounded number of rows: clustered zooms at most 64 `point_cells`
 * rows by primary key plus one GiST lookup per single-point cell; zooms past CLUSTER_MAX_ZOOM the
 * zoom-14 cells under the tile, then at most MAX_POINTS_PER_TILE points; collections holding
 * polygons the GiST candidates of the tile and its buffer (districts, province, clusters).
 */
export function postgisTiles(conn: Connection, catalog: Catalog) {
  const mvt = async ({ sql, values }: TileQuery): Promise<Uint8Array | undefined> => {
    const { rows } = await conn.query<{ mvt: Buffer | null }>(sql, values);
    const bytes = rows[0]?.mvt;
    return bytes && bytes.length > 0 ? new Uint8Array(bytes) : undefined;
  };

  /** How many points of the tile match `where`, counting at most `cap` + 1. */
  const matchesUpTo = async (collection: string, tile: TileAddress, where: TileFilter, cap: number) => {
    const p = new Params();
    const { rows } = await conn.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM features f ${buildWhere(collection, where, p)}
         AND f.geom && ${envelopeSql(tileBounds(tile), p)} LIMIT ${p.add(cap + 1)}) m`,
      p.values,
    );
    return rows[0]?.n ?? 0;
  };

  /**
   * Every point of a tile deeper than the cluster zooms that matches `where`, or its filtered
   * zoom-14 clusters when more than MAX_POINTS_PER_TILE match (counting at most one more).
   */
  const filteredPointTile = async (
    collection: string,
    tile: TileAddress,
    fields: string[],
    where: TileFilter,
  ) => {
    const n = await matchesUpTo(collection, tile, where, MAX_POINTS_PER_TILE);
    if (n === 0) return undefined;
    if (n > MAX_POINTS_PER_TILE)
      return mvt(filteredClusterTileQuery(collection, tile, CLUSTER_MAX_ZOOM, fields, where));
    return mvt(pointTileQuery(collection, tile, fields, where));
  };

  /** Every point of a tile deeper than the cluster zooms, or its zoom-14 clusters when too many. */
  const pointTile = async (collection: string, tile: TileAddress, fields: string[]) => {
    const perTile = CELLS_PER_TILE_SIDE * 2 ** (CLUSTER_MAX_ZOOM - tile.z); // ≥ 1 for z ≤ 16
    const x0 = Math.floor(tile.x * perTile);
    const y0 = Math.floor(tile.y * perTile);
    const side = Math.max(1, perTile);
    const { rows } = await conn.query<{ n: number }>(
      `SELECT coalesce(sum(n), 0) AS n FROM point_cells
       WHERE collection = $1 AND z = $2 AND x = ANY($3::int[]) AND y BETWEEN $4 AND $5`,
      [collection, CLUSTER_MAX_ZOOM, span(x0, x0 + side - 1), y0, y0 + side - 1],
    );
    const upperBound = rows[0]?.n ?? 0;
    if (upperBound > MAX_POINTS_PER_TILE)
      return mvt(clusterTileQuery(collection, tile, CLUSTER_MAX_ZOOM, fields));
    if (upperBound === 0) return undefined;
    return mvt(pointTileQuery(collection, tile, fields));
  };

  /**
   * Polygons, lines and points of a collection holding non-points: clipped to the tile and its
   * buffer in lon/lat first (so only that part is projected), then cut and snapped by ST_AsMVTGeom.
   */
  const shapeTile = (collection: string, tile: TileAddress, fields: string[], where: TileFilter) => {
    const [west, south, east, north] = tileBounds(tile);
    const padX = ((east - west) * BUFFER) / TILE_EXTENT;
    const padY = ((north - south) * BUFFER) / TILE_EXTENT;
    const box: Bbox = [
      west - padX,
      Math.max(-MAX_LATITUDE, south - padY),
      east + padX,
      Math.min(MAX_LATITUDE, north + padY),
    ];
    const p = new Params();
    const envelope = envelopeSql(box, p);
    const items = `SELECT f.id, ST_Transform(ST_ClipByBox2D(f.geom, ${envelope}::box2d), 3857) AS geom,
        ${tagsSql(p.add(fields))} AS tags
      FROM features f ${buildWhere(collection, where, p)} AND f.geom && ${envelope}`;
    return mvt({ sql: mvtSql(items, collection, tile, p, BUFFER, true), values: p.values });
  };

  return {
    /**
     * MVT bytes of a tile (zoom, column, row already checked) with the features that match
     * `where`, or undefined when no such feature is in it.
     */
    async vectorTile(
      collection: string,
      tile: TileAddress,
      where?: TileFilter,
    ): Promise<Uint8Array | undefined> {
      const def = catalog.collection(collection);
      const stats = def ? await collectionStats(conn, collection) : undefined;
      if (!def || !stats || stats.features === 0 || stats.min_lon === null) return undefined;
      const extent: Bbox = [stats.min_lon, stats.min_lat, stats.max_lon, stats.max_lat];
      if (!boxesMeet(extent, tileBounds(tile))) return undefined;
      const fields = Object.keys(tileFields(def));
      if (stats.non_points > 0) return shapeTile(collection, tile, fields, where ?? {});
      if (narrowsTile(where)) {
        return tile.z <= CLUSTER_MAX_ZOOM
          ? mvt(filteredClusterTileQuery(collection, tile, tile.z, fields, where))
          : filteredPointTile(collection, tile, fields, where);
      }
      return tile.z <= CLUSTER_MAX_ZOOM
        ? mvt(clusterTileQuery(collection, tile, tile.z, fields))
        : pointTile(collection, tile, fields);
    },
  };
}

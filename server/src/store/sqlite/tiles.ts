import { geoJSONToTile } from '@maplibre/geojson-vt';
import type { Feature, FeatureCollection } from 'geojson';
import type { Catalog } from '../../catalog/catalog';
import {
  clusterTags,
  encodeTile,
  MAX_POINTS_PER_TILE,
  type TileFeature,
  tileFields,
  tileTags,
} from '../../tiles/tile-content';
import {
  boxesMeet,
  CELLS_PER_TILE_SIDE,
  CLUSTER_MAX_ZOOM,
  gridCellBounds,
  MAX_TILE_ZOOM,
  TILE_EXTENT,
  type TileAddress,
  tileBounds,
  toTilePixel,
} from '../../tiles/web-mercator';
import { type Bbox, narrowsTile, type TileFilter } from '../feature-store';
import type { CollectionCodes } from './collection-codes';
import type { Connection } from './connection';
import { fidOf, fidRange } from './fid';
import { conditionsSql, exactBoxSql, jsonPath, rtreeSql, type SqlPart } from './query-sql';

/** MVT buffer around polygon and line tiles, in tile units (geojson-vt's default). */
const BUFFER = 64;

interface CollectionTileInfo {
  features: number;
  non_points: number;
  min_lon: number | null;
  min_lat: number;
  max_lon: number;
  max_lat: number;
}

type Fields = ReturnType<typeof tileFields>;
/** [feature id, lon, lat, JSON array of the tile fields' values]. */
type PointRow = [number, number, number, string];

interface Cell {
  x: number;
  y: number;
  n: number;
  sum_lon: number;
  sum_lat: number;
}

/** A filtered tile holding more than 1/WIDE_SHARE of its collection's points reads the collection's rows, not the R*Tree's. */
const WIDE_SHARE = 4;

/** No condition: the plain tile. */
const NONE: SqlPart = { sql: '', params: [] };

/** The integers first..last. */
function span(first: number, last: number): number[] {
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

/**
 * Vector tiles of the SQLite store (contract: server/src/tiles/tile-content.ts). Every tile reads
 * a bounded number of rows: at most 64 cells (and one row per single-point cell) for clustered
 * zooms, at most MAX_POINTS_PER_TILE rows deeper, and the R*Tree candidates of the tile for
 * collections holding polygons (small collections: districts, province, clusters). A filtered
 * tile (property filters, CQL2, `q`) cannot use the precomputed cells: it reads the R*Tree
 * candidates of the tile's own box that match, grouped into the same cells in SQL (the tile's box
 * bounds the work; the answer is cached by revision and URL like every tile).
 */
export function sqliteTiles(conn: Connection, codes: CollectionCodes, catalog: Catalog) {
  const { prepare } = conn;

  /** GeoJSON texts of the R*Tree candidates of a box (polygon tiles). */
  const shapeTexts = (code: number, box: Bbox, where: SqlPart): string[] => {
    const rtree = rtreeSql(code, box);
    return prepare(
      `SELECT f.geojson FROM features_rtree r CROSS JOIN features f ON f.fid = r.fid WHERE ${rtree.sql}${where.sql}`,
    )
      .pluck()
      .all(...rtree.params, ...where.params) as string[];
  };

  /**
   * Points of a box as [id, lon, lat, JSON array of the tile fields' values]: SQLite picks the few
   * attributes out of the stored text (one json_extract with many paths), so JS parses ≈ 100 bytes
   * per point, not the whole feature.
   */
  const pointRows = (
    code: number,
    box: Bbox,
    names: string[],
    extra = '',
    extraParams: (string | number)[] = [],
    limit = -1,
  ) => {
    const rtree = rtreeSql(code, box);
    const paths = [...names.map(jsonPath), '$.id']; // two paths or more: json_extract answers an array
    return prepare(
      `SELECT f.id, f.min_lon, f.min_lat, json_extract(f.geojson, ${paths.map(() => '?').join(', ')})
       FROM features_rtree r CROSS JOIN features f ON f.fid = r.fid WHERE ${rtree.sql}${extra} LIMIT ?`,
    )
      .raw()
      .all(...paths, ...rtree.params, ...extraParams, limit) as PointRow[];
  };

  /** The cells of zoom `level` (2^(level+3) a side) with x in xs and y in [y0, y1]. */
  const cellsOf = (code: number, level: number, xs: number[], y0: number, y1: number): Cell[] =>
    prepare(
      `SELECT x, y, n, sum_lon, sum_lat FROM point_cells
       WHERE code = ? AND z = ? AND x IN (SELECT value FROM json_each(?)) AND y BETWEEN ? AND ? AND n > 0`,
    ).all(code, level, JSON.stringify(xs), y0, y1) as Cell[];

  /** The one point of a cell holding a single point. */
  const pointOfCell = (code: number, level: number, cell: Cell, names: string[]): PointRow | undefined => {
    const side = CELLS_PER_TILE_SIDE * 2 ** level;
    const shift = CLUSTER_MAX_ZOOM - level;
    const [west, south, east, north] = gridCellBounds(cell.x, cell.y, side);
    const pad = 1e-9;
    return pointRows(
      code,
      [west - pad, south - pad, east + pad, north + pad],
      names,
      " AND f.geometry_type = 'Point' AND f.cell_x >> ? = ? AND f.cell_y >> ? = ?",
      [shift, cell.x, shift, cell.y],
      1,
    )[0];
  };

  const pointFeature = (row: PointRow, tile: TileAddress, fields: Fields): TileFeature => {
    const [id, lon, lat, valuesJson] = row;
    const values = JSON.parse(valuesJson) as unknown[];
    const properties: Record<string, unknown> = {};
    Object.keys(fields).forEach((name, i) => {
      properties[name] = values[i];
    });
    return { type: 1, id, geometry: [toTilePixel(lon, lat, tile)], tags: tileTags(properties, fields) };
  };

  /**
   * The cells of zoom `level` under the tile counting only the points that match `where`, with
   * the smallest matching id of each: one GROUP BY over the tile's R*Tree candidates, or, for a
   * tile holding a large share of the collection (`wide`), over the collection's rows, where
   * SQLite can go through the index of a property filter (queryable-indexes.ts) and read only
   * the matches (100,000 points, a district filter, zooms 5–10: 160–390 ms by the R*Tree, 20–50 ms so).
   */
  const matchingCells = (code: number, level: number, tile: TileAddress, where: SqlPart, wide: boolean) => {
    const perTile = CELLS_PER_TILE_SIDE * 2 ** (level - tile.z);
    const shift = CLUSTER_MAX_ZOOM - level;
    const x0 = tile.x * perTile;
    const y0 = tile.y * perTile;
    const box = tileBounds(tile);
    const exact = exactBoxSql(box);
    const candidates: { from: string; where: SqlPart } = wide
      ? {
          from: 'features f',
          where: { sql: `f.fid BETWEEN ? AND ?${exact.sql}`, params: [...fidRange(code), ...exact.params] },
        }
      : { from: 'features_rtree r CROSS JOIN features f ON f.fid = r.fid', where: rtreeSql(code, box) };
    return prepare(
      `SELECT f.cell_x >> ? AS x, f.cell_y >> ? AS y, count(*) AS n, sum(f.min_lon) AS sum_lon,
         sum(f.min_lat) AS sum_lat, min(f.id) AS id
       FROM ${candidates.from}
       WHERE ${candidates.where.sql} AND f.cell_x >> ? BETWEEN ? AND ? AND f.cell_y >> ? BETWEEN ? AND ?${where.sql}
       GROUP BY 1, 2`,
    ).all(
      shift,
      shift,
      ...candidates.where.params,
      shift,
      x0,
      x0 + perTile - 1,
      shift,
      y0,
      y0 + perTile - 1,
      ...where.params,
    ) as (Cell & { id: number })[];
  };

  /** Points by id as PointRows (the single points of filtered cells). */
  const pointsById = (code: number, ids: number[], names: string[]): Map<number, PointRow> => {
    if (ids.length === 0) return new Map();
    const paths = [...names.map(jsonPath), '$.id'];
    const rows = prepare(
      `SELECT f.id, f.min_lon, f.min_lat, json_extract(f.geojson, ${paths.map(() => '?').join(', ')})
       FROM features f WHERE f.fid IN (SELECT ? + value FROM json_each(?))`,
    )
      .raw()
      .all(...paths, fidOf(code, 0), JSON.stringify(ids)) as PointRow[];
    return new Map(rows.map((row) => [row[0], row]));
  };

  const clusterFeature = (cell: Cell, tile: TileAddress): TileFeature => ({
    type: 1,
    geometry: [toTilePixel(cell.sum_lon / cell.n, cell.sum_lat / cell.n, tile)],
    tags: clusterTags(cell.n),
  });

  /**
   * Clusters (and single points) from the cells of zoom `level` that lie in the tile: the
   * precomputed cells, or, with a filter, the cells of the matching points (read over the
   * collection's rows when the tile holds more than 1/WIDE_SHARE of its `total` points).
   */
  const clusterTile = (
    code: number,
    tile: TileAddress,
    level: number,
    fields: Fields,
    where: SqlPart,
    total: number,
  ) => {
    const names = Object.keys(fields);
    const perTile = CELLS_PER_TILE_SIDE * 2 ** (level - tile.z); // cells of `level` per tile side
    const x0 = tile.x * perTile;
    const y0 = tile.y * perTile;
    const cells = cellsOf(code, level, span(x0, x0 + perTile - 1), y0, y0 + perTile - 1);
    if (where !== NONE) {
      const inTile = cells.reduce((sum, c) => sum + c.n, 0);
      const matching = matchingCells(code, level, tile, where, inTile * WIDE_SHARE > total);
      const singles = pointsById(
        code,
        matching.filter((c) => c.n === 1).map((c) => c.id),
        names,
      );
      return matching.map((cell) => {
        const single = cell.n === 1 ? singles.get(cell.id) : undefined;
        return single ? pointFeature(single, tile, fields) : clusterFeature(cell, tile);
      });
    }
    return cells.map((cell) => {
      const single = cell.n === 1 ? pointOfCell(code, level, cell, names) : undefined;
      return single ? pointFeature(single, tile, fields) : clusterFeature(cell, tile);
    });
  };

  /**
   * Every point of a tile deeper than the cluster zooms, or its zoom-14 clusters when too many
   * (known from the zoom-14 cells; with a filter, from reading at most MAX_POINTS_PER_TILE + 1
   * matching rows).
   */
  const pointTile = (code: number, tile: TileAddress, fields: Fields, where: SqlPart, total: number) => {
    const names = Object.keys(fields);
    const perTile = CELLS_PER_TILE_SIDE * 2 ** (CLUSTER_MAX_ZOOM - tile.z); // ≥ 1 for z ≤ 16
    const x0 = Math.floor(tile.x * perTile);
    const y0 = Math.floor(tile.y * perTile);
    const side = Math.max(1, perTile);
    const cells = cellsOf(code, CLUSTER_MAX_ZOOM, span(x0, x0 + side - 1), y0, y0 + side - 1);
    const upperBound = cells.reduce((sum, c) => sum + c.n, 0);
    if (upperBound === 0) return [];
    let rows: PointRow[] | undefined;
    if (where !== NONE) {
      rows = pointRows(code, tileBounds(tile), names, where.sql, where.params, MAX_POINTS_PER_TILE + 1);
      if (rows.length > MAX_POINTS_PER_TILE) rows = undefined;
    } else if (upperBound <= MAX_POINTS_PER_TILE) {
      rows = pointRows(code, tileBounds(tile), names);
    }
    if (!rows) return clusterTile(code, tile, CLUSTER_MAX_ZOOM, fields, where, total);
    return rows.map((row) => pointFeature(row, tile, fields));
  };

  /** Polygons, lines and points of a collection holding non-points, cut and simplified by geojson-vt. */
  const shapeTile = (code: number, tile: TileAddress, fields: Fields, where: SqlPart) => {
    const [west, south, east, north] = tileBounds(tile);
    const padX = ((east - west) * BUFFER) / TILE_EXTENT;
    const padY = ((north - south) * BUFFER) / TILE_EXTENT;
    const texts = shapeTexts(code, [west - padX, south - padY, east + padX, north + padY], where);
    const data: FeatureCollection = {
      type: 'FeatureCollection',
      features: texts.map((t) => {
        const f = JSON.parse(t) as Feature;
        return { ...f, properties: tileTags(f.properties ?? {}, fields) };
      }),
    };
    const cut = geoJSONToTile(data, tile.z, tile.x, tile.y, {
      extent: TILE_EXTENT,
      buffer: BUFFER,
      clip: true,
      maxZoom: MAX_TILE_ZOOM,
    });
    return cut.features;
  };

  return {
    /**
     * MVT bytes of a tile (zoom, column, row already checked) with the features that match
     * `where`, or undefined when no such feature is in it.
     */
    vectorTile(collection: string, tile: TileAddress, where?: TileFilter): Uint8Array | undefined {
      const code = codes.find(collection);
      const def = catalog.collection(collection);
      if (code === undefined || def === undefined) return undefined;
      const info = prepare(
        'SELECT features, non_points, min_lon, min_lat, max_lon, max_lat FROM collection_stats WHERE code = ?',
      ).get(code) as CollectionTileInfo | undefined;
      if (!info || info.features === 0 || info.min_lon === null) return undefined;
      const extent: Bbox = [info.min_lon, info.min_lat, info.max_lon, info.max_lat];
      if (!boxesMeet(extent, tileBounds(tile))) return undefined;
      const fields = tileFields(def);
      const conditions = narrowsTile(where) ? conditionsSql(code, where) : NONE;
      const features =
        info.non_points > 0
          ? shapeTile(code, tile, fields, conditions)
          : tile.z <= CLUSTER_MAX_ZOOM
            ? clusterTile(code, tile, tile.z, fields, conditions, info.features)
            : pointTile(code, tile, fields, conditions, info.features);
      return encodeTile(collection, features);
    },
  };
}

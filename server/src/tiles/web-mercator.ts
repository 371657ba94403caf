import type { Bbox } from '../store/feature-store';

/**
 * The WebMercatorQuad tile grid (OGC 2D TileMatrixSet, EPSG:3857): tile matrix z has 2^z × 2^z
 * tiles, column x from the antimeridian eastwards, row y from the north (85.0511°N) southwards.
 */
export const TILE_MATRIX_SET = 'WebMercatorQuad';
export const TILE_MATRIX_SET_URI = 'http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad';
export const WEB_MERCATOR_CRS = 'http://www.opengis.net/def/crs/EPSG/0/3857';
export const MAX_LATITUDE = 85.0511287798066;

/** Tile matrices served: 0..16 (a map zooming further over-zooms the z16 tiles). */
export const MIN_TILE_ZOOM = 0;
export const MAX_TILE_ZOOM = 16;

/** MVT coordinate extent of one tile. */
export const TILE_EXTENT = 4096;

/**
 * Point clustering grid: at tile zoom z ≤ CLUSTER_MAX_ZOOM the points of a collection are
 * grouped by cells of a 2^(z+3) grid (8 × 8 cells per tile, 64 px of a 512 px tile); deeper
 * tiles carry every point.
 */
export const CLUSTER_MAX_ZOOM = 14; // = the finest cell level of SQLite migration 3
export const CELLS_PER_TILE_SIDE = 8;

/** One tile: matrix (zoom) z, column x, row y. */
export interface TileAddress {
  z: number;
  x: number;
  y: number;
}

/** Longitude of the west edge of column `x` of a 2^z grid (any fractional x). */
function lonOf(x: number, n: number): number {
  return (x / n) * 360 - 180;
}

/** Latitude of the north edge of row `y` of an n × n grid (any fractional y). */
function latOf(y: number, n: number): number {
  return (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / n))) * 180) / Math.PI;
}

/** [west, south, east, north] in CRS84 of cell (x, y) of an n × n grid (a tile when n = 2^z). */
export function gridCellBounds(x: number, y: number, n: number): Bbox {
  return [lonOf(x, n), latOf(y + 1, n), lonOf(x + 1, n), latOf(y, n)];
}

export function tileBounds(tile: TileAddress): Bbox {
  return gridCellBounds(tile.x, tile.y, 2 ** tile.z);
}

/** A lon/lat position in the tile's MVT coordinates (0..TILE_EXTENT inside the tile). */
export function toTilePixel(lon: number, lat: number, tile: TileAddress): [number, number] {
  const n = 2 ** tile.z;
  const clamped = Math.max(-MAX_LATITUDE, Math.min(MAX_LATITUDE, lat));
  const sin = Math.sin((clamped * Math.PI) / 180);
  const worldX = (lon + 180) / 360;
  const worldY = 0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI);
  return [Math.round((worldX * n - tile.x) * TILE_EXTENT), Math.round((worldY * n - tile.y) * TILE_EXTENT)];
}

/** Whether two CRS84 boxes share any point. */
export function boxesMeet(a: Bbox, b: Bbox): boolean {
  return a[0] <= b[2] && a[2] >= b[0] && a[1] <= b[3] && a[3] >= b[1];
}

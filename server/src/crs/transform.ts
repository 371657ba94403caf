import type { Geometry, Position } from 'geojson';
import proj4 from 'proj4';
import { CrsError } from './errors';
import { CRS84, type SupportedCrs } from './registry';

/** [minX, minY, maxX, maxY] in CRS84 lon/lat. */
export type Crs84Box = [number, number, number, number];

const converters = new Map<string, proj4.Converter>();

/** proj4 between CRS84 and `crs`, built once per CRS. */
function converter(crs: SupportedCrs): proj4.Converter {
  let c = converters.get(crs.uri);
  if (!c) {
    c = proj4(CRS84.proj4, crs.proj4);
    converters.set(crs.uri, c);
  }
  return c;
}

function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

function finite(xy: number[], what: string, parameter: string): [number, number] {
  const [x, y] = xy;
  if (x === undefined || y === undefined || !Number.isFinite(x) || !Number.isFinite(y)) {
    throw new CrsError(`The ${what} cannot be transformed (outside the range of the CRS)`, parameter);
  }
  return [x, y];
}

/**
 * One position given in `crs` (in its axis order: lat/lon for EPSG:4326 and EPSG:4756) → CRS84
 * [lon, lat]. A third value (height) is dropped. Throws CrsError when the result is not finite.
 */
export function positionToCrs84(position: Position, crs: SupportedCrs, parameter = 'crs'): [number, number] {
  const [a, b] = finite(position, 'position', parameter);
  const xy = crs.axisOrder === 'lat-lon' ? [b, a] : [a, b];
  if (crs.proj4 === CRS84.proj4) return xy as [number, number];
  return finite(converter(crs).inverse(xy), 'position', parameter);
}

/**
 * One CRS84 [lon, lat] → `crs`, in its axis order, rounded to `crs.decimals` (CRS84 itself and
 * EPSG:4326 keep every digit: only the axis order changes).
 */
export function positionFromCrs84(
  position: Position,
  crs: SupportedCrs,
  parameter = 'crs',
): [number, number] {
  const lonLat = finite(position, 'position', parameter);
  const xy =
    crs.proj4 === CRS84.proj4
      ? lonLat
      : finite(converter(crs).forward(lonLat), 'position', parameter).map((v) => round(v, crs.decimals));
  return crs.axisOrder === 'lat-lon' ? [xy[1]!, xy[0]!] : [xy[0]!, xy[1]!];
}

/** Every position of a geometry mapped by `fn` (a new geometry; the input is not changed). */
export function mapPositions(geometry: Geometry, fn: (p: Position) => Position): Geometry {
  switch (geometry.type) {
    case 'Point':
      return { type: 'Point', coordinates: fn(geometry.coordinates) };
    case 'MultiPoint':
    case 'LineString':
      return { type: geometry.type, coordinates: geometry.coordinates.map(fn) };
    case 'MultiLineString':
    case 'Polygon':
      return { type: geometry.type, coordinates: geometry.coordinates.map((l) => l.map(fn)) };
    case 'MultiPolygon':
      return { type: 'MultiPolygon', coordinates: geometry.coordinates.map((p) => p.map((l) => l.map(fn))) };
    case 'GeometryCollection':
      return { type: 'GeometryCollection', geometries: geometry.geometries.map((g) => mapPositions(g, fn)) };
  }
}

/** A geometry in `crs` (its axis order) → CRS84. */
export function geometryToCrs84(geometry: Geometry, crs: SupportedCrs, parameter = 'crs'): Geometry {
  return crs === CRS84 ? geometry : mapPositions(geometry, (p) => positionToCrs84(p, crs, parameter));
}

/** A CRS84 geometry → `crs` (its axis order, rounded as positionFromCrs84). CRS84 returns the input. */
export function geometryFromCrs84(geometry: Geometry, crs: SupportedCrs, parameter = 'crs'): Geometry {
  return crs === CRS84 ? geometry : mapPositions(geometry, (p) => positionFromCrs84(p, crs, parameter));
}

/** Points along the edges of a box (so a projected box's curved edges are covered), corners included. */
function edgePoints(minX: number, minY: number, maxX: number, maxY: number, steps = 16): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i <= steps; i++) {
    const t = i / steps;
    const x = minX + (maxX - minX) * t;
    const y = minY + (maxY - minY) * t;
    out.push([x, minY], [x, maxY], [minX, y], [maxX, y]);
  }
  return out;
}

function envelope(points: [number, number][]): [number, number, number, number] {
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

/** 4 or 6 numbers (lower corner, upper corner; heights dropped) → the two corners in `crs` axis order. */
function corners(bbox: readonly number[], parameter: string): [number, number, number, number] {
  if (bbox.length !== 4 && bbox.length !== 6) throw new CrsError('A bbox has 4 or 6 numbers', parameter);
  const [a, b, c, d] = bbox.length === 4 ? bbox : [bbox[0]!, bbox[1]!, bbox[3]!, bbox[4]!];
  return [a!, b!, c!, d!];
}

/**
 * A bbox given in `crs` (`bbox-crs`, or BBOX in a `filter-crs`: its axis order, 4 or 6 numbers)
 * → the CRS84 box that covers it (edges densified, so a projected box is fully covered). In CRS84
 * and EPSG:4326 the values are only reordered, so a box across the antimeridian (minLon > maxLon)
 * stays as it is for the caller to split.
 */
export function bboxToCrs84(bbox: readonly number[], crs: SupportedCrs, parameter = 'bbox-crs'): Crs84Box {
  const [a, b, c, d] = corners(bbox, parameter);
  if (crs.proj4 === CRS84.proj4) {
    return crs.axisOrder === 'lat-lon' ? [b, a, d, c] : [a, b, c, d];
  }
  const [minX, minY, maxX, maxY] = crs.axisOrder === 'lat-lon' ? [b, a, d, c] : [a, b, c, d];
  const inputOrder = (p: [number, number]): Position => (crs.axisOrder === 'lat-lon' ? [p[1], p[0]] : p);
  return envelope(
    edgePoints(minX, minY, maxX, maxY).map((p) => positionToCrs84(inputOrder(p), crs, parameter)),
  );
}

/** Web Mercator's latitude limit: beyond it EPSG:3857 has no finite northing. */
const MERCATOR_MAX_LAT = 85.05112878;

/**
 * A CRS84 box → the box in `crs` that covers it, in its axis order (densified edges; rounded as
 * positions). For EPSG:3857 latitudes are first clamped to ±85.05112878°.
 */
export function bboxFromCrs84(box: Crs84Box, crs: SupportedCrs): [number, number, number, number] {
  if (crs.proj4 === CRS84.proj4) {
    const [w, s, e, n] = box;
    return crs.axisOrder === 'lat-lon' ? [s, w, n, e] : [w, s, e, n];
  }
  const clampLat = (lat: number) =>
    crs.epsg === 3857 ? Math.max(-MERCATOR_MAX_LAT, Math.min(MERCATOR_MAX_LAT, lat)) : lat;
  const points = edgePoints(box[0], clampLat(box[1]), box[2], clampLat(box[3])).map((p) => {
    const xy = finite(converter(crs).forward(p), 'bbox', 'bbox-crs');
    return xy.map((v) => round(v, crs.decimals)) as [number, number];
  });
  const [minX, minY, maxX, maxY] = envelope(points);
  return crs.axisOrder === 'lat-lon' ? [minY, minX, maxY, maxX] : [minX, minY, maxX, maxY];
}

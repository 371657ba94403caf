import { bbox as turfBbox } from '@turf/turf';
import type { Geometry, Position } from 'geojson';
import { CRS84, type SupportedCrs } from '../crs/registry';
import { bboxToCrs84, geometryToCrs84 } from '../crs/transform';
import type { Box, SpatialLiteral } from './ast';
import { Cql2Error } from './errors';
import type { Cql2Limits } from './limits';

type Raw = Record<string, unknown>;

const GEOMETRY_TYPES = ['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon'];

function isRecord(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Counts and checks positions while copying them (height dropped). */
class PositionReader {
  count = 0;
  constructor(private readonly limits: Cql2Limits) {}

  position(raw: unknown): Position {
    if (!Array.isArray(raw) || (raw.length !== 2 && raw.length !== 3) || !raw.every(Number.isFinite)) {
      throw new Cql2Error('syntax', 'A position in a spatial literal must be 2 or 3 numbers');
    }
    if (++this.count > this.limits.maxPositions) {
      throw new Cql2Error(
        'limit',
        `A spatial literal may have at most ${this.limits.maxPositions} positions`,
      );
    }
    return [raw[0] as number, raw[1] as number];
  }

  list(raw: unknown, min: number, what: string): Position[] {
    if (!Array.isArray(raw) || raw.length < min) {
      throw new Cql2Error('syntax', `A ${what} needs at least ${min} positions`);
    }
    return raw.map((p) => this.position(p));
  }

  ring(raw: unknown): Position[] {
    const ring = this.list(raw, 4, 'polygon ring');
    const [first, last] = [ring[0]!, ring[ring.length - 1]!];
    if (first[0] !== last[0] || first[1] !== last[1]) {
      throw new Cql2Error('syntax', 'A polygon ring must end at its first position');
    }
    return ring;
  }

  nested<T>(raw: unknown, what: string, each: (item: unknown) => T): T[] {
    if (!Array.isArray(raw) || raw.length === 0) throw new Cql2Error('syntax', `A ${what} must not be empty`);
    return raw.map(each);
  }
}

/** A GeoJSON geometry object (cql2-json, or WKT from the text grammar), checked and copied. */
function readGeometry(raw: Raw, reader: PositionReader): Geometry {
  const c = raw.coordinates;
  switch (raw.type) {
    case 'Point':
      return { type: 'Point', coordinates: reader.position(c) };
    case 'MultiPoint':
      return { type: 'MultiPoint', coordinates: reader.list(c, 1, 'multipoint') };
    case 'LineString':
      return { type: 'LineString', coordinates: reader.list(c, 2, 'linestring') };
    case 'MultiLineString':
      return {
        type: 'MultiLineString',
        coordinates: reader.nested(c, 'multilinestring', (l) => reader.list(l, 2, 'linestring')),
      };
    case 'Polygon':
      return { type: 'Polygon', coordinates: reader.nested(c, 'polygon', (r) => reader.ring(r)) };
    default:
      return {
        type: 'MultiPolygon',
        coordinates: reader.nested(c, 'multipolygon', (p) =>
          reader.nested(p, 'polygon', (r) => reader.ring(r)),
        ),
      };
  }
}

function checkLonLat(box: Box): void {
  const [w, s, e, n] = box;
  if ([w, e].some((x) => x < -180 || x > 180) || [s, n].some((y) => y < -90 || y > 90)) {
    throw new Cql2Error(
      'type',
      'A spatial literal is outside longitudes −180..180 and latitudes −90..90 (CRS84 lon/lat; use filter-crs for other CRSs)',
    );
  }
}

/** BBOX(w, s, e, n) or with heights (6 numbers), in `crs` → CRS84 boxes (two across the antimeridian). */
function readBbox(raw: unknown, crs: SupportedCrs): SpatialLiteral {
  if (!Array.isArray(raw) || (raw.length !== 4 && raw.length !== 6) || !raw.every(Number.isFinite)) {
    throw new Cql2Error('syntax', 'BBOX takes 4 or 6 numbers');
  }
  const [w, s, e, n] = bboxToCrs84(raw as number[], crs, 'filter-crs');
  if (s > n) throw new Cql2Error('type', 'BBOX: the south bound is above the north bound');
  checkLonLat([Math.min(w, e), s, Math.max(w, e), n]);
  const boxes: Box[] =
    w <= e
      ? [[w, s, e, n]]
      : [
          [w, s, 180, n],
          [-180, s, e, n],
        ];
  return { kind: 'boxes', boxes };
}

/**
 * A spatial literal of S_INTERSECTS (cql2-json: GeoJSON geometry or {bbox}) in `crs` (the
 * filter-crs; CRS84 by default) → CRS84. POINT becomes a zero-size box (exact for points, and what
 * both stores index). GEOMETRYCOLLECTION is refused as unsupported.
 */
export function readSpatialLiteral(
  raw: unknown,
  crs: SupportedCrs = CRS84,
  limits: Cql2Limits,
): SpatialLiteral {
  if (!isRecord(raw))
    throw new Cql2Error('type', 'S_INTERSECTS needs the geometry property and a spatial literal');
  // A GeoJSON geometry may carry a `bbox` member of its own; only an object without `type` is a BBOX.
  if (raw.type === undefined && 'bbox' in raw) return readBbox(raw.bbox, crs);
  if (raw.type === 'GeometryCollection') {
    throw new Cql2Error(
      'unsupported',
      'GEOMETRYCOLLECTION literals are not supported; use MULTI* geometries',
    );
  }
  if (typeof raw.type !== 'string' || !GEOMETRY_TYPES.includes(raw.type)) {
    throw new Cql2Error('type', 'S_INTERSECTS needs the geometry property and a spatial literal');
  }
  const geometry = geometryToCrs84(readGeometry(raw, new PositionReader(limits)), crs, 'filter-crs');
  const bbox = turfBbox(geometry) as Box;
  checkLonLat(bbox);
  if (geometry.type === 'Point') {
    const [x, y] = geometry.coordinates as [number, number];
    return { kind: 'boxes', boxes: [[x, y, x, y]] };
  }
  return { kind: 'geometry', geometry, bbox };
}

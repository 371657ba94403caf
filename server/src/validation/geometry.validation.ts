import { rewind } from '@turf/turf';
import type { Geometry } from 'geojson';
import type { AreaFeature } from '../../../geodata/rules/districts';
import { type GeometryProblemCode, geometryProblems } from '../../../geodata/rules/geometry';
import type { FieldErrorCode } from '../contract/vocabulary';
import { isJsonObject } from '../writes/json-equal';
import type { FieldError } from './field-error';

/**
 * Geometry of a written feature, in two steps:
 * 1. prepareGeometry (linear, always on the request's thread): present, of an allowed type,
 *    well-formed GeoJSON with finite lon/lat positions (CRS84, lon −180…180, lat −90…90, optional
 *    altitude), at most `maxVertices` positions (DEFAULT_MAX_VERTICES, documented in
 *    server/README.md), counted in one pass that stops past the limit;
 * 2. checkPreparedGeometry (the costly part, off the main thread for large geometries: see
 *    editing/geometry-checker.ts): the rules of geodata/rules/geometry.ts (the rules of the
 *    shipped data): closed rings of ≥ 4 positions, no self-intersection (bounded search, stops at
 *    the first crossing), every point / exterior vertex inside the province (its boundary counts
 *    as inside).
 * Polygon winding is normalised to RFC 7946 (exterior counter-clockwise) rather than refused,
 * since drawing tools do not all follow it.
 */

/** Most positions of one feature's geometry (all rings and parts together). */
export const DEFAULT_MAX_VERTICES = 5000;

export type GeometryCheck = { valid: true; geometry: Geometry } | { valid: false; errors: FieldError[] };

/** Nesting depth of `coordinates` per geometry type: 0 = one position. */
const DEPTH: Record<string, number> = {
  Point: 0,
  MultiPoint: 1,
  LineString: 1,
  MultiLineString: 2,
  Polygon: 2,
  MultiPolygon: 3,
};

/** Fewest members at each level below the top (e.g. a LineString needs 2 positions). */
const MIN_MEMBERS: Record<string, number> = {
  MultiPoint: 1,
  LineString: 2,
  MultiLineString: 1,
  Polygon: 1,
  MultiPolygon: 1,
};

function fail(
  code: FieldErrorCode,
  message: string,
  params?: FieldError['params'],
): { valid: false; errors: FieldError[] } {
  return { valid: false, errors: [{ field: 'geometry', message, code, ...(params ? { params } : {}) }] };
}

function positionProblem(p: unknown): string | undefined {
  if (!Array.isArray(p) || p.length < 2 || p.length > 3)
    return 'a position must be [lon, lat] or [lon, lat, altitude]';
  if (!p.every((n) => typeof n === 'number' && Number.isFinite(n)))
    return 'positions must hold finite numbers';
  const [lon, lat] = p as number[];
  if ((lon ?? 0) < -180 || (lon ?? 0) > 180 || (lat ?? 0) < -90 || (lat ?? 0) > 90) {
    return `position [${p.join(', ')}] is not a lon/lat in range (lon −180…180, lat −90…90)`;
  }
  return undefined;
}

/**
 * Walks `coordinates` to the expected depth; returns the first problem and the position count
 * (stops once the count passes `max`).
 */
function walk(
  value: unknown,
  depth: number,
  minMembers: number,
  max: number,
): { problem?: { code: FieldErrorCode; message: string }; count: number } {
  if (depth === 0) {
    const problem = positionProblem(value);
    return problem ? { problem: { code: 'InvalidCoordinate', message: problem }, count: 1 } : { count: 1 };
  }
  if (!Array.isArray(value) || value.length < minMembers) {
    return {
      problem: {
        code: 'InvalidGeometry',
        message: 'coordinates are not nested as the geometry type requires',
      },
      count: 0,
    };
  }
  let count = 0;
  for (const member of value) {
    // Below the top level every list needs at least one member (ring lengths are checked later).
    const inner = walk(member, depth - 1, 1, max - count);
    count += inner.count;
    if (inner.problem || count > max) return { problem: inner.problem, count };
  }
  return { count };
}

const FIELD_CODES: Record<Exclude<GeometryProblemCode, 'winding'>, FieldErrorCode> = {
  geometry_missing: 'GeometryRequired',
  ring_invalid: 'InvalidRing',
  self_intersection: 'SelfIntersection',
  outside_province: 'OutsideProvince',
};

/** The shared geometry rules on one geometry; winding problems are ignored (we rewind). */
function sharedRuleProblems(geometry: Geometry, province: AreaFeature): FieldError[] {
  return geometryProblems(geometry, province).flatMap((p) =>
    p.code === 'winding' ? [] : [{ field: 'geometry', message: p.message, code: FIELD_CODES[p.code] }],
  );
}

/** The first step's result: a clean copy of the geometry and its position count, or the problems. */
export type PreparedGeometry =
  | { valid: true; geometry: Geometry; vertices: number }
  | { valid: false; errors: FieldError[] };

/** Step 1 (linear in the input): shape and size. Throws TypeError when `geometryTypes` is empty. */
export function prepareGeometry(
  geometry: unknown,
  geometryTypes: readonly string[],
  maxVertices: number = DEFAULT_MAX_VERTICES,
): PreparedGeometry {
  if (geometryTypes.length === 0) throw new TypeError('geometryTypes must not be empty');
  if (geometry === null || geometry === undefined) return fail('GeometryRequired', 'a geometry is required');
  if (!isJsonObject(geometry) || typeof geometry.type !== 'string') {
    return fail('InvalidGeometry', 'must be a GeoJSON geometry object with a type');
  }
  const type = geometry.type;
  if (!geometryTypes.includes(type)) {
    return fail(
      'GeometryTypeNotAllowed',
      `${type.slice(0, 40)} is not allowed here; use ${geometryTypes.join(' or ')}`,
      { allowed: geometryTypes.join(', ') },
    );
  }
  const depth = DEPTH[type];
  if (depth === undefined) return fail('InvalidGeometry', `${type} geometries are not supported`);
  const { problem, count } = walk(geometry.coordinates, depth, MIN_MEMBERS[type] ?? 1, maxVertices);
  if (problem) return fail(problem.code, problem.message);
  if (count > maxVertices) {
    return fail(
      'TooManyVertices',
      `has more than ${maxVertices} positions; at most ${maxVertices} are allowed`,
      {
        limit: maxVertices,
      },
    );
  }
  const clean = { type, coordinates: structuredClone(geometry.coordinates) } as Geometry;
  return { valid: true, geometry: clean, vertices: count };
}

/**
 * Step 2 on a prepared geometry: the shared rules; on success the geometry with polygon rings
 * rewound to RFC 7946 (altitude kept). Throws TypeError when `province` is not a
 * Polygon/MultiPolygon feature.
 */
export function checkPreparedGeometry(geometry: Geometry, province: AreaFeature): GeometryCheck {
  const provinceType = province?.geometry?.type;
  if (provinceType !== 'Polygon' && provinceType !== 'MultiPolygon') {
    throw new TypeError('province must be a Polygon or MultiPolygon feature');
  }
  const errors = sharedRuleProblems(geometry, province);
  if (errors.length > 0) return { valid: false, errors };
  const polygonal = geometry.type === 'Polygon' || geometry.type === 'MultiPolygon';
  return { valid: true, geometry: polygonal ? (rewind(geometry, { mutate: true }) as Geometry) : geometry };
}

/**
 * Both steps at once (small geometries, tests). On success returns a copy with polygon rings
 * rewound to RFC 7946. Throws TypeError when `province` is not a Polygon/MultiPolygon feature or
 * `geometryTypes` is empty.
 */
export function validateGeometry(
  geometry: unknown,
  geometryTypes: readonly string[],
  province: AreaFeature,
  maxVertices: number = DEFAULT_MAX_VERTICES,
): GeometryCheck {
  const provinceType = province?.geometry?.type;
  if (provinceType !== 'Polygon' && provinceType !== 'MultiPolygon') {
    throw new TypeError('province must be a Polygon or MultiPolygon feature');
  }
  const prepared = prepareGeometry(geometry, geometryTypes, maxVertices);
  return prepared.valid ? checkPreparedGeometry(prepared.geometry, province) : prepared;
}

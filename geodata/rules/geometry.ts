import { booleanClockwise, booleanPointInPolygon } from '@turf/turf';
import type { Geometry, Position } from 'geojson';
import type { AreaFeature } from './districts';
import { firstSelfIntersection } from './self-intersection';

/** Constant codes of a geometry problem (the checks report them, the server maps them to field codes). */
export type GeometryProblemCode =
  | 'geometry_missing'
  | 'ring_invalid'
  | 'winding'
  | 'self_intersection'
  | 'outside_province';

export interface GeometryProblem {
  code: GeometryProblemCode;
  /** Readable English, without the feature's name (the caller adds it). */
  message: string;
}

function ringProblems(ring: Position[], exterior: boolean): GeometryProblem[] {
  const out: GeometryProblem[] = [];
  const first = ring[0];
  const last = ring[ring.length - 1];
  if (ring.length < 4) out.push({ code: 'ring_invalid', message: 'ring has fewer than 4 positions' });
  if (!first || !last || first[0] !== last[0] || first[1] !== last[1]) {
    out.push({ code: 'ring_invalid', message: 'ring is not closed' });
  } else if (ring.length >= 4) {
    const clockwise = booleanClockwise(ring);
    if (exterior && clockwise) {
      out.push({ code: 'winding', message: 'exterior ring is clockwise (RFC 7946 wants counter-clockwise)' });
    }
    if (!exterior && !clockwise) {
      out.push({ code: 'winding', message: 'hole is counter-clockwise (RFC 7946 wants clockwise)' });
    }
  }
  return out;
}

function polygonsOf(g: Geometry): Position[][][] {
  if (g.type === 'Polygon') return [g.coordinates];
  if (g.type === 'MultiPolygon') return g.coordinates;
  return [];
}

function positionsOf(g: Geometry): Position[] {
  if (g.type === 'Point') return [g.coordinates];
  if (g.type === 'MultiPoint') return g.coordinates;
  return polygonsOf(g).flatMap((p) => p[0] ?? []);
}

/**
 * The geometry rules of the shipped data and of every edit: rings closed with ≥ 4 positions,
 * RFC 7946 winding (exterior counter-clockwise, holes clockwise), no self-intersection (turf
 * kinks' rule, found by a bounded search that stops at the first crossing: self-intersection.ts),
 * and every point / exterior vertex inside the province (its boundary counts as inside).
 * Expects well-formed GeoJSON coordinates (the server checks nesting and ranges first).
 */
export function geometryProblems(
  geometry: Geometry | null | undefined,
  province: AreaFeature,
): GeometryProblem[] {
  if (!geometry) return [{ code: 'geometry_missing', message: 'has no geometry' }];
  const problems: GeometryProblem[] = [];
  for (const polygon of polygonsOf(geometry)) {
    polygon.forEach((ring, i) => {
      problems.push(...ringProblems(ring, i === 0));
    });
    const at = polygon.every((r) => r.length >= 4) ? firstSelfIntersection(polygon) : undefined;
    if (at) {
      const where = at.map((n) => Number(n.toFixed(6))).join(', ');
      problems.push({
        code: 'self_intersection',
        message: `polygon intersects itself (first at [${where}])`,
      });
    }
  }
  const outside = positionsOf(geometry).filter((p) => !booleanPointInPolygon(p, province));
  if (outside.length > 0) {
    const p = outside[0] ?? [];
    problems.push({
      code: 'outside_province',
      message: `${outside.length} position(s) outside the province, e.g. [${p.join(', ')}]`,
    });
  }
  return problems;
}

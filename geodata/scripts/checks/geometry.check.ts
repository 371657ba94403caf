import { booleanClockwise, booleanPointInPolygon, kinks } from '@turf/turf';
import type { Feature, Polygon, Position } from 'geojson';
import { type AreaFeature, label, type Problem } from './problem';

function ringProblems(ring: Position[], exterior: boolean): string[] {
  const out: string[] = [];
  const first = ring[0];
  const last = ring[ring.length - 1];
  if (ring.length < 4) out.push('ring has fewer than 4 positions');
  if (!first || !last || first[0] !== last[0] || first[1] !== last[1]) out.push('ring is not closed');
  else if (ring.length >= 4) {
    const clockwise = booleanClockwise(ring);
    if (exterior && clockwise) out.push('exterior ring is clockwise (RFC 7946 wants counter-clockwise)');
    if (!exterior && !clockwise) out.push('hole is counter-clockwise (RFC 7946 wants clockwise)');
  }
  return out;
}

function polygonsOf(f: Feature): Position[][][] {
  const g = f.geometry;
  if (g?.type === 'Polygon') return [g.coordinates];
  if (g?.type === 'MultiPolygon') return g.coordinates;
  return [];
}

function pointsOf(f: Feature): Position[] {
  const g = f.geometry;
  if (g?.type === 'Point') return [g.coordinates];
  if (g?.type === 'MultiPoint') return g.coordinates;
  return polygonsOf(f).flatMap((p) => p[0] ?? []);
}

/**
 * Checks geometries: rings closed with ≥ 4 positions, RFC 7946 winding, no self-intersection
 * (turf kinks), and every point / exterior vertex inside the province (boundary counts as inside).
 */
export function checkGeometries(collection: string, features: Feature[], province: AreaFeature): Problem[] {
  const problems: Problem[] = [];
  for (const f of features) {
    const featureId = typeof f.id === 'number' || typeof f.id === 'string' ? f.id : undefined;
    const add = (check: string, message: string) =>
      problems.push({ check, collection, featureId, message: `${label(f)}: ${message}` });
    if (!f.geometry) {
      add('geometry_missing', 'has no geometry');
      continue;
    }
    for (const polygon of polygonsOf(f)) {
      polygon.forEach((ring, i) => {
        for (const m of ringProblems(ring, i === 0))
          add(m.includes('closed') || m.includes('fewer') ? 'ring_invalid' : 'winding', m);
      });
      if (polygon.every((r) => r.length >= 4)) {
        const poly: Feature<Polygon> = {
          type: 'Feature',
          properties: {},
          geometry: { type: 'Polygon', coordinates: polygon },
        };
        const k = kinks(poly).features.length;
        if (k > 0) add('self_intersection', `polygon intersects itself at ${k} point(s)`);
      }
    }
    const outside = pointsOf(f).filter((p) => !booleanPointInPolygon(p, province));
    if (outside.length > 0) {
      const p = outside[0] ?? [];
      add('outside_province', `${outside.length} position(s) outside the province, e.g. [${p.join(', ')}]`);
    }
  }
  return problems;
}

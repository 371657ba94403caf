import { area, rewind } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { feature, merge } from 'topojson-client';
import { topology } from 'topojson-server';
import { presimplify, simplify } from 'topojson-simplify';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { roundGeometry } from './format';

export type AreaGeometry = Polygon | MultiPolygon;

/** Planar weight (square degrees) below which presimplified points are dropped. */
export const SIMPLIFY_MIN_WEIGHT = 1.5e-7;

export interface SimplifiedBoundaries {
  /** District geometries keyed by GSO code, CCW exteriors, coordinates rounded to 5 decimals. */
  districts: Map<string, AreaGeometry>;
  /** The province outline: the topological merge of the districts. */
  province: AreaGeometry;
}

function toAreaGeometry(g: unknown): AreaGeometry {
  const geom = g as { type?: string };
  if (geom.type !== 'Polygon' && geom.type !== 'MultiPolygon') {
    throw new Error(`expected a polygon, got ${String(geom.type)}`);
  }
  return g as AreaGeometry;
}

/** Rounds an arc's points to 5 decimals and drops consecutive duplicates. */
function roundArc(arc: number[][]): number[][] {
  const out: number[][] = [];
  for (const [x = 0, y = 0] of arc) {
    const p = [Math.round(x * 1e5) / 1e5, Math.round(y * 1e5) / 1e5];
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  return out;
}

/** Applies RFC 7946 winding (exterior counter-clockwise) after rounding. */
function finish(g: AreaGeometry): AreaGeometry {
  const f: Feature<AreaGeometry> = { type: 'Feature', properties: {}, geometry: roundGeometry(g) };
  const wound = rewind(f, { reverse: false }) as Feature<AreaGeometry>;
  return wound.geometry;
}

/**
 * Simplifies the district polygons topologically (shared borders stay shared) and merges
 * them into the province outline. Input features need a string `code` property.
 * Rounding happens on the topology's arcs, so neighbours keep identical vertices.
 */
export function simplifyBoundaries(
  source: FeatureCollection<AreaGeometry, { code: string }>,
  minWeight = SIMPLIFY_MIN_WEIGHT,
): SimplifiedBoundaries {
  const topo = topology({ districts: source }) as unknown as Topology<{
    districts: GeometryCollection<{ code: string }>;
  }>;
  const simplified = simplify(presimplify(topo), minWeight);
  simplified.arcs = simplified.arcs.map(roundArc);
  const collection = simplified.objects.districts;
  const districts = new Map<string, AreaGeometry>();
  for (const geom of collection.geometries) {
    const code = (geom.properties as { code?: string } | undefined)?.code;
    if (!code) throw new Error('district without code');
    const f = feature(simplified, geom) as Feature;
    districts.set(code, finish(toAreaGeometry(f.geometry)));
  }
  const province = finish(toAreaGeometry(merge(simplified, collection.geometries as never)));
  return { districts, province };
}

/** Area in km² with 1 decimal, computed on the sphere by turf. */
export function areaKm2(g: AreaGeometry): number {
  return Math.round(area(g) / 1e5) / 10;
}

import { booleanPointInPolygon, centroid, pointOnFeature } from '@turf/turf';
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon, Position } from 'geojson';

export type AreaFeature = Feature<Polygon | MultiPolygon>;

/** A district polygon with its GSO code (e.g. "086") and name. */
export interface DistrictArea {
  code: string;
  name: string;
  feature: AreaFeature;
}

function text(f: Feature, key: string): string | undefined {
  const v = f.properties?.[key];
  return typeof v === 'string' ? v : undefined;
}

/** District features (with `code` and `name`) as DistrictArea values; features that are not areas are skipped. */
export function toDistrictAreas(features: FeatureCollection | readonly Feature[]): DistrictArea[] {
  const list = 'features' in features ? features.features : features;
  const out: DistrictArea[] = [];
  for (const f of list) {
    const t = f.geometry?.type;
    if (t !== 'Polygon' && t !== 'MultiPolygon') continue;
    out.push({ code: text(f, 'code') ?? '?', name: text(f, 'name') ?? '?', feature: f as AreaFeature });
  }
  return out;
}

/**
 * The position that stands for a geometry when placing it in a district (lon, lat): a point is
 * where it is; an area is its centroid when that lies inside it, else a point on its surface (a
 * crescent's centroid may fall outside it); a line, a point on it. Throws for an empty or
 * unsupported geometry.
 */
export function representativePosition(geometry: Geometry): Position {
  if (geometry.type === 'Point') return geometry.coordinates;
  if (geometry.type === 'MultiPoint' && geometry.coordinates[0]) return geometry.coordinates[0];
  if (geometry.type === 'Polygon' || geometry.type === 'MultiPolygon') {
    const c = centroid(geometry).geometry.coordinates;
    return booleanPointInPolygon(c, geometry) ? c : pointOnFeature(geometry).geometry.coordinates;
  }
  if (geometry.type === 'LineString' || geometry.type === 'MultiLineString') {
    return pointOnFeature(geometry).geometry.coordinates;
  }
  throw new TypeError(`cannot place a ${geometry.type} in a district`);
}

/**
 * Where a geometry is, district-wise, against the district it claims (its `district_code`):
 * - `inClaimed`: the claimed district contains its representative position (a position on a
 *   shared border belongs to either district, so a claimed one that contains it is accepted);
 * - `inOther`: it lies in `actual`, not in the claimed one (`claimed` is the claimed district
 *   when the code names one, else undefined);
 * - `inNone`: it lies in no district (e.g. a gap in simplified borders, or outside the province).
 * The data checks and the server's write validation both decide with this one rule.
 */
export type DistrictPlacement =
  | { kind: 'inClaimed'; at: Position; district: DistrictArea }
  | { kind: 'inOther'; at: Position; actual: DistrictArea; claimed: DistrictArea | undefined }
  | { kind: 'inNone'; at: Position; claimed: DistrictArea | undefined };

export function placeInDistricts(
  geometry: Geometry,
  claimedCode: unknown,
  districts: readonly DistrictArea[],
): DistrictPlacement {
  const at = representativePosition(geometry);
  const claimed = districts.find((d) => d.code === claimedCode);
  if (claimed && booleanPointInPolygon(at, claimed.feature))
    return { kind: 'inClaimed', at, district: claimed };
  const actual = districts.find((d) => booleanPointInPolygon(at, d.feature));
  return actual ? { kind: 'inOther', at, actual, claimed } : { kind: 'inNone', at, claimed };
}

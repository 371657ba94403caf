import { booleanPointInPolygon, centroid, pointOnFeature } from '@turf/turf';
import type { Geometry, Position } from 'geojson';
import type { DistrictArea } from '../../../geodata/scripts/checks/index';
import type { FieldError } from './field-error';

/**
 * Where is a geometry, district-wise? A point is where it is; an area is represented by its
 * centroid when that lies inside it, else by a point on its surface (a crescent's centroid may
 * fall outside it). The rule matches geodata/scripts/checks/district-membership.check.ts: a
 * position on a shared border belongs to either district, so a claimed district that contains it
 * is accepted.
 */

/** The position that stands for the geometry (lon, lat). Throws for an empty or unsupported geometry. */
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

export type DistrictCheck =
  | {
      valid: true;
      districtCode: string /** true when the code was set or replaced from the location */;
      filled: boolean;
    }
  | { valid: false; error: FieldError };

/**
 * The district of a feature, from its location. A claimed `district_code` that contains the
 * representative position is kept (a position on a shared border belongs to either district).
 * Otherwise the location decides: a missing, empty, unknown or different claim is replaced by the
 * district the position lies in (`filled: true`), so staff never get a rejection for a code the
 * map can work out; the client compares what it sent with what was stored and says so. The one
 * error is NoDistrict (on `geometry`: the position lies in no district, e.g. a gap in simplified
 * borders), with `params.at` = "lon, lat".
 */
export function checkDistrict(
  claimed: unknown,
  geometry: Geometry,
  districts: readonly DistrictArea[],
): DistrictCheck {
  const at = representativePosition(geometry);
  const claimedArea = districts.find((d) => d.code === claimed);
  if (claimedArea && booleanPointInPolygon(at, claimedArea.feature))
    return { valid: true, districtCode: claimedArea.code, filled: false };
  const actual = districts.find((d) => booleanPointInPolygon(at, d.feature));
  if (!actual) {
    const where = at.map((n) => Number(n.toFixed(5))).join(', ');
    return {
      valid: false,
      error: {
        field: 'geometry',
        message: `lies in no district (at [${where}])`,
        code: 'NoDistrict',
        params: { at: where },
      },
    };
  }
  return { valid: true, districtCode: actual.code, filled: true };
}

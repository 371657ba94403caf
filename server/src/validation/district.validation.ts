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

function describe(d: DistrictArea): string {
  return `${d.code} (${d.name})`;
}

export type DistrictCheck = { valid: true; districtCode: string } | { valid: false; error: FieldError };

/**
 * Checks the claimed `district_code` against the geometry. `claimed` undefined, null or '' means
 * "not given": the district found is returned so the caller can set it. Errors: NoDistrict (on
 * `geometry`: in no district, e.g. a gap in simplified borders) and DistrictMismatch (on
 * `properties.district_code`, naming both districts).
 */
export function checkDistrict(
  claimed: unknown,
  geometry: Geometry,
  districts: readonly DistrictArea[],
): DistrictCheck {
  const at = representativePosition(geometry);
  const claimedArea = districts.find((d) => d.code === claimed);
  if (claimedArea && booleanPointInPolygon(at, claimedArea.feature))
    return { valid: true, districtCode: claimedArea.code };
  const actual = districts.find((d) => booleanPointInPolygon(at, d.feature));
  const where = `[${at.map((n) => Number(n.toFixed(5))).join(', ')}]`;
  if (!actual) {
    return {
      valid: false,
      error: { field: 'geometry', message: `lies in no district (at ${where})`, code: 'NoDistrict' },
    };
  }
  if (claimed === undefined || claimed === null || claimed === '')
    return { valid: true, districtCode: actual.code };
  const claimedText = claimedArea
    ? describe(claimedArea)
    : `${String(claimed).slice(0, 20)} (unknown district)`;
  return {
    valid: false,
    error: {
      field: 'properties.district_code',
      message: `is ${claimedText} but the location ${where} is in ${describe(actual)}`,
      code: 'DistrictMismatch',
    },
  };
}

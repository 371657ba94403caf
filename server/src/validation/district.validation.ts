import type { Geometry } from 'geojson';
import { type DistrictArea, placeInDistricts } from '../../../geodata/rules/districts';
import type { FieldError } from './field-error';

function describe(d: DistrictArea): string {
  return `${d.code} (${d.name})`;
}

export type DistrictCheck = { valid: true; districtCode: string } | { valid: false; error: FieldError };

/**
 * Checks the claimed `district_code` against the geometry, by the rule the data checks apply
 * (geodata/rules/districts.ts: an area counts where its representative position is; a position on
 * a shared border belongs to either district). `claimed` undefined, null or '' means "not given":
 * the district found is returned so the caller can set it. Errors: NoDistrict (on `geometry`: in
 * no district, e.g. a gap in simplified borders) and DistrictMismatch (on
 * `properties.district_code`, naming both districts).
 */
export function checkDistrict(
  claimed: unknown,
  geometry: Geometry,
  districts: readonly DistrictArea[],
): DistrictCheck {
  const placed = placeInDistricts(geometry, claimed, districts);
  if (placed.kind === 'inClaimed') return { valid: true, districtCode: placed.district.code };
  const where = `[${placed.at.map((n) => Number(n.toFixed(5))).join(', ')}]`;
  if (placed.kind === 'inNone') {
    return {
      valid: false,
      error: { field: 'geometry', message: `lies in no district (at ${where})`, code: 'NoDistrict' },
    };
  }
  if (claimed === undefined || claimed === null || claimed === '')
    return { valid: true, districtCode: placed.actual.code };
  const claimedText = placed.claimed
    ? describe(placed.claimed)
    : `${String(claimed).slice(0, 20)} (unknown district)`;
  return {
    valid: false,
    error: {
      field: 'properties.district_code',
      message: `is ${claimedText} but the location ${where} is in ${describe(placed.actual)}`,
      code: 'DistrictMismatch',
    },
  };
}

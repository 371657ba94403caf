import type { Geometry } from 'geojson';
import { type DistrictArea, placeInDistricts } from '../../../geodata/rules/districts';
import type { FieldError } from './field-error';

export type DistrictCheck =
  | {
      valid: true;
      districtCode: string;
      /** true when the code was set or replaced from the location */
      filled: boolean;
    }
  | { valid: false; error: FieldError };

/**
 * The district of a feature, from its location, by the rule the data checks apply
 * (geodata/rules/districts.ts: an area counts where its representative position is; a position on
 * a shared border belongs to either district, so a claimed district that contains it is kept).
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
  const placed = placeInDistricts(geometry, claimed, districts);
  if (placed.kind === 'inClaimed') return { valid: true, districtCode: placed.district.code, filled: false };
  if (placed.kind === 'inNone') {
    const where = placed.at.map((n) => Number(n.toFixed(5))).join(', ');
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
  return { valid: true, districtCode: placed.actual.code, filled: true };
}

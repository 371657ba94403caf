import { booleanPointInPolygon } from '@turf/turf';
import type { Feature } from 'geojson';
import { type DistrictArea, label, type Problem, stringProp } from './problem';

function describe(d: DistrictArea | undefined, code: string): string {
  return d ? `${d.name} (${d.code})` : `unknown district ${code}`;
}

/**
 * Checks that every Point lies inside the district its `district_code` names. The message names
 * the feature, the district it claims and the district it actually falls in (or "no district").
 */
export function checkPointsInDistricts(
  collection: string,
  features: Feature[],
  districts: DistrictArea[],
): Problem[] {
  const problems: Problem[] = [];
  for (const f of features) {
    if (f.geometry?.type !== 'Point') continue;
    const featureId = typeof f.id === 'number' || typeof f.id === 'string' ? f.id : undefined;
    const claimed = stringProp(f, 'district_code') ?? '';
    const point = f.geometry.coordinates;
    const claimedArea = districts.find((d) => d.code === claimed);
    if (claimedArea && booleanPointInPolygon(point, claimedArea.feature)) continue;
    const actual = districts.find((d) => booleanPointInPolygon(point, d.feature));
    problems.push({
      check: 'point_in_wrong_district',
      collection,
      featureId,
      message: `${label(f)} claims ${describe(claimedArea, claimed)} but falls in ${actual ? describe(actual, actual.code) : 'no district'} at [${point.join(', ')}]`,
    });
  }
  return problems;
}

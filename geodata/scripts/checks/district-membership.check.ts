import type { Feature } from 'geojson';
import { type DistrictArea, placeInDistricts } from '../../rules/districts';
import { featureIdOf, label, type Problem, stringProp } from './problem';

function describe(d: DistrictArea | undefined, code: string): string {
  return d ? `${d.name} (${d.code})` : `unknown district ${code}`;
}

/**
 * Checks that every feature lies in the district its `district_code` names, by the rule the
 * server applies to edits (geodata/rules/districts.ts: an area counts where its representative
 * position is). The message names the feature, the district it claims and the district it falls
 * in (or "no district").
 */
export function checkFeaturesInDistricts(
  collection: string,
  features: Feature[],
  districts: DistrictArea[],
): Problem[] {
  const problems: Problem[] = [];
  for (const f of features) {
    if (!f.geometry) continue;
    const claimedCode = stringProp(f, 'district_code') ?? '';
    const placed = placeInDistricts(f.geometry, claimedCode, districts);
    if (placed.kind === 'inClaimed') continue;
    const where = placed.kind === 'inOther' ? describe(placed.actual, placed.actual.code) : 'no district';
    problems.push({
      check: 'point_in_wrong_district',
      collection,
      featureId: featureIdOf(f),
      message: `${label(f)} claims ${describe(placed.claimed, claimedCode)} but falls in ${where} at [${placed.at.map((n) => Number(n.toFixed(5))).join(', ')}]`,
    });
  }
  return problems;
}

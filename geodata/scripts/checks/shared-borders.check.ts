import { area, bbox, featureCollection, intersect, difference as turfDifference, union } from '@turf/turf';
import type { MultiPolygon, Polygon } from 'geojson';
import type { AreaFeature, DistrictArea } from '../../rules/districts';
import type { Problem } from './problem';

/** Largest tolerated overlap between two districts, and largest gap/excess versus the province (km²). */
export const MAX_SLIVER_KM2 = 0.01;

function boxesTouch(a: AreaFeature, b: AreaFeature): boolean {
  const [ax0 = 0, ay0 = 0, ax1 = 0, ay1 = 0] = bbox(a);
  const [bx0 = 0, by0 = 0, bx1 = 0, by1 = 0] = bbox(b);
  return ax0 <= bx1 && bx0 <= ax1 && ay0 <= by1 && by0 <= ay1;
}

const km2 = (f: AreaFeature | null): number => (f ? area(f) / 1e6 : 0);

/**
 * Checks that district borders are shared exactly: no pairwise overlap above `tolerance` km²,
 * and the union of the districts equals the province (no gap, no excess above `tolerance`).
 */
export function checkSharedBorders(
  districts: DistrictArea[],
  province: AreaFeature,
  tolerance = MAX_SLIVER_KM2,
): Problem[] {
  const problems: Problem[] = [];
  for (let i = 0; i < districts.length; i += 1) {
    for (let j = i + 1; j < districts.length; j += 1) {
      const a = districts[i];
      const b = districts[j];
      if (!a || !b || !boxesTouch(a.feature, b.feature)) continue;
      const overlap = km2(intersect(featureCollection<Polygon | MultiPolygon>([a.feature, b.feature])));
      if (overlap > tolerance) {
        problems.push({
          check: 'district_overlap',
          collection: 'districts',
          featureId: a.code,
          message: `${a.name} (${a.code}) and ${b.name} (${b.code}) overlap by ${overlap.toFixed(4)} km²`,
        });
      }
    }
  }
  const merged = union(featureCollection<Polygon | MultiPolygon>(districts.map((d) => d.feature)));
  const gap = km2(merged ? difference(province, merged) : province);
  const excess = merged ? km2(difference(merged, province)) : 0;
  if (gap > tolerance) {
    problems.push({
      check: 'district_gap',
      collection: 'districts',
      message: `the districts leave ${gap.toFixed(4)} km² of the province uncovered (gaps/slivers)`,
    });
  }
  if (excess > tolerance) {
    problems.push({
      check: 'district_outside_province',
      collection: 'districts',
      message: `the districts cover ${excess.toFixed(4)} km² outside the province outline`,
    });
  }
  return problems;
}

function difference(a: AreaFeature, b: AreaFeature): AreaFeature | null {
  return turfDifference(featureCollection<Polygon | MultiPolygon>([a, b]));
}

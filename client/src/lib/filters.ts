import type { ApiFeature } from '../../../server/src/contract/api';
import type { Filters } from './urlState';

/**
 * The features of a collection that pass the filters. District applies to every collection that
 * has `district_code`; craft only to craft villages; status only to industrial clusters.
 * Districts and the province outline are never filtered (they are the frame of the map).
 */
export function applyFilters(
  collection: string,
  features: readonly ApiFeature[],
  filters: Filters,
): ApiFeature[] {
  if (collection === 'districts' || collection === 'province') return [...features];
  return features.filter((f) => {
    const p = f.properties ?? {};
    if (filters.district && p.district_code !== filters.district) return false;
    if (filters.craft && collection === 'craft-villages' && p.craft !== filters.craft) return false;
    if (filters.status && collection === 'industrial-clusters' && p.status !== filters.status) return false;
    return true;
  });
}

/** A filter value of a shared link that names nothing the data knows (e.g. district=999). */
export interface UnknownFilter {
  key: keyof Filters;
  value: string;
}

/**
 * Splits the filters into those that name known values (applied) and those that do not
 * (reported to the user, never applied: an unknown code would silently hide everything).
 */
export function checkFilters(
  filters: Filters,
  known: Record<keyof Filters, ReadonlySet<string>>,
): { applied: Filters; unknown: UnknownFilter[] } {
  const applied: Filters = {};
  const unknown: UnknownFilter[] = [];
  for (const key of ['district', 'craft', 'status'] as const) {
    const value = filters[key];
    if (value === undefined) continue;
    if (known[key].has(value)) applied[key] = value;
    else unknown.push({ key, value });
  }
  return { applied, unknown };
}

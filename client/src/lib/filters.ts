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

import { useMemo } from 'react';
import type { Catalog } from '../catalog/catalog';
import { checkFilters } from '../lib/filters';
import type { Filters } from '../lib/urlState';
import type { FeaturesByCollection } from './derive';
import { areaOf, knownFilterValues } from './filterModel';

/**
 * The filters as the map applies them: those of the state that name known values (`applied`),
 * those that do not (`unknown`: reported over the map, never applied), and the area an applied
 * area filter chose (e.g. a district: outlined, and the camera goes there).
 */
export function useFilterState(catalog: Catalog, features: FeaturesByCollection, filters: Filters) {
  const known = useMemo(() => knownFilterValues(catalog, features), [catalog, features]);
  const checked = useMemo(() => checkFilters(filters, known), [filters, known]);
  const chosenArea = useMemo(() => {
    for (const def of catalog.filters) {
      const hit = areaOf(features, def, checked.applied[def.key]);
      if (hit) return hit;
    }
    return undefined;
  }, [catalog, features, checked.applied]);
  const highlight = useMemo(
    () =>
      chosenArea && {
        collection: chosenArea.collection,
        property: chosenArea.property,
        value: String(chosenArea.feature.properties?.[chosenArea.property] ?? ''),
      },
    [chosenArea],
  );
  return { applied: checked.applied, unknown: checked.unknown, chosenArea, highlight };
}

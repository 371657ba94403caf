import type { ApiFeature } from '../../../server/src/contract/api';
import { enumTitle, enumValues } from '../api/schema';
import type { Catalog, FilterDef } from '../catalog/catalog';
import { presentValues } from '../catalog/presentation';
import type { FilterChoice } from '../features/filters/FiltersPanel';
import type { Lang } from '../lib/format';
import { type FeaturesByCollection, featuresOf, labelOf } from './derive';

/** The area of an area filter's value, if one of its areas has it. */
export function areaOf(
  features: FeaturesByCollection,
  def: FilterDef | undefined,
  value: string | undefined,
): { collection: string; property: string; feature: ApiFeature } | undefined {
  const area = def?.area;
  if (!area || value === undefined) return undefined;
  const feature = featuresOf(features, area.collection).find(
    (f) => String(f.properties?.[area.property] ?? '') === value,
  );
  return feature ? { ...area, feature } : undefined;
}

/**
 * The values each filter knows: an area filter its areas' codes; another filter its property's
 * schema enum in every collection it narrows, and any value present in their features. A link's
 * value outside these is reported, never applied.
 */
export function knownFilterValues(
  catalog: Catalog,
  features: FeaturesByCollection,
): Record<string, ReadonlySet<string>> {
  const out: Record<string, ReadonlySet<string>> = {};
  for (const def of catalog.filters) {
    const area = def.area;
    if (area) {
      out[def.key] = new Set(
        featuresOf(features, area.collection).map((f) => String(f.properties?.[area.property] ?? '')),
      );
      continue;
    }
    const values = new Set<string>();
    for (const t of def.targets) {
      const c = catalog.get(t.collection);
      if (!c) continue;
      for (const v of enumValues(c.schema, t.property)) values.add(v);
      for (const v of presentValues(c, t.property, featuresOf(features, t.collection))) values.add(v);
    }
    out[def.key] = values;
  }
  return out;
}

/**
 * Every filter with its choices: an area filter's areas by name (alphabetically); another
 * filter's values present in the features it narrows, in schema enum order, by their enum titles.
 */
export function filterChoices(catalog: Catalog, features: FeaturesByCollection, lang: Lang): FilterChoice[] {
  return catalog.filters.map((def) => {
    const title = def.title[lang];
    const area = def.area;
    const areas = area ? catalog.get(area.collection) : undefined;
    if (area && areas) {
      const options = featuresOf(features, area.collection)
        .map((f) => ({ value: String(f.properties?.[area.property] ?? ''), label: labelOf(areas, f, lang) }))
        .sort((a, b) => a.label.localeCompare(b.label, lang));
      return { key: def.key, title, options };
    }
    const seen = new Map<string, string>();
    for (const t of def.targets) {
      const c = catalog.get(t.collection);
      if (!c) continue;
      for (const value of presentValues(c, t.property, featuresOf(features, t.collection))) {
        if (!seen.has(value)) seen.set(value, enumTitle(c.schema, t.property, value, lang));
      }
    }
    return { key: def.key, title, options: [...seen].map(([value, label]) => ({ value, label })) };
  });
}

/** The area of the choropleth whose join property is `code` (e.g. a district by its code). */
export function choroplethArea(
  catalog: Catalog,
  features: FeaturesByCollection,
  code: string,
): { collection: string; feature: ApiFeature } | undefined {
  const c = catalog.choropleth;
  const join = c?.display.choropleth?.joinProperty;
  if (!c || !join) return undefined;
  const feature = featuresOf(features, c.id).find((f) => String(f.properties?.[join] ?? '') === code);
  return feature ? { collection: c.id, feature } : undefined;
}

import type { BBox, FeatureCollection } from 'geojson';
import type { ApiFeature } from '../../../server/src/contract/api';
import { type Catalog, type CatalogCollection, hasPoints, isShown } from '../catalog/catalog';
import type { ListItem } from '../features/feature-list/FeatureList';
import { featureLabel, refKey } from '../lib/featureLabel';
import { applyFilters, type Condition } from '../lib/filters';
import type { Lang } from '../lib/format';
import { bboxesIntersect, geometryBbox } from '../lib/geometry';
import type { SearchEntry } from '../lib/search';
import { pointOf, type SpreadInput, spreadSlots } from '../lib/spread';
import type { Filters } from '../lib/urlState';

/** Features by collection id (a collection the API had none for is absent or empty). */
export type FeaturesByCollection = Readonly<Record<string, readonly ApiFeature[]>>;

/** A collection's features (none when absent). */
export function featuresOf(features: FeaturesByCollection, collection: string): readonly ApiFeature[] {
  return features[collection] ?? [];
}

/** A feature's name by its collection's label property, in the language. */
export function labelOf(c: CatalogCollection, f: ApiFeature, lang: Lang): string {
  return featureLabel(f, lang, c.label);
}

/** The active filters that narrow one collection, as conditions on its own properties. */
export function conditionsFor(catalog: Catalog, collection: string, filters: Filters): Condition[] {
  return catalog.filters.flatMap((def) => {
    const value = filters[def.key];
    if (value === undefined) return [];
    return def.targets
      .filter((t) => t.collection === collection)
      .map((t) => ({ property: t.property, value }));
  });
}

export function filterAll(
  catalog: Catalog,
  features: FeaturesByCollection,
  filters: Filters,
): FeaturesByCollection {
  const out: Record<string, readonly ApiFeature[]> = {};
  for (const c of catalog.collections) {
    const conditions = conditionsFor(catalog, c.id, filters);
    const list = featuresOf(features, c.id);
    out[c.id] = conditions.length === 0 ? list : applyFilters(list, conditions);
  }
  return out;
}

export function toCollection(features: readonly ApiFeature[]): FeatureCollection {
  return { type: 'FeatureCollection', features: features as ApiFeature[] };
}

export interface IndexedFeature {
  collection: CatalogCollection;
  feature: ApiFeature;
}

export function indexFeatures(catalog: Catalog, features: FeaturesByCollection): Map<string, IndexedFeature> {
  const index = new Map<string, IndexedFeature>();
  for (const collection of catalog.collections) {
    for (const feature of featuresOf(features, collection.id))
      index.set(refKey(collection.id, feature.id), { collection, feature });
  }
  return index;
}

/** Search entries for every feature, with the texts the catalog names as searchable. */
export function searchEntriesFor(
  catalog: Catalog,
  features: FeaturesByCollection,
  lang: Lang,
): SearchEntry[] {
  const entries: SearchEntry[] = [];
  for (const c of catalog.collections) {
    const kind = c.itemTitle[lang];
    for (const f of featuresOf(features, c.id)) {
      const texts = c.search.map((k) => f.properties?.[k]).filter((v): v is string => typeof v === 'string');
      const label = labelOf(c, f, lang);
      entries.push({ collection: c.id, id: f.id, label, kind, texts, rank: c.display.searchRank });
    }
  }
  return entries;
}

/** Features of the visible listed layers whose bbox meets the view bounds, sorted by label. */
export function featuresInView(
  catalog: Catalog,
  features: FeaturesByCollection,
  visible: ReadonlySet<string>,
  bounds: BBox | undefined,
  lang: Lang,
): ListItem[] {
  if (!bounds) return [];
  const out: ListItem[] = [];
  for (const c of catalog.collections) {
    if (!c.display.listed || !isShown(c, visible)) continue;
    for (const f of featuresOf(features, c.id)) {
      const b = geometryBbox(f.geometry);
      if (b && bboxesIntersect(b, bounds))
        out.push({ collection: c.id, id: f.id, label: labelOf(c, f, lang), kind: c.itemTitle[lang] });
    }
  }
  return out.sort((a, b) => a.label.localeCompare(b.label, lang));
}

/** Two lists of features in view as one, sorted by label. */
export function mergeLists(a: readonly ListItem[], b: readonly ListItem[], lang: Lang): ListItem[] {
  return [...a, ...b].sort((x, y) => x.label.localeCompare(y.label, lang));
}

/**
 * The point features for the map, with a `_slot` property on those that share their place with
 * others of any visible layer that spreads (`spread` hint; lib/spread), so each keeps its own
 * symbol and label; the lower label priority takes the first slot. Features not spread are
 * passed through unchanged (same objects).
 */
export function withSpreadSlots(
  catalog: Catalog,
  features: FeaturesByCollection,
  visible: ReadonlySet<string>,
): FeaturesByCollection {
  const shown = catalog.collections.filter((c) => c.display.spread && hasPoints(c) && isShown(c, visible));
  const points: SpreadInput[] = [];
  for (const c of shown) {
    for (const f of featuresOf(features, c.id)) {
      const at = pointOf(f);
      const rank = c.display.label?.priority ?? 101;
      if (at) points.push({ key: refKey(c.id, f.id), rank, id: f.id, lon: at[0], lat: at[1] });
    }
  }
  const slots = spreadSlots(points);
  if (slots.size === 0) return features;
  const out: Record<string, readonly ApiFeature[]> = { ...features };
  for (const c of shown) {
    out[c.id] = featuresOf(features, c.id).map((f) => {
      const slot = slots.get(refKey(c.id, f.id));
      return slot ? { ...f, properties: { ...f.properties, _slot: slot } } : f;
    });
  }
  return out;
}

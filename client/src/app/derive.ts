import type { BBox, FeatureCollection } from 'geojson';
import catalog from '../../../geodata/schema/collections.json';
import type { ApiFeature } from '../../../server/src/contract/api';
import { enumTitle, enumValues, type PropertySchema } from '../api/schema';
import type { CategoryEntry } from '../features/layers/Legend';
import { featureLabel, refKey } from '../lib/featureLabel';
import { applyFilters } from '../lib/filters';
import type { Lang } from '../lib/format';
import { bboxesIntersect, geometryBbox } from '../lib/geometry';
import { categoricalColors } from '../lib/palette';
import type { SearchEntry } from '../lib/search';
import type { Filters, LayerId } from '../lib/urlState';
import { COLLECTION_IDS, type CollectionId } from './useAppData';

export type FeaturesByCollection = Record<CollectionId, ApiFeature[]>;

/** Which collection each toggleable point/area layer shows. */
export const LAYER_COLLECTION: Partial<Record<LayerId, CollectionId>> = {
  clusters: 'industrial-clusters',
  villages: 'craft-villages',
  facilities: 'facilities',
  landmarks: 'landmarks',
};

/** Collections staff may edit (catalog `editable: true`); the server still decides per user. */
export const EDITABLE_COLLECTIONS: ReadonlySet<string> = new Set(
  catalog.collections.filter((c) => c.editable).map((c) => c.id),
);

/** Cluster status colours (Okabe–Ito: orange, sky blue, bluish green), fixed by meaning. */
const STATUS_COLORS: Record<string, string> = {
  planned: '#E69F00',
  approved: '#56B4E9',
  operating: '#009E73',
};

export function filterAll(features: FeaturesByCollection, filters: Filters): FeaturesByCollection {
  const out = {} as FeaturesByCollection;
  for (const id of COLLECTION_IDS) out[id] = applyFilters(id, features[id], filters);
  return out;
}

export function toCollection(features: readonly ApiFeature[]): FeatureCollection {
  return { type: 'FeatureCollection', features: features as ApiFeature[] };
}

export interface IndexedFeature {
  collection: CollectionId;
  feature: ApiFeature;
}

export function indexFeatures(features: FeaturesByCollection): Map<string, IndexedFeature> {
  const index = new Map<string, IndexedFeature>();
  for (const collection of COLLECTION_IDS) {
    for (const feature of features[collection])
      index.set(refKey(collection, feature.id), { collection, feature });
  }
  return index;
}

/** Search entries for every feature, with the texts the catalog names as searchable. */
export function searchEntriesFor(features: FeaturesByCollection, lang: Lang): SearchEntry[] {
  const entries: SearchEntry[] = [];
  for (const c of catalog.collections) {
    const id = c.id as CollectionId;
    for (const f of features[id] ?? []) {
      const texts = c.search.map((k) => f.properties?.[k]).filter((v): v is string => typeof v === 'string');
      entries.push({ collection: id, id: f.id, label: featureLabel(f, lang), texts });
    }
  }
  return entries;
}

/** Features of the visible layers whose bbox meets the view bounds, sorted by label. */
export function featuresInView(
  features: FeaturesByCollection,
  visible: ReadonlySet<LayerId>,
  bounds: BBox | undefined,
  lang: Lang,
): { collection: CollectionId; id: number; label: string }[] {
  if (!bounds) return [];
  const out: { collection: CollectionId; id: number; label: string }[] = [];
  for (const [layer, collection] of Object.entries(LAYER_COLLECTION) as [LayerId, CollectionId][]) {
    if (!visible.has(layer)) continue;
    for (const f of features[collection]) {
      const b = geometryBbox(f.geometry);
      if (b && bboxesIntersect(b, bounds)) out.push({ collection, id: f.id, label: featureLabel(f, lang) });
    }
  }
  return out.sort((a, b) => a.label.localeCompare(b.label, lang));
}

/** Colours and legend entries for an enum property, limited to values present in the data. */
export function categoryEntries(
  schema: PropertySchema | undefined,
  property: string,
  features: readonly ApiFeature[],
  lang: Lang,
  fixed?: Record<string, string>,
): { colors: Record<string, string>; entries: CategoryEntry[] } {
  const present = new Set(features.map((f) => String(f.properties?.[property] ?? '')));
  const order = enumValues(schema, property);
  const values = [
    ...order.filter((v) => present.has(v)),
    ...[...present].filter((v) => v && !order.includes(v)),
  ];
  // Colours go to the values present (in schema order), so a long enum does not exhaust the palette.
  const colors = fixed ?? categoricalColors(values);
  const entries = values.map((value) => ({
    value,
    label: enumTitle(schema, property, value, lang),
    color: colors[value] ?? '#777777',
  }));
  return { colors, entries };
}

export function statusCategories(
  schema: PropertySchema | undefined,
  features: readonly ApiFeature[],
  lang: Lang,
) {
  return categoryEntries(schema, 'status', features, lang, STATUS_COLORS);
}

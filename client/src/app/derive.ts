import type { BBox, FeatureCollection } from 'geojson';
import catalog from '../../../geodata/schema/collections.json';
import type { ApiFeature } from '../../../server/src/contract/api';
import { enumTitle, enumValues, type PropertySchema } from '../api/schema';
import type { CategoryEntry } from '../features/layers/Legend';
import { featureLabel, refKey } from '../lib/featureLabel';
import { applyFilters } from '../lib/filters';
import type { Lang } from '../lib/format';
import { bboxesIntersect, geometryBbox } from '../lib/geometry';
import type { SearchEntry } from '../lib/search';
import { pointOf, type SpreadInput, spreadSlots } from '../lib/spread';
import type { Filters, LayerId } from '../lib/urlState';
import {
  CLUSTER_STATUS_COLORS,
  CRAFT_PALETTE,
  POINT_COLLECTIONS,
  POINT_PRESENTATION,
  searchRank,
} from '../map/layers/presentation';
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
      entries.push({ collection: id, id: f.id, label: featureLabel(f, lang), texts, rank: searchRank(id) });
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
  const colors =
    fixed ?? Object.fromEntries(values.map((v, i) => [v, CRAFT_PALETTE[i % CRAFT_PALETTE.length]!]));
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
  return categoryEntries(schema, 'status', features, lang, { ...CLUSTER_STATUS_COLORS });
}

/**
 * The point collections' features for the map, with a `_slot` property on those that share their
 * place with others of any visible layer (lib/spread), so each keeps its own symbol and label.
 * Features not spread are passed through unchanged (same objects).
 */
export function withSpreadSlots(
  features: FeaturesByCollection,
  visible: ReadonlySet<LayerId>,
): FeaturesByCollection {
  const shown = POINT_COLLECTIONS.filter((c) =>
    Object.entries(LAYER_COLLECTION).some(([layer, id]) => id === c && visible.has(layer as LayerId)),
  );
  const points: SpreadInput[] = [];
  for (const c of shown) {
    for (const f of features[c]) {
      const at = pointOf(f);
      if (at)
        points.push({
          key: refKey(c, f.id),
          rank: POINT_PRESENTATION[c].labelRank,
          id: f.id,
          lon: at[0],
          lat: at[1],
        });
    }
  }
  const slots = spreadSlots(points);
  if (slots.size === 0) return features;
  const out = { ...features };
  for (const c of shown) {
    out[c] = features[c].map((f) => {
      const slot = slots.get(refKey(c, f.id));
      return slot ? { ...f, properties: { ...f.properties, _slot: slot } } : f;
    });
  }
  return out;
}

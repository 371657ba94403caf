import type { ExpressionSpecification } from 'maplibre-gl';
import type { Catalog } from '../catalog/catalog';
import type { LegendModel } from '../features/layers/LayersPanel';
import type { Filters } from '../lib/urlState';
import type { TiledLayer } from '../map/style';
import { conditionsFor, type FeaturesByCollection } from './derive';

/** The features of every collection but the tiled ones (those are drawn, listed and searched from the server). */
export function withoutTiled(
  features: FeaturesByCollection,
  tiled: ReadonlySet<string>,
): FeaturesByCollection {
  if (tiled.size === 0) return features;
  const out: Record<string, FeaturesByCollection[string]> = {};
  for (const [id, list] of Object.entries(features)) if (!tiled.has(id)) out[id] = list;
  return out;
}

/** The active filters on one collection as server parameters (property → value). */
export function serverFilters(
  catalog: Catalog,
  collection: string,
  filters: Filters,
): Record<string, string> {
  return Object.fromEntries(conditionsFor(catalog, collection, filters).map((c) => [c.property, c.value]));
}

/** The active filters on one collection as a MapLibre filter on tile attributes (undefined: none). */
export function tileFilter(
  catalog: Catalog,
  collection: string,
  filters: Filters,
): ExpressionSpecification | undefined {
  const conditions = conditionsFor(catalog, collection, filters);
  if (conditions.length === 0) return undefined;
  return [
    'all',
    ...conditions.map((c) => ['==', ['to-string', ['get', c.property]], c.value]),
  ] as ExpressionSpecification;
}

/**
 * The vector-tile layers of the tiled collections: their tile URL with the collection's data
 * revision after `#` (never sent; a new revision is a new source, so MapLibre asks for every
 * tile again and the server, by ETag, answers the new bytes) and their filter.
 */
export function tiledLayers(
  catalog: Catalog,
  data: {
    tiled: ReadonlySet<string>;
    tileUrls: Readonly<Record<string, string>>;
    revisions: Readonly<Record<string, number>>;
  },
  filters: Filters,
): Record<string, TiledLayer> {
  const out: Record<string, TiledLayer> = {};
  for (const id of data.tiled) {
    const url = data.tileUrls[id];
    if (!url) continue;
    const rev = data.revisions[id] ?? 0;
    out[id] = { url: rev > 0 ? `${url}#rev=${rev}` : url, filter: tileFilter(catalog, id, filters) };
  }
  return out;
}

/**
 * Legends of tiled collections: the client holds few of their features, so a swatch counts the
 * collection's size (numberMatched at start), and the count bubble the tiles always have.
 */
export function withTiledCounts(
  catalog: Catalog,
  legends: Record<string, LegendModel>,
  counts: Readonly<Record<string, number | undefined>>,
  tiled: ReadonlySet<string>,
): Record<string, LegendModel> {
  const out = { ...legends };
  for (const toggle of catalog.toggles) {
    const c = catalog.get(toggle.collection);
    const legend = out[toggle.key];
    if (!c || !tiled.has(c.id) || legend?.kind !== 'swatch') continue;
    out[toggle.key] = {
      ...legend,
      shown: counts[c.id] ?? 1,
      group: legend.group ?? { color: c.display.color },
    };
  }
  return out;
}

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

/**
 * The active filters on one collection as the tile URL's query (`?district_code=083`, names in
 * sorted order so one filter is always one URL: the server and the browser cache by URL), or ''.
 * The server then sends tiles holding only the matching features, its clusters counting only them.
 */
export function tileQuery(catalog: Catalog, collection: string, filters: Filters): string {
  const params = Object.entries(serverFilters(catalog, collection, filters)).sort(([a], [b]) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  return params.length === 0 ? '' : `?${new URLSearchParams(params).toString()}`;
}

/**
 * The vector-tile layers of the tiled collections: their tile URL with the active filters as its
 * query and the collection's data revision after `#` (never sent; a new filter or revision is a
 * new source, so MapLibre asks for every tile again and the server, by ETag, answers the new bytes).
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
    const filtered = `${url}${tileQuery(catalog, id, filters)}`;
    out[id] = { url: rev > 0 ? `${filtered}#rev=${rev}` : filtered };
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

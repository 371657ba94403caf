import type { Catalog } from '../../catalog/catalog';
import type { Filters } from '../../lib/urlState';

export const EXPORT_FORMATS = ['csv', 'xlsx', 'kml', 'geojson'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportLayer {
  collection: string;
  /** One download link per format (same-origin paths under `apiBase`). */
  links: Record<ExportFormat, string>;
  /** The filters that narrow it (their titles are the filters panel's). */
  filtered: boolean;
}

/** The items endpoint serves at most this many features as one GeoJSON page. */
const GEOJSON_LIMIT = 10_000;

/**
 * Download links of the layers shown now, narrowed by the filters applied now (each filter on
 * its own property of the collections it targets: the server's queryables). CSV, XLSX and KML
 * are the items route's `f=` exports; GeoJSON is the items page itself.
 */
export function exportLayers(
  catalog: Catalog,
  visible: ReadonlySet<string>,
  filters: Filters,
  apiBase: string,
): ExportLayer[] {
  const ids = catalog.toggles
    .filter((x) => x.kind === 'layer' && visible.has(x.key))
    .map((x) => x.collection);
  return [...new Set(ids)].map((collection) => {
    const params = new URLSearchParams();
    for (const f of catalog.filters) {
      const value = filters[f.key];
      const target = f.targets.find((x) => x.collection === collection);
      if (value && target) params.set(target.property, value);
    }
    const query = (extra: Record<string, string>) => {
      const p = new URLSearchParams(params);
      for (const [k, v] of Object.entries(extra)) p.set(k, v);
      return p.toString();
    };
    const base = `${apiBase}/collections/${encodeURIComponent(collection)}/items`;
    return {
      collection,
      filtered: [...params.keys()].length > 0,
      links: {
        csv: `${base}?${query({ f: 'csv' })}`,
        xlsx: `${base}?${query({ f: 'xlsx' })}`,
        kml: `${base}?${query({ f: 'kml' })}`,
        geojson: `${base}?${query({ limit: String(GEOJSON_LIMIT) })}`,
      },
    };
  });
}

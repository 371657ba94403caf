import type { Catalog } from '../../catalog/catalog';
import { type ItemExportFormat, itemExportUrls } from '../../lib/exportUrls';
import type { Filters } from '../../lib/urlState';

export type { ItemExportFormat as ExportFormat } from '../../lib/exportUrls';
export { ITEM_EXPORT_FORMATS as EXPORT_FORMATS } from '../../lib/exportUrls';

export interface ExportLayer {
  collection: string;
  /** One download link per format (same-origin paths under `apiBase`). */
  links: Record<ItemExportFormat, string>;
  /** The filters that narrow it (their titles are the filters panel's). */
  filtered: boolean;
}

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
    const params: Record<string, string> = {};
    for (const f of catalog.filters) {
      const value = filters[f.key];
      const target = f.targets.find((x) => x.collection === collection);
      if (value && target) params[target.property] = value;
    }
    return {
      collection,
      filtered: Object.keys(params).length > 0,
      links: itemExportUrls(apiBase, collection, params),
    };
  });
}

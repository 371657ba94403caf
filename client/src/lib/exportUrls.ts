/**
 * Download URLs of the API's own exports (issues 14 and 16): a collection's items as CSV, XLSX or
 * KML (`f=`) or as a GeoJSON page, and an indicator's table as CSV or XLSX — so a download from
 * the UI is the same request a script makes.
 */
export const ITEM_EXPORT_FORMATS = ['csv', 'xlsx', 'kml', 'geojson'] as const;
export type ItemExportFormat = (typeof ITEM_EXPORT_FORMATS)[number];

export const INDICATOR_EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type IndicatorExportFormat = (typeof INDICATOR_EXPORT_FORMATS)[number];

/** The items endpoint serves at most this many features as one GeoJSON page. */
export const GEOJSON_EXPORT_LIMIT = 10_000;

/**
 * One URL per format for `collection`'s items narrowed by `params` (the items filters: queryable
 * equalities, `q`, `bbox`); empty values are left out.
 */
export function itemExportUrls(
  apiBase: string,
  collection: string,
  params: Readonly<Record<string, string | undefined>>,
): Record<ItemExportFormat, string> {
  const base = `${apiBase}/collections/${encodeURIComponent(collection)}/items`;
  const url = (extra: Record<string, string>) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v) p.set(k, v);
    for (const [k, v] of Object.entries(extra)) p.set(k, v);
    return `${base}?${p.toString()}`;
  };
  return {
    csv: url({ f: 'csv' }),
    xlsx: url({ f: 'xlsx' }),
    kml: url({ f: 'kml' }),
    geojson: url({ limit: String(GEOJSON_EXPORT_LIMIT) }),
  };
}

/** CSV and XLSX URLs of an indicator's table for `year` (all years when undefined). */
export function indicatorExportUrls(
  apiBase: string,
  indicator: string,
  year: number | undefined,
): Record<IndicatorExportFormat, string> {
  const url = (f: IndicatorExportFormat) => {
    const p = new URLSearchParams(year === undefined ? {} : { year: String(year) });
    p.set('f', f);
    return `${apiBase}/indicators/${encodeURIComponent(indicator)}?${p.toString()}`;
  };
  return { csv: url('csv'), xlsx: url('xlsx') };
}

/** A box's horizontal corners w,s,e,n (a 6-number box drops its heights); undefined for no box. */
export function box2d(b: readonly number[] | undefined): [number, number, number, number] | undefined {
  if (!b || (b.length !== 4 && b.length !== 6)) return undefined;
  const [w, s, e, n] = b.length === 6 ? [b[0], b[1], b[3], b[4]] : b;
  return [w ?? -180, s ?? -90, e ?? 180, n ?? 90];
}

/** A 2D box as the items `bbox` parameter (w,s,e,n, 6 decimals). */
export function bboxParam(b: readonly number[] | undefined): string | undefined {
  return box2d(b)
    ?.map((v) => v.toFixed(6))
    .join(',');
}

/**
 * The download formats of a collection's items besides GeoJSON (issue 14: every layer in the
 * formats it can be imported from), as `f=` values of /api/collections/{id}/items.
 * Shapefile is not offered: the writer on npm (@mapbox/shp-write) stores DBF text as the low
 * byte of each UTF-16 unit (Vietnamese letters come out garbled), rounds numbers to 3 decimals
 * and overwrites Polygon with MultiPolygon layers of the same name — not clean enough to offer.
 */
export const EXPORT_FORMATS = {
  csv: { type: 'text/csv', extension: 'csv', title: 'CSV (UTF-8, lon/lat columns for points)' },
  xlsx: {
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extension: 'xlsx',
    title: 'Excel workbook',
  },
  kml: { type: 'application/vnd.google-earth.kml+xml', extension: 'kml', title: 'KML' },
} as const;

export type ExportFormat = keyof typeof EXPORT_FORMATS;

export function isExportFormat(value: unknown): value is ExportFormat {
  return typeof value === 'string' && Object.hasOwn(EXPORT_FORMATS, value);
}

/** Most features one export holds (the import limit, so a download can always be imported again); more → 413. */
export const MAX_EXPORT_FEATURES = 100_000;

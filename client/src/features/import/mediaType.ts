/** The media types an upload is sent with (server/README "Imports and batches"), by file ending. */
const BY_EXTENSION: Record<string, string> = {
  csv: 'text/csv',
  txt: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  geojson: 'application/geo+json',
  json: 'application/geo+json',
  zip: 'application/zip',
  kml: 'application/vnd.google-earth.kml+xml',
  kmz: 'application/vnd.google-earth.kmz',
};

/** Endings a features import takes; indicators take only spreadsheets. */
export const FEATURE_EXTENSIONS = ['csv', 'xlsx', 'geojson', 'json', 'zip', 'kml', 'kmz'] as const;
export const INDICATOR_EXTENSIONS = ['csv', 'xlsx'] as const;

/**
 * The media type to upload `fileName` with, by its ending among `allowed` (browsers give
 * `file.type` empty or wrong for .geojson, .kml or .kmz, so the ending decides); null when the
 * ending is not one an import reads.
 */
export function mediaTypeFor(fileName: string, allowed: readonly string[]): string | null {
  const dot = fileName.lastIndexOf('.');
  const ext = dot < 0 ? '' : fileName.slice(dot + 1).toLowerCase();
  return allowed.includes(ext) ? (BY_EXTENSION[ext] ?? null) : null;
}

/** The `accept` attribute of a file input for these endings. */
export function acceptList(allowed: readonly string[]): string {
  return allowed.map((e) => `.${e}`).join(',');
}

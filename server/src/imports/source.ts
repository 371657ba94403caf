import type { Geometry } from 'geojson';
import type { ProblemFieldCode } from '../contract/vocabulary';
import type { EncodingReport } from './encoding';

/** The formats an import reads, by what they hold: tables (CSV, XLSX) or features with geometry. */
export type ImportFormat = 'csv' | 'xlsx' | 'geojson' | 'shapefile' | 'kml' | 'kmz';

/** A cell or property value as read, before it is typed by the collection's schema. */
export type SourceValue = string | number | boolean | null;

/** One row of a table, or one feature of a GeoJSON/Shapefile/KML file. */
export interface SourceRecord {
  /**
   * Where it is in the file, as a person finds it there: the spreadsheet row for CSV and XLSX
   * (the header is row 1, so the first record is row 2), the feature's number (from 1) otherwise.
   */
  row: number;
  /** Column (or property) name → value as read. */
  values: Record<string, SourceValue>;
  /** The file's own geometry, already in CRS84 lon/lat (feature formats); undefined for tables. */
  geometry?: Geometry | null;
  /** A problem found while reading this record (it is then invalid whatever the mapping). */
  problem?: { code: ProblemFieldCode; message: string; params?: Record<string, string | number> };
}

/** What a reader makes of a file. */
export interface SourceTable {
  format: ImportFormat;
  /** Column (property) names in file order, unique. */
  columns: string[];
  records: SourceRecord[];
  /** How text was decoded (formats with text bytes or font-encoded strings). */
  encoding: EncodingReport;
  /** Things the reader did that the user should know (reprojection, layers read, sheet used). */
  notes: string[];
}

/**
 * A file that cannot be imported as a whole (damaged, not the format it claims, missing a part,
 * too many rows). `status` 400 for a malformed file, 413 past a limit, 422 when it reads but
 * holds nothing importable; `code` names the problem for the client (`errors[0].code` with field
 * `(file)`), `params` the values its message names.
 */
export class ImportFileError extends Error {
  override name = 'ImportFileError';
  constructor(
    readonly status: 400 | 413 | 422,
    readonly code: ProblemFieldCode,
    message: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(message);
  }
}

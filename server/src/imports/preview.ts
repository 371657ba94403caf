import type { Geometry } from 'geojson';
import type { AreaContext } from '../editing/validation-context';
import type { FeatureKey } from '../store/batch-store';
import { DuplicateIndex, type DuplicateMatch, InFileIndex } from './duplicates';
import type { EncodingChoice, EncodingReport } from './encoding';
import { type ColumnSuggestion, type Mapping, mappingOf, suggestMapping } from './mapping';
import type { Places } from './places';
import { type BuiltRow, buildRow, planRows } from './row';
import { ImportFileError, type ImportFormat, type SourceRecord, type SourceTable } from './source';

/** Everything a preview needs, as plain data (it crosses into a worker thread). */
export interface PreviewInput {
  bytes: Uint8Array;
  format: ImportFormat;
  encoding: EncodingChoice;
  /** The client's mapping, or null to use the suggested one. */
  mapping: Mapping | null;
  defaults: Record<string, unknown>;
  collection: { id: string; label: string; schema: Record<string, unknown>; geometryTypes: string[] };
  areas: AreaContext;
  places: Places;
  existing: FeatureKey[];
}

/** One row of the preview: what it becomes, its problems, duplicates. */
export interface PreviewRow extends BuiltRow {
  duplicates: DuplicateMatch[];
  /** An earlier row of the file with the same name in the same district, or null. */
  duplicateOf: number | null;
}

export interface PreviewResult {
  format: ImportFormat;
  encoding: EncodingReport;
  columns: string[];
  suggestions: ColumnSuggestion[];
  /** The mapping the rows were built with (the client's, or the suggestion). */
  mapping: Mapping;
  /** Mapping entries naming columns the file does not have. */
  unknownColumns: string[];
  /** Required properties nothing fills: no column, no default (their rows are invalid). */
  unfilled: string[];
  notes: string[];
  rows: PreviewRow[];
}

export type Progress = (phase: 'reading' | 'checking', done: number, total: number) => void;

/** The file as a table; each reader (and its library) is loaded the first time its format is read. */
async function readTable(input: PreviewInput): Promise<SourceTable> {
  const { bytes, encoding } = input;
  switch (input.format) {
    case 'csv':
      return (await import('./read/csv')).readCsv(bytes, encoding);
    case 'xlsx':
      return (await import('./read/xlsx')).readXlsx(bytes, encoding);
    case 'geojson':
      return (await import('./read/geojson')).readGeoJson(bytes, encoding);
    case 'shapefile':
      return (await import('./read/shapefile')).readShapefileZip(bytes, encoding);
    case 'kml':
      return (await import('./read/kml')).readKml(bytes, encoding);
    case 'kmz':
      return (await import('./read/kml')).readKmz(bytes, encoding);
  }
}

const textOf = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/**
 * Reads the file, maps and checks every row exactly as a feature write is checked, and finds
 * likely duplicates (issue 14). Pure apart from `progress`; runs in a worker thread (worker.ts).
 * Throws ImportFileError for a file that cannot be imported as a whole — including one whose
 * every located feature lies outside the province (a wrong CRS or swapped axes, most likely).
 */
export async function runPreview(input: PreviewInput, progress: Progress): Promise<PreviewResult> {
  progress('reading', 0, 1);
  const table = await readTable(input);
  const suggestions = suggestMapping(table.columns, input.collection.schema);
  const mapping = input.mapping ?? mappingOf(suggestions);
  const ctx = {
    schema: input.collection.schema,
    geometryTypes: input.collection.geometryTypes,
    province: input.areas.province,
    districts: input.areas.districts,
    places: input.places,
    mapping,
    defaults: input.defaults,
  };
  const plan = planRows(ctx);
  const index = new DuplicateIndex(input.existing);
  const inFile = new InFileIndex();
  const label = input.collection.label;
  const total = table.records.length;
  const rows: PreviewRow[] = [];
  const records = table.records;
  for (let i = 0; i < records.length; i += 1) {
    if (i % 1000 === 0) progress('checking', i, total);
    const record = records[i] as SourceRecord;
    // A record is not needed once built: let it go, so memory holds one copy of the file's rows.
    (records as (SourceRecord | undefined)[])[i] = undefined;
    const built = buildRow(record, ctx, plan);
    const f = built.feature;
    if (!f) {
      rows.push({ ...built, duplicates: [], duplicateOf: null });
      continue;
    }
    const name = textOf(f.properties[label]);
    const district = textOf(f.properties.district_code);
    const at = f.geometry.type === 'Point' ? f.geometry.coordinates : undefined;
    const position: [number, number] = at ? [at[0] as number, at[1] as number] : centre(f.geometry);
    rows.push({
      ...built,
      duplicates: index.find(name, district, position, built.approximate !== null),
      duplicateOf: inFile.see(record.row, name, district),
    });
  }
  progress('checking', total, total);
  allOutsideCheck(rows);
  const required = Array.isArray(ctx.schema.required) ? (ctx.schema.required as string[]) : [];
  const filled = new Set([
    ...plan.properties.map(([, p]) => p),
    ...Object.keys(input.defaults),
    ...plan.nullFilled,
  ]);
  return {
    format: table.format,
    encoding: table.encoding,
    columns: table.columns,
    suggestions,
    mapping,
    unknownColumns: Object.keys(mapping).filter((c) => !table.columns.includes(c)),
    unfilled: required.filter((p) => !filled.has(p) && p !== 'district_code' && !p.startsWith('location_')),
    notes: table.notes,
    rows,
  };
}

/** Centre of a geometry's bbox (for distance checks of lines and areas). */
function centre(geometry: Geometry): [number, number] {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const visit = (v: unknown): void => {
    if (Array.isArray(v) && typeof v[0] === 'number') {
      minX = Math.min(minX, v[0]);
      maxX = Math.max(maxX, v[0]);
      minY = Math.min(minY, v[1] as number);
      maxY = Math.max(maxY, v[1] as number);
    } else if (Array.isArray(v)) for (const x of v) visit(x);
  };
  visit('coordinates' in geometry ? geometry.coordinates : []);
  return [(minX + maxX) / 2, (minY + maxY) / 2];
}

/** Every row that had a location lies outside the province: the file as a whole is wrong (422). */
function allOutsideCheck(rows: readonly PreviewRow[]): void {
  if (rows.some((r) => r.feature)) return;
  const outside = rows.filter((r) => r.problems.some((p) => p.code === 'OutsideProvince'));
  const located = rows.filter(
    (r) => !r.problems.some((p) => p.field === 'geometry' && p.code !== 'OutsideProvince'),
  );
  if (outside.length === 0 || outside.length < located.length) return;
  const example = outside.find((r) => r.geometry)?.geometry;
  const at = example
    ? centre(example)
        .map((n) => Number(n.toFixed(5)))
        .join(', ')
    : '?';
  throw new ImportFileError(
    422,
    'AllOutsideProvince',
    `all ${outside.length} features lie outside the province`,
    {
      count: outside.length,
      at: `[${at}]`,
    },
  );
}

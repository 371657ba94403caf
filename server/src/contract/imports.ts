/**
 * Imports (issue 14): the preview of an uploaded file, before anything is written. A features
 * import belongs to a collection; an indicators import replaces per-district values. Both live
 * at /api/imports/{importId} until committed (then as a batch, contract/batches.ts) or expired.
 */
import { type Static, type TSchema, Type } from 'typebox';
import { Link, LocalizedText, Timestamp } from './common';
import { Geometry } from './geojson';
import { FieldProblem } from './problem';
import { CONFIDENCE, IMPORT_STATUSES, IMPORT_WARNING_CODES, PROBLEM_FIELD_CODES } from './vocabulary';

const Params = Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()]));
const Count = Type.Integer({ minimum: 0 });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const ImportProgress = Type.Object(
  {
    phase: Type.Enum(['waiting', 'reading', 'checking', 'comparing']),
    done: Count,
    total: Count,
  },
  { additionalProperties: false, description: 'how far reading is: `done` of `total` rows in `phase`' },
);

export const EncodingInfo = Type.Object(
  {
    used: Type.Enum(['utf-8', 'utf-16le', 'utf-16be', 'windows-1258', 'tcvn3']),
    detected: Type.Boolean({ description: 'chosen by the server (no `encoding` parameter)' }),
    confident: Type.Boolean({ description: 'false: ask the user; `alternatives` lists the other readings' }),
    alternatives: Type.Array(Type.String()),
  },
  { additionalProperties: false },
);

/** One problem of one row, in the user's language (`lang` or Accept-Language; vi by default). */
export const ImportRowProblem = Type.Object(
  {
    row: Type.Integer({
      minimum: 1,
      description: 'spreadsheet row (header = 1) for CSV/XLSX, feature number (from 1) otherwise',
    }),
    field: Type.String({ description: '`properties.<name>`, `geometry` or `(row)`' }),
    column: Nullable(Type.String({ description: 'the file column it came from' })),
    code: Type.Enum(PROBLEM_FIELD_CODES),
    message: Type.String(),
    params: Type.Optional(Params),
  },
  { additionalProperties: false },
);
export type ImportRowProblem = Static<typeof ImportRowProblem>;

export const DuplicateMatch = Type.Object(
  {
    id: Type.Integer({ minimum: 0 }),
    name: Nullable(Type.String()),
    reasons: Type.Array(Type.Enum(['name', 'distance']), {
      description: 'name: same name in the same district; distance: within 100 m',
    }),
    distanceM: Count,
  },
  { additionalProperties: false },
);

export const ImportDuplicate = Type.Object(
  {
    row: Type.Integer({ minimum: 1 }),
    matches: Type.Array(DuplicateMatch),
    match: Nullable(
      Type.Integer({
        minimum: 0,
        description: 'the feature it repeats (its only match, or the only one by name); null when ambiguous',
      }),
    ),
    status: Type.Enum(['unchanged', 'changed', 'ambiguous'], {
      description:
        'unchanged: equals the one feature it repeats; changed: differs from it; ambiguous: repeats several',
    }),
  },
  { additionalProperties: false },
);

export const Approximate = Type.Object(
  {
    by: Type.Enum(['district', 'commune']),
    districtCode: Type.String(),
    place: Type.String(),
    seat: Type.String(),
    uncertaintyKm: Type.Number({ minimum: 0 }),
  },
  { additionalProperties: false, description: 'placed at the district seat: approximate, never exact' },
);

/** A row on the map: its geometry, the properties it would get (valid rows), and what the import found. */
export const ImportFeature = Type.Object(
  {
    type: Type.Literal('Feature'),
    id: Type.Integer({ minimum: 1, description: 'the row number' }),
    geometry: Geometry,
    properties: Type.Record(Type.String(), Type.Unknown()),
    import: Type.Object(
      {
        row: Type.Integer({ minimum: 1 }),
        valid: Type.Boolean(),
        problems: Count,
        approximate: Nullable(Approximate),
        duplicates: Type.Array(Type.Integer({ minimum: 0 }), {
          description: 'ids of existing features it repeats',
        }),
        duplicateOf: Nullable(
          Type.Integer({
            minimum: 1,
            description: 'an earlier row of the file with the same name and district',
          }),
        ),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

/** GET /api/imports/{importId}/features: a page of the rows that have a location (valid and invalid). */
export const ImportFeaturePage = Type.Object(
  {
    type: Type.Literal('FeatureCollection'),
    numberMatched: Count,
    numberReturned: Count,
    features: Type.Array(ImportFeature),
    links: Type.Array(Link),
  },
  { additionalProperties: false },
);
export type ImportFeaturePage = Static<typeof ImportFeaturePage>;

/** GET /api/imports/{importId}/problems: a page of the row problems. */
export const ImportProblemPage = Type.Object(
  { numberMatched: Count, problems: Type.Array(ImportRowProblem), links: Type.Array(Link) },
  { additionalProperties: false },
);
export type ImportProblemPage = Static<typeof ImportProblemPage>;

export const MappingTarget = Type.Object(
  {
    name: Type.String({
      description: 'a property, or a location role: $lon, $lat, $wkt, $district, $commune',
    }),
    title: LocalizedText,
    required: Type.Boolean(),
  },
  { additionalProperties: false },
);

export const ImportSummary = Type.Object(
  {
    rowsRead: Count,
    valid: Count,
    invalid: Count,
    new: Type.Integer({ minimum: 0, description: 'valid rows that repeat no existing feature' }),
    duplicates: Type.Integer({
      minimum: 0,
      description: 'valid rows that probably repeat existing features',
    }),
    unchanged: Count,
    changed: Count,
    ambiguous: Count,
    approximate: Type.Integer({ minimum: 0, description: 'rows placed at a district seat' }),
  },
  { additionalProperties: false },
);

const FileProblem = Type.Object(
  {
    status: Type.Integer({ minimum: 400, maximum: 599 }),
    code: Type.String(),
    detail: Type.String(),
    errors: Type.Array(FieldProblem),
  },
  { additionalProperties: false, description: 'why reading failed (status `failed`)' },
);

const ImportBase = {
  id: Type.String(),
  status: Type.Enum(IMPORT_STATUSES),
  fileName: Type.String(),
  mediaType: Type.String(),
  size: Count,
  createdAt: Timestamp,
  expiresAt: Timestamp,
  progress: ImportProgress,
  problem: Nullable(FileProblem),
  batch: Nullable(Type.Integer({ minimum: 1 })),
  encoding: Nullable(EncodingInfo),
  columns: Type.Array(Type.String()),
  notes: Type.Array(Type.String()),
  problems: Type.Object(
    { numberMatched: Count, items: Type.Array(ImportRowProblem) },
    { additionalProperties: false, description: 'the first page; GET …/problems for more' },
  ),
  links: Type.Array(Link),
};

/** A features import: 201/202 of POST …/imports, GET /api/imports/{importId}, 200 of PATCH. */
export const FeatureImportPreview = Type.Object(
  {
    ...ImportBase,
    kind: Type.Literal('features'),
    collection: Type.String(),
    format: Type.String(),
    suggestions: Type.Array(
      Type.Object(
        {
          column: Type.String(),
          target: Nullable(Type.String()),
          reason: Nullable(Type.Enum(['name', 'title', 'synonym', 'prefix'])),
        },
        { additionalProperties: false },
      ),
    ),
    mapping: Type.Record(Type.String(), Nullable(Type.String())),
    defaults: Type.Record(Type.String(), Type.Unknown()),
    targets: Type.Array(MappingTarget),
    unfilled: Type.Array(Type.String(), { description: 'required properties no column or default fills' }),
    unknownColumns: Type.Array(Type.String()),
    summary: Nullable(ImportSummary),
    duplicates: Type.Object(
      { numberMatched: Count, items: Type.Array(ImportDuplicate) },
      { additionalProperties: false },
    ),
    features: Nullable(ImportFeaturePage),
  },
  { additionalProperties: false },
);
export type FeatureImportPreview = Static<typeof FeatureImportPreview>;

/** One indicator value of the file against the value stored now. */
export const IndicatorImportChange = Type.Object(
  {
    row: Type.Integer({ minimum: 1 }),
    indicator: Type.String(),
    year: Type.Integer(),
    districtCode: Type.String(),
    value: Type.Number(),
    unit: Type.String(),
    source: Nullable(Type.String({ description: 'the row’s own source, else the commit’s' })),
    change: Type.Enum(['new', 'changed', 'unchanged']),
    current: Nullable(
      Type.Object(
        { value: Type.Number(), unit: Type.String(), status: Type.String(), source: Type.String() },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export const ImportWarning = Type.Object(
  { code: Type.Enum(IMPORT_WARNING_CODES), message: Type.String(), params: Params },
  { additionalProperties: false },
);

/** An indicators import (admin): the differences against the stored values and the province-total warnings. */
export const IndicatorImportPreview = Type.Object(
  {
    ...ImportBase,
    kind: Type.Literal('indicators'),
    summary: Nullable(
      Type.Object(
        { rowsRead: Count, valid: Count, invalid: Count, new: Count, changed: Count, unchanged: Count },
        { additionalProperties: false },
      ),
    ),
    changes: Type.Object(
      { numberMatched: Count, items: Type.Array(IndicatorImportChange) },
      { additionalProperties: false },
    ),
    warnings: Type.Array(ImportWarning, {
      description: 'a commit must send acceptWarnings: true while there are any',
    }),
  },
  { additionalProperties: false },
);
export type IndicatorImportPreview = Static<typeof IndicatorImportPreview>;

export const ImportPreview = Type.Union([FeatureImportPreview, IndicatorImportPreview]);
export type ImportPreview = Static<typeof ImportPreview>;

/** PATCH /api/imports/{importId}: read the file again with another mapping, defaults or encoding. */
export const ImportPatchBody = Type.Object(
  {
    mapping: Type.Optional(Type.Record(Type.String(), Nullable(Type.String()))),
    defaults: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    encoding: Type.Optional(Type.Enum(['auto', 'utf-8', 'windows-1258', 'tcvn3'])),
  },
  { additionalProperties: false },
);
export type ImportPatchBody = Static<typeof ImportPatchBody>;

/** POST /api/imports/{importId}/commit. */
export const ImportCommitBody = Type.Object(
  {
    exclude: Type.Optional(
      Type.Array(Type.Integer({ minimum: 1 }), {
        maxItems: 100_000,
        description: 'row numbers not to write',
      }),
    ),
    duplicates: Type.Optional(
      Type.Enum(['skip', 'create', 'update'], {
        description:
          'features: rows repeating existing features are skipped (default), added anyway, or written over the one feature they repeat',
      }),
    ),
    source: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 500,
        description: 'indicators (required): where the figures come from',
      }),
    ),
    confidence: Type.Optional(
      Type.Enum(
        CONFIDENCE.filter((c) => c !== 'illustrative'),
        { description: 'indicators (required): official, reported or approximate' },
      ),
    ),
    acceptWarnings: Type.Optional(
      Type.Boolean({ description: 'indicators: commit although the province totals do not match' }),
    ),
  },
  { additionalProperties: false },
);
export type ImportCommitBody = Static<typeof ImportCommitBody>;

/**
 * The closed word lists of the product, each defined once: role names, the confidence of a
 * record, the status of an indicator value, location precision, history operations and the codes
 * of field problems. Plain arrays (no schema library), so the client can import them at no cost;
 * the contract schemas, the geodata checks, the catalog loader and the client all use these.
 * The JSON Schemas in geodata/schema spell the confidence and precision enums too (they are data
 * files); `npm run geodata:check` fails when one of them differs from the lists here.
 */

/** Staff roles, weakest first (what each may do: server/src/auth/roles.ts). */
export const ROLES = ['viewer', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/**
 * How sure a record is: `official` (a government figure or boundary), `reported` (press or a
 * secondary source), `approximate` (placed or estimated by us), `illustrative` (gap-filling, the UI
 * says so). Every feature and every indicator row carries one.
 */
export const CONFIDENCE = ['official', 'reported', 'approximate', 'illustrative'] as const;
export type Confidence = (typeof CONFIDENCE)[number];

/** The status of an indicator value on the wire: a stored row's confidence, or `computed` from the features. */
export const INDICATOR_STATUSES = [...CONFIDENCE, 'computed'] as const;
export type IndicatorStatus = (typeof INDICATOR_STATUSES)[number];

/** Where a point is: `surveyed` (exact) or `approximate` (with `location_uncertainty_km`). */
export const LOCATION_PRECISION = ['surveyed', 'approximate'] as const;
export type LocationPrecision = (typeof LOCATION_PRECISION)[number];

/**
 * The language of the words of a record's citations (`source_lang`, geodata/rules/citation-lang.ts):
 * Vietnamese, English, or `zxx` (no words to read: web addresses only). The UI marks a citation
 * whose language is not its own ("(tiếng Anh)"); a record without it (an import) is not marked.
 */
export const SOURCE_LANGS = ['vi', 'en', 'zxx'] as const;
export type SourceLang = (typeof SOURCE_LANGS)[number];

/** What a recorded change did. */
export const HISTORY_OPERATIONS = ['create', 'replace', 'patch', 'delete', 'revert', 'restore'] as const;
export type HistoryOperation = (typeof HISTORY_OPERATIONS)[number];

/**
 * Constant codes of one field's problem in a 400/422 answer (`errors[].code`), for the client
 * to translate; the English `message` beside it is for people and logs.
 */
export const FIELD_ERROR_CODES = [
  // the body
  'NotAFeature',
  'BodyTooDeep',
  'BodyTooLarge',
  // properties (JSON Schema and our own rules)
  'Required',
  'InvalidType',
  'NotInVocabulary',
  'TooShort',
  'TooLong',
  'OutOfRange',
  'InvalidFormat',
  'UnknownProperty',
  'ReadOnlyProperty',
  'Invalid',
  // geometry
  'GeometryRequired',
  'GeometryTypeNotAllowed',
  'InvalidGeometry',
  'InvalidCoordinate',
  'TooManyVertices',
  'InvalidRing',
  'SelfIntersection',
  'OutsideProvince',
  'NoDistrict',
] as const;
export type FieldErrorCode = (typeof FIELD_ERROR_CODES)[number];

/**
 * Codes of problems only imports raise (issue 14), beside FIELD_ERROR_CODES: of an imported row,
 * or of the file as a whole (field `(file)`). Kept apart so the feature form's messages need not
 * cover them; the import screen does.
 */
export const IMPORT_ERROR_CODES = [
  // an imported row
  'NoLocation',
  'InvalidWkt',
  'UnknownPlace',
  'SwappedCoordinates',
  'UnsupportedGeometry',
  'DuplicateRow',
  'UnknownIndicator',
  'UnitMismatch',
  // an imported file as a whole (field `(file)`)
  'UnreadableFile',
  'DamagedZip',
  'InvalidXml',
  'InvalidJson',
  'MalformedCsv',
  'RaggedRows',
  'NotAFeatureCollection',
  'UnsupportedCrs',
  'MissingPrj',
  'MissingDbf',
  'NoShapefile',
  'NoKml',
  'NoRows',
  'MissingColumn',
  'TooManyRows',
  'FileTooLarge',
  'AllOutsideProvince',
] as const;
export type ImportErrorCode = (typeof IMPORT_ERROR_CODES)[number];

/** Every code a problem's `errors[].code` (or an import row problem) may carry. */
export const PROBLEM_FIELD_CODES = [...FIELD_ERROR_CODES, ...IMPORT_ERROR_CODES] as const;
export type ProblemFieldCode = FieldErrorCode | ImportErrorCode;

/** Codes of an import preview's warnings (shown, not blocking; a commit must accept them). */
export const IMPORT_WARNING_CODES = [
  'ProvinceTotalMismatch',
  'ProvinceTotalDiffers',
  'DuplicateInFile',
] as const;
export type ImportWarningCode = (typeof IMPORT_WARNING_CODES)[number];

/** Where an import is: its file being read and checked (in a worker thread), ready to commit, failed, or committed. */
export const IMPORT_STATUSES = ['parsing', 'ready', 'failed', 'committed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/**
 * The `code` of a problem+json answer (OGC exception codes and ours), for the client to choose
 * its message by; the server raises only these (ApiError takes a ProblemCode). The wire schema
 * keeps `code` an open string, so an older client copes with a code it does not know.
 */
export const PROBLEM_CODES = [
  'InvalidParameterValue',
  'InvalidRequest',
  'InvalidBody',
  'ValidationFailed',
  'Unauthorized',
  'InvalidCredentials',
  'Forbidden',
  'CsrfOriginMismatch',
  'NotFound',
  'MethodNotAllowed',
  'NotAcceptable',
  'Conflict',
  'PreconditionFailed',
  'PayloadTooLarge',
  'UnsupportedMediaType',
  'PreconditionRequired',
  'TooManyRequests',
  'ServerError',
  'NotImplemented',
  'ServiceUnavailable',
  // hostile or oversized requests (issue 11)
  'BodyTooDeep',
  'BodyTooLarge',
  'UriTooLong',
  'RequestHeaderFieldsTooLarge',
  'RequestTimeout',
  'MisdirectedRequest',
  'MissingHost',
  'ServerBusy',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

/** Where an investor's inquiry stands in the staff inbox (issue 15). */
export const INQUIRY_STATUSES = ['new', 'answered', 'closed'] as const;
export type InquiryStatus = (typeof INQUIRY_STATUSES)[number];

/** The languages an inquiry may ask to be answered in (the UI's two). */
export const INQUIRY_LANGUAGES = ['vi', 'en'] as const;
export type InquiryLanguage = (typeof INQUIRY_LANGUAGES)[number];

/** What one recorded change of an inquiry did. */
export const INQUIRY_ACTIONS = ['created', 'assigned', 'unassigned', 'status', 'note'] as const;
export type InquiryAction = (typeof INQUIRY_ACTIONS)[number];

/** GeoJSON geometry types the API stores and serves (no GeometryCollection). */
export const GEOMETRY_TYPES = [
  'Point',
  'MultiPoint',
  'LineString',
  'MultiLineString',
  'Polygon',
  'MultiPolygon',
] as const;
export type GeometryType = (typeof GEOMETRY_TYPES)[number];

/** True when `value` is one of `list` (narrows the type). */
export function isOneOf<T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (list as readonly string[]).includes(value);
}

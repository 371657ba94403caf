/**
 * One problem with one field of a written feature, as the API lists it in problem+json `errors`
 * (the same shape as `Problem['errors']` in contract/api.ts). `field` is `geometry`, `properties`,
 * `properties.<name>` (the top-level property, so a form can show it next to its input) or
 * `(body)`. `message` is English and readable; `code` is constant, for the client to translate,
 * and `params` carry the values its message names (e.g. `{ limit: 2000 }` for TooLong), so a
 * translation can say the same thing in another language.
 */
export interface FieldError {
  field: string;
  message: string;
  code: FieldErrorCode;
  params?: Record<string, string | number>;
}

export const FIELD_ERROR_CODES = [
  // the body
  'NotAFeature',
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

/** Drops repeated (field, code) pairs, keeping the first message: e.g. our length cap and the schema's maxLength. */
export function dedupeFieldErrors(errors: readonly FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.field}\u0000${e.code}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

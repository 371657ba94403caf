import type { FieldErrorCode } from '../contract/vocabulary';

/**
 * One problem with one field of a written feature, as the API lists it in problem+json `errors`
 * (the shape of `Problem['errors']` in the contract; the codes are FIELD_ERROR_CODES in contract/vocabulary.ts). `field` is `geometry`, `properties`,
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

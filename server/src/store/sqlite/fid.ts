/**
 * Row ids of `features` (migration 3): fid = collection code × 2^40 + feature id, so rowid order
 * is (collection, id) order and one collection is one contiguous rowid range. Codes are 1..8191
 * (`collection_stats.code`), so every fid stays below 2^53 (a safe JavaScript integer).
 */
export const ID_SPACE = 2 ** 40;
/** Largest feature id a collection can hold. */
export const MAX_FEATURE_ID = ID_SPACE - 1;

export function fidOf(code: number, id: number): number {
  return code * ID_SPACE + id;
}

/** [first, last] fid of a collection code. */
export function fidRange(code: number): [number, number] {
  return [code * ID_SPACE, code * ID_SPACE + MAX_FEATURE_ID];
}

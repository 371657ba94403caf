import { sortKey } from '../../server/src/store/sort-key';

/** Missing and null first, numbers numerically, text by its sort key (Vietnamese alphabet); equal keys tie. */
export function compareValues(a: unknown, b: unknown): number {
  const none = (v: unknown) => v === undefined || v === null;
  if (none(a) || none(b)) return none(a) === none(b) ? 0 : none(a) ? -1 : 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const order = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return order(sortKey(String(a)), sortKey(String(b)));
}

import type { CollectionDef } from '../catalog/catalog';
import { sortablesOf } from '../catalog/sortables';
import { invalidParameter } from '../errors';
import type { SortKey } from '../store/feature-store';

/** Most keys one `sortby` may list (each after the first orders only the ties of the ones before). */
export const MAX_SORT_KEYS = 3;

/**
 * `sortby` (OGC API – Features Part 8, STAC sort): comma-separated sortables, each optionally
 * prefixed `+` (ascending, the default) or `-` (descending); a `+` sent unencoded arrives as a
 * space and counts as `+`. Undefined when absent. Throws a 400 naming `sortby` for a repeated
 * parameter, an empty or unknown key, a key listed twice or more than MAX_SORT_KEYS keys.
 */
export function parseSortby(collection: CollectionDef, raw: unknown): SortKey[] | undefined {
  if (raw === undefined) return undefined;
  if (Array.isArray(raw)) throw invalidParameter('sortby', "Parameter 'sortby' must be given once");
  const sortables = sortablesOf(collection);
  const fail = (why: string) =>
    invalidParameter(
      'sortby',
      `Parameter 'sortby' ${why}: give comma-separated sortables of collection '${collection.id}', each optionally prefixed + or - (sortables: ${sortables.map((s) => s.name).join(', ')})`,
    );
  const parts = String(raw).split(',');
  if (parts.length > MAX_SORT_KEYS) throw fail(`lists more than ${MAX_SORT_KEYS} properties`);
  const keys: SortKey[] = [];
  for (const part of parts) {
    const text = part.trim();
    const descending = text.startsWith('-');
    const name = text.startsWith('-') || text.startsWith('+') ? text.slice(1) : text;
    if (name === '') throw fail('has an empty entry');
    if (!sortables.some((s) => s.name === name))
      throw fail(`names '${name.slice(0, 64)}', which is not sortable`);
    if (keys.some((k) => k.property === name)) throw fail(`names '${name}' twice`);
    keys.push({ property: name, descending });
  }
  return keys;
}

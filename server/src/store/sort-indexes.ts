import { createHash } from 'node:crypto';
import type { Catalog } from '../catalog/catalog';
import { type Sortable, sortablesOf } from '../catalog/sortables';

/** One sort index a store keeps: a collection's sortable. */
export interface SortIndexDef {
  collection: string;
  sortable: Sortable;
}

/** Every index name starts so (stale ones are found by it). */
export const SORT_INDEX_PREFIX = 'features_sort_';

/**
 * The sort indexes of the catalog (`sortby`, catalog/sortables.ts): one per (collection,
 * sortable). Both stores make them when they open (sqlite/sort-indexes.ts,
 * postgis/sort-indexes.ts) — they follow the catalog, like SQLite's queryable indexes, so no
 * numbered migration holds them.
 */
export function sortIndexDefs(catalog: Catalog): SortIndexDef[] {
  return catalog.collections.flatMap((c) =>
    sortablesOf(c).map((sortable) => ({ collection: c.id, sortable })),
  );
}

/**
 * An index's name: `features_sort_<collection>__<property>_<hash of its definition>` (a hash alone
 * past PostgreSQL's 63 characters), so an index whose definition changes gets a new name — the
 * old one is stale, dropped, and the new one made when the store opens.
 */
export function sortIndexName(def: SortIndexDef, definition: string): string {
  const hash = (text: string) => createHash('sha256').update(text).digest('hex');
  const plain = `${SORT_INDEX_PREFIX}${def.collection.replace(/-/g, '_')}__${def.sortable.name}_${hash(definition).slice(0, 8)}`;
  return plain.length <= 63
    ? plain
    : `${SORT_INDEX_PREFIX}${hash(`${def.collection}\u0000${def.sortable.name}\u0000${definition}`).slice(0, 40)}`;
}

/** The names in `existing` that look like sort indexes but are not `wanted` (to drop). */
export function staleSortIndexNames(existing: readonly string[], wanted: ReadonlySet<string>): string[] {
  return existing.filter((n) => n.startsWith(SORT_INDEX_PREFIX) && !wanted.has(n));
}

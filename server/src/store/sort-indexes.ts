import { createHash } from 'node:crypto';
import type { Catalog } from '../catalog/catalog';
import { type Sortable, sortablesOf } from '../catalog/sortables';

/** One sort index a store keeps: a collection's sortable, and the index's name. */
export interface SortIndexDef {
  collection: string;
  sortable: Sortable;
  name: string;
}

/** Every index name starts so (stale ones are found by it). */
export const SORT_INDEX_PREFIX = 'features_sort_';

/**
 * The sort indexes of the catalog (`sortby`, catalog/sortables.ts): one per (collection,
 * sortable), named `features_sort_<collection>__<property>` (a hash when that passes PostgreSQL's
 * 63 characters). Both stores make them when they open (sqlite/sort-indexes.ts,
 * postgis/sort-indexes.ts) — they follow the catalog, like SQLite's queryable indexes, so no
 * numbered migration holds them.
 */
export function sortIndexDefs(catalog: Catalog): SortIndexDef[] {
  return catalog.collections.flatMap((c) =>
    sortablesOf(c).map((sortable) => {
      const plain = `${SORT_INDEX_PREFIX}${c.id.replace(/-/g, '_')}__${sortable.name}`;
      const name =
        plain.length <= 63
          ? plain
          : `${SORT_INDEX_PREFIX}${createHash('sha256').update(`${c.id}\u0000${sortable.name}`).digest('hex').slice(0, 32)}`;
      return { collection: c.id, sortable, name };
    }),
  );
}

/** The names in `existing` that look like sort indexes but are not in `defs` (to drop). */
export function staleSortIndexNames(existing: readonly string[], defs: readonly SortIndexDef[]): string[] {
  const wanted = new Set(defs.map((d) => d.name));
  return existing.filter((n) => n.startsWith(SORT_INDEX_PREFIX) && !wanted.has(n));
}

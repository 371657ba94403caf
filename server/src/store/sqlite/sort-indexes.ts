import type { Catalog } from '../../catalog/catalog';
import { sortablesOf } from '../../catalog/sortables';
import { propertyExpr } from './query-sql';

/** The sort indexes of the catalog: their DDL, and the index of one collection's sortable. */
export interface SortIndexes {
  create: string;
  drop: string;
  /** The index that walks `collection` in the order of `property`; undefined when not sortable. */
  indexOf(collection: string, property: string): string | undefined;
}

/**
 * One partial expression index per (collection, sortable) of the catalog (`sortby`,
 * catalog/sortables.ts): `json_extract(geojson, '$.properties."<name>"')` over the rows of that
 * collection only (`WHERE collection = '<id>'`), so its entries are (value, fid) in order — a
 * sorted page is a walk of it, forwards or backwards, never a sort — and a row is in the indexes
 * of its own collection's sortables alone. Missing and null values are entries too (they sort
 * first). Derived from the catalog when the store opens, like the queryable indexes; an index the
 * catalog no longer declares is dropped then (`stale`).
 */
export function sortIndexes(catalog: Catalog): SortIndexes {
  const names = new Map<string, string>();
  const ddl: string[] = [];
  for (const c of catalog.collections) {
    for (const { name } of sortablesOf(c)) {
      const index = `features_sort_${c.id.replace(/-/g, '_')}__${name}`;
      names.set(`${c.id}\u0000${name}`, index);
      // Collection ids match ^[a-z][a-z0-9-]*$ (geodata/rules/catalog.ts): safe as a literal.
      ddl.push(
        `CREATE INDEX IF NOT EXISTS ${index} ON features (${propertyExpr(name, '')}) WHERE collection = '${c.id}';`,
      );
    }
  }
  return {
    create: ddl.join('\n'),
    drop: [...names.values()].map((n) => `DROP INDEX IF EXISTS ${n};`).join('\n'),
    indexOf: (collection, property) => names.get(`${collection}\u0000${property}`),
  };
}

/** DROP statements for the sort indexes in the database that `indexes` does not declare. */
export function staleSortIndexes(existing: readonly string[], indexes: SortIndexes): string {
  const wanted = new Set(indexes.drop.match(/features_sort_\w+/g) ?? []);
  return existing
    .filter((n) => n.startsWith('features_sort_') && !wanted.has(n))
    .map((n) => `DROP INDEX IF EXISTS ${n};`)
    .join('\n');
}

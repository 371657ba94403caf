import type { Catalog } from '../../catalog/catalog';
import { sortIndexDefs, staleSortIndexNames } from '../sort-indexes';
import { propertyExpr } from './query-sql';

/** The sort indexes of the catalog on SQLite: their DDL, and the index of one collection's sortable. */
export interface SortIndexes {
  create: string;
  drop: string;
  /** DROP statements for sort indexes in the database the catalog no longer declares. */
  stale(existing: readonly string[]): string;
  /** The index that walks `collection` in the order of `property`; undefined when not sortable. */
  indexOf(collection: string, property: string): string | undefined;
}

/**
 * One partial expression index per (collection, sortable) (store/sort-indexes.ts):
 * `json_extract(geojson, '$.properties."<name>"')` over the rows of that collection only
 * (`WHERE collection = '<id>'`), so its entries are (value, fid) in order — a sorted page is a
 * walk of it, forwards or backwards, never a sort — and a row is only in the indexes of its own
 * collection's sortables. Missing and null values are entries too (they sort first). Made when
 * the store opens and rebuilt around a seed, like the queryable indexes.
 */
export function sortIndexes(catalog: Catalog): SortIndexes {
  const defs = sortIndexDefs(catalog);
  const names = new Map(defs.map((d) => [`${d.collection}\u0000${d.sortable.name}`, d.name]));
  return {
    // Collection ids match ^[a-z][a-z0-9-]*$ (geodata/rules/catalog.ts): safe as a literal.
    create: defs
      .map(
        (d) =>
          `CREATE INDEX IF NOT EXISTS ${d.name} ON features (${propertyExpr(d.sortable.name, '')}) WHERE collection = '${d.collection}';`,
      )
      .join('\n'),
    drop: defs.map((d) => `DROP INDEX IF EXISTS ${d.name};`).join('\n'),
    stale: (existing) =>
      staleSortIndexNames(existing, defs)
        .map((n) => `DROP INDEX IF EXISTS ${n};`)
        .join('\n'),
    indexOf: (collection, property) => names.get(`${collection}\u0000${property}`),
  };
}

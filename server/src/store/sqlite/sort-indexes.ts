import type Database from 'better-sqlite3';
import type { Catalog } from '../../catalog/catalog';
import type { Sortable } from '../../catalog/sortables';
import type { SortKey } from '../feature-store';
import { sortIndexDefs, sortIndexName, staleSortIndexNames } from '../sort-indexes';
import { sortKey } from '../sort-key';
import { propertyExpr } from './query-sql';

/** SQL name of store/sort-key.ts's key, registered on every connection of the store. */
const KEY_FUNCTION = 'sort_key_v1';

/**
 * Registers KEY_FUNCTION (store/sort-key.ts's sortKey; deterministic, so indexes may use it). A
 * connection that writes `features` needs it (the sort indexes compute it): another SQLite client
 * gets "unknown function: sort_key_v1()" on a write (server/README.md, Sorting). Measured against
 * the same key in plain SQL (a replace() per letter): an index 2.2× a plain one to build, not 17×.
 */
export function registerSortKey(db: Database.Database): void {
  db.function(KEY_FUNCTION, { deterministic: true }, (v: unknown) =>
    typeof v === 'string' ? sortKey(v) : v,
  );
}

/** What a sortable orders by on alias `alias` (the expression of its index): a text's key, a number's value. */
function sortTerm(s: Sortable, alias = 'f.'): string {
  const value = propertyExpr(s.name, alias);
  return s.type === 'string' ? `${KEY_FUNCTION}(${value})` : value;
}

/** The sort indexes of the catalog on SQLite: their DDL, and the index of one collection's sortable. */
export interface SortIndexes {
  create: string;
  drop: string;
  /** DROP statements for sort indexes in the database the catalog no longer declares. */
  stale(existing: readonly string[]): string;
  /** The index that walks `collection` in the order of `property`; undefined when not sortable. */
  indexOf(collection: string, property: string): string | undefined;
  /** ORDER BY of `keys` on alias `f`: each key's term, then fid in the direction of the last key. */
  orderSql(collection: string, keys: readonly SortKey[]): string;
}

/**
 * One partial expression index per (collection, sortable) (store/sort-indexes.ts) on
 * `json_extract(geojson, '$.properties."<name>"')` — for text, on its sort key (store/sort-key.ts)
 * — over the rows of that collection only (`WHERE collection = '<id>'`), so its entries are
 * (key, fid) in order: a sorted page is a walk of it, forwards or backwards, never a sort, and a
 * row is only in the indexes of its own collection's sortables. Missing and null values are entries too (they sort first). Made when
 * the store opens and rebuilt around a seed, like the queryable indexes.
 */
export function sortIndexes(catalog: Catalog): SortIndexes {
  const defs = sortIndexDefs(catalog).map((d) => {
    // Collection ids match ^[a-z][a-z0-9-]*$ (geodata/rules/catalog.ts): safe as a literal.
    const definition = `ON features (${sortTerm(d.sortable, '')}) WHERE collection = '${d.collection}'`;
    return { ...d, definition, name: sortIndexName(d, definition) };
  });
  const byKey = new Map(defs.map((d) => [`${d.collection}\u0000${d.sortable.name}`, d]));
  return {
    create: defs.map((d) => `CREATE INDEX IF NOT EXISTS ${d.name} ${d.definition};`).join('\n'),
    drop: defs.map((d) => `DROP INDEX IF EXISTS ${d.name};`).join('\n'),
    stale: (existing) =>
      staleSortIndexNames(existing, new Set(defs.map((d) => d.name)))
        .map((n) => `DROP INDEX IF EXISTS ${n};`)
        .join('\n'),
    indexOf: (collection, property) => byKey.get(`${collection}\u0000${property}`)?.name,
    orderSql: (collection, keys) => {
      const dir = (descending: boolean) => (descending ? 'DESC' : 'ASC');
      const terms = keys.map((k) => {
        const def = byKey.get(`${collection}\u0000${k.property}`);
        const sortable = def?.sortable ?? { name: k.property, type: 'string' as const };
        return `${sortTerm(sortable)} ${dir(k.descending)}`;
      });
      return [...terms, `f.fid ${dir(keys[keys.length - 1]?.descending ?? false)}`].join(', ');
    },
  };
}

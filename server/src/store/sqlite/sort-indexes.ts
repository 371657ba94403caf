import type { Catalog } from '../../catalog/catalog';
import type { Sortable } from '../../catalog/sortables';
import type { SortKey } from '../feature-store';
import { sortIndexDefs, staleSortIndexNames } from '../sort-indexes';
import { SORT_KEY_PAIRS } from '../sort-key';
import { propertyExpr } from './query-sql';

/** store/sort-key.ts's key of a text expression, in plain SQL: one replace() per letter. */
function textKeySql(expr: string): string {
  return SORT_KEY_PAIRS.reduce((sql, [from, to]) => `replace(${sql}, '${from}', '${to}')`, expr);
}

/** What a sortable orders by on alias `alias` (the expressions of its index): the key and the value of text, the value of a number. */
function sortTerms(s: Sortable, alias = 'f.'): string[] {
  const value = propertyExpr(s.name, alias);
  return s.type === 'string' ? [textKeySql(value), value] : [value];
}

/** The sort indexes of the catalog on SQLite: their DDL, and the index of one collection's sortable. */
export interface SortIndexes {
  create: string;
  drop: string;
  /** DROP statements for sort indexes in the database the catalog no longer declares. */
  stale(existing: readonly string[]): string;
  /** The index that walks `collection` in the order of `property`; undefined when not sortable. */
  indexOf(collection: string, property: string): string | undefined;
  /** ORDER BY of `keys` on alias `f`: each key's terms, then fid in the direction of the last key. */
  orderSql(collection: string, keys: readonly SortKey[]): string;
}

/**
 * One partial expression index per (collection, sortable) (store/sort-indexes.ts) on
 * `json_extract(geojson, '$.properties."<name>"')` — for text, on its sort key (store/sort-key.ts)
 * and then itself — over the rows of that collection only (`WHERE collection = '<id>'`), so its
 * entries are (key, value, fid) in order — a sorted page is a
 * walk of it, forwards or backwards, never a sort — and a row is only in the indexes of its own
 * collection's sortables. Missing and null values are entries too (they sort first). Made when
 * the store opens and rebuilt around a seed, like the queryable indexes.
 */
export function sortIndexes(catalog: Catalog): SortIndexes {
  const defs = sortIndexDefs(catalog);
  const byKey = new Map(defs.map((d) => [`${d.collection}\u0000${d.sortable.name}`, d]));
  return {
    // Collection ids match ^[a-z][a-z0-9-]*$ (geodata/rules/catalog.ts): safe as a literal.
    create: defs
      .map(
        (d) =>
          `CREATE INDEX IF NOT EXISTS ${d.name} ON features (${sortTerms(d.sortable, '').join(', ')}) WHERE collection = '${d.collection}';`,
      )
      .join('\n'),
    drop: defs.map((d) => `DROP INDEX IF EXISTS ${d.name};`).join('\n'),
    stale: (existing) =>
      staleSortIndexNames(existing, defs)
        .map((n) => `DROP INDEX IF EXISTS ${n};`)
        .join('\n'),
    indexOf: (collection, property) => byKey.get(`${collection}\u0000${property}`)?.name,
    orderSql: (collection, keys) => {
      const dir = (descending: boolean) => (descending ? 'DESC' : 'ASC');
      const terms = keys.flatMap((k) => {
        const def = byKey.get(`${collection}\u0000${k.property}`);
        const sortable = def?.sortable ?? { name: k.property, type: 'string' as const };
        return sortTerms(sortable).map((t) => `${t} ${dir(k.descending)}`);
      });
      return [...terms, `f.fid ${dir(keys[keys.length - 1]?.descending ?? false)}`].join(', ');
    },
  };
}

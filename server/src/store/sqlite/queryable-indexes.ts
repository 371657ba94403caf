import type { Catalog } from '../../catalog/catalog';
import { propertyExpr } from './query-sql';

/**
 * One partial expression index per queryable property of the catalog (`?sector=mining` and the
 * like): entries for the features that have a value, in fid (= id) order per value, so a filtered
 * page is an index range and its count is an index count. Derived from the catalog when the store
 * opens (a new queryable gets its index then), dropped and rebuilt around a bulk load.
 */
export function queryableIndexes(catalog: Catalog): {
  properties: Set<string>;
  create: string;
  drop: string;
} {
  const properties = new Set(
    catalog.collections.flatMap((c) => c.queryables).filter((name) => /^[A-Za-z0-9_]{1,64}$/.test(name)),
  );
  const names = [...properties];
  return {
    properties,
    create: names
      .map((p) => {
        const expr = propertyExpr(p, '');
        return `CREATE INDEX IF NOT EXISTS features_by_${p} ON features (${expr}) WHERE ${expr} IS NOT NULL;`;
      })
      .join('\n'),
    drop: names.map((p) => `DROP INDEX IF EXISTS features_by_${p};`).join('\n'),
  };
}

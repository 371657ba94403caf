import type { Catalog } from '../../catalog/catalog';
import { sortablesOf } from '../../catalog/sortables';
import type { FeatureQuery } from '../feature-store';
import { COUNT_CAP } from '../rows';
import type { Connection } from './connection';
import { collectionStats } from './feature-reads';
import { buildWhere, hasConditions, Params } from './query-sql';
import { orderSql } from './sort-indexes';

export interface SortedPage<R> {
  rows: R[];
  numberMatched?: number;
  hasMore: boolean;
}

/**
 * Sorted pages on PostGIS (`FeatureQuery.sortby`), kept apart from the id-order read path:
 * - no bbox, q or filter: a scan of the first key's sort index (sort-indexes.ts), forwards or
 *   backwards, `LIMIT limit + 1 OFFSET offset` — no Sort node (later keys: an Incremental Sort of
 *   the runs of equal first keys);
 * - with conditions: the capped count of the id-order path (at most COUNT_CAP + 1 matches); at most
 *   COUNT_CAP → those matches are read through the id-order path's indexes (GiST, trigram, key)
 *   behind an OFFSET 0 fence and sorted (≤ COUNT_CAP rows), counted exactly; more → the sort
 *   index is walked testing each row (a large share matches), numberMatched only when the page
 *   ends the results. Every statement runs under the pool's statement timeout.
 */
export function postgisSortedReads(conn: Connection, catalog: Catalog) {
  return async <R extends object>(
    collection: string,
    query: FeatureQuery,
    columns: string,
  ): Promise<SortedPage<R>> => {
    const def = catalog.collection(collection);
    const order = orderSql(query.sortby ?? [], def ? sortablesOf(def) : []);
    const p = new Params();
    const where = buildWhere(collection, query, p);
    let matched: number | undefined;
    let sql = `SELECT ${columns} FROM features f ${where} ORDER BY ${order}`;
    if (hasConditions(query)) {
      const count = new Params();
      const { rows } = await conn.query<{ n: number }>(
        `SELECT count(*) AS n FROM (SELECT 1 FROM features f ${buildWhere(collection, query, count)} LIMIT ${count.add(COUNT_CAP + 1)}) m`,
        count.values,
      );
      const n = rows[0]?.n ?? 0;
      if (n <= COUNT_CAP) {
        matched = n;
        sql = `SELECT ${columns} FROM (SELECT * FROM features f ${where} OFFSET 0) f ORDER BY ${order}`;
      }
    } else {
      matched = (await collectionStats(conn, collection))?.features ?? 0;
    }
    const { rows } = await conn.query<R>(
      `${sql} LIMIT ${p.add(query.limit + 1)} OFFSET ${p.add(query.offset)}`,
      p.values,
    );
    const hasMore = rows.length > query.limit;
    if (hasMore) rows.pop();
    if (matched === undefined && !hasMore && (rows.length > 0 || query.offset === 0))
      matched = query.offset + rows.length;
    return { rows, numberMatched: matched, hasMore };
  };
}

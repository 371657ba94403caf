import { bboxPolygon, booleanIntersects } from '@turf/turf';
import { indexBox } from '../../cql2/index-box';
import type { FeatureQuery } from '../feature-store';
import { COUNT_CAP } from '../rows';
import type { Connection } from './connection';
import { geometryOf, type PageColumns, type PageRow, type ReadPage, SELECT } from './feature-reads';
import { fidRange } from './fid';
import {
  conditionsSql,
  exactBoxSql,
  indexableWord,
  propertyExpr,
  qWords,
  rtreeSql,
  type SqlPart,
  textIndexSql,
} from './query-sql';
import type { SortIndexes } from './sort-indexes';

/** What a sorted read needs to know of the collection. */
export interface SortedTarget {
  collection: string;
  code: number;
  features: number;
  nonPoints: number;
}

/**
 * Sorted pages (`FeatureQuery.sortby`), kept apart from the id-order read path. Cost, whatever
 * the query (server/README.md, Sorting):
 * - no bbox, q or filter: a walk of the first key's sort index (sort-indexes.ts), forwards or
 *   backwards, `LIMIT limit + 1 OFFSET offset` — never a sort (later keys order only the ties of
 *   the first, in a temp b-tree per run of equal values);
 * - with conditions, when the matches are known to be at most COUNT_CAP through an index (the
 *   collection holds at most COUNT_CAP features, the R*Tree finds at most COUNT_CAP candidates,
 *   the trigram index or one filter's index at most COUNT_CAP rows): those matches are read by
 *   that index and sorted (≤ COUNT_CAP rows), counted exactly; polygons and lines refined with
 *   turf as on the id-order path;
 * - otherwise (more candidates than COUNT_CAP): the walk of the sort index testing each row, as
 *   the id-order path walks the id order; numberMatched only when the page ends the results.
 */
export function sortedReads(conn: Connection, indexes: SortIndexes, indexed: ReadonlySet<string>) {
  const { prepare } = conn;

  const capped = (sql: string, params: (string | number)[]): number =>
    prepare(`SELECT count(*) FROM (${sql} LIMIT ${COUNT_CAP + 1})`)
      .pluck()
      .get(...params) as number;

  /** FROM + WHERE of the rows that can match, through an index finding at most COUNT_CAP of them; undefined when none does. */
  const fewCandidates = (t: SortedTarget, query: FeatureQuery): SqlPart | undefined => {
    const [first, last] = fidRange(t.code);
    const box = query.bbox ?? (query.filter ? indexBox(query.filter) : undefined);
    const exact = box ? exactBoxSql(box) : { sql: '', params: [] };
    if (t.features <= COUNT_CAP) {
      const c = conditionsSql(t.code, query);
      return {
        sql: `features f WHERE f.fid BETWEEN ? AND ?${exact.sql}${c.sql}`,
        params: [first, last, ...exact.params, ...c.params],
      };
    }
    if (box) {
      const rtree = rtreeSql(t.code, box);
      // Polygons and lines need every candidate refined (few rows: districts, clusters).
      if (
        t.nonPoints === 0 &&
        capped(`SELECT 1 FROM features_rtree r WHERE ${rtree.sql}`, rtree.params) > COUNT_CAP
      )
        return undefined;
      const c = conditionsSql(t.code, query);
      return {
        sql: `features_rtree r CROSS JOIN features f ON f.fid = r.fid WHERE ${rtree.sql}${exact.sql}${c.sql}`,
        params: [...rtree.params, ...exact.params, ...c.params],
      };
    }
    const words = qWords(query.q).filter(indexableWord);
    if (words.length > 0) {
      const text = textIndexSql(words);
      const from = `features_fts t CROSS JOIN features f ON f.fid = t.rowid WHERE t.rowid BETWEEN ? AND ?${text.sql}`;
      if (capped(`SELECT 1 FROM ${from}`, [first, last, ...text.params]) > COUNT_CAP) return undefined;
      const rest = conditionsSql(t.code, query, words);
      return { sql: `${from}${rest.sql}`, params: [first, last, ...text.params, ...rest.params] };
    }
    for (const filter of query.filters ?? []) {
      if (!indexed.has(filter.property)) continue;
      const value = typeof filter.value === 'boolean' ? Number(filter.value) : filter.value;
      const range = `features f WHERE f.fid BETWEEN ? AND ? AND ${propertyExpr(filter.property)} = ?`;
      if (capped(`SELECT 1 FROM ${range}`, [first, last, value]) > COUNT_CAP) continue;
      const c = conditionsSql(t.code, query);
      return { sql: `features f WHERE f.fid BETWEEN ? AND ?${c.sql}`, params: [first, last, ...c.params] };
    }
    return undefined;
  };

  /** The matches among the candidates (polygons and lines refined with turf). */
  const matchesOf = (t: SortedTarget, query: FeatureQuery, from: SqlPart): number[] => {
    const box = query.bbox ?? (query.filter ? indexBox(query.filter) : undefined);
    if (!box || t.nonPoints === 0) {
      return prepare(`SELECT f.fid FROM ${from.sql}`)
        .pluck()
        .all(...from.params) as number[];
    }
    const rows = prepare(`SELECT f.fid, f.geometry_type, f.geojson FROM ${from.sql}`)
      .raw()
      .all(...from.params) as [number, string, string][];
    const polygon = bboxPolygon(box);
    return rows
      .filter(([, type, text]) => type === 'Point' || booleanIntersects(polygon, geometryOf(text)))
      .map(([fid]) => fid);
  };

  /** A page of `fids` (all the matches) in sort order: a sort of at most COUNT_CAP rows. */
  const sortMatches = (
    t: SortedTarget,
    fids: number[],
    query: FeatureQuery,
    columns: PageColumns,
  ): ReadPage => {
    const rows = prepare(
      `SELECT ${SELECT[columns]} FROM json_each(?) j CROSS JOIN features f ON f.fid = j.value
       ORDER BY ${indexes.orderSql(t.collection, query.sortby ?? [])} LIMIT ? OFFSET ?`,
    )
      .raw()
      .all(JSON.stringify(fids), query.limit, query.offset) as PageRow[];
    return { rows, numberMatched: fids.length, hasMore: query.offset + rows.length < fids.length };
  };

  /** The walk of the first key's sort index, testing `where` on each row, until limit + 1 matches. */
  const walk = (t: SortedTarget, where: SqlPart, query: FeatureQuery, columns: PageColumns): ReadPage => {
    const keys = query.sortby ?? [];
    const index = indexes.indexOf(t.collection, keys[0]?.property ?? '');
    if (!index) throw new Error(`no sort index for ${t.collection}.${keys[0]?.property}`);
    const rows = prepare(
      `SELECT ${SELECT[columns]} FROM features f INDEXED BY ${index}
       WHERE f.collection = '${t.collection}'${where.sql} ORDER BY ${indexes.orderSql(t.collection, keys)} LIMIT ? OFFSET ?`,
    )
      .raw()
      .all(...where.params, query.limit + 1, query.offset) as PageRow[];
    const hasMore = rows.length > query.limit;
    if (hasMore) rows.pop();
    const pageEnds = !hasMore && (rows.length > 0 || query.offset === 0);
    return { rows, numberMatched: pageEnds ? query.offset + rows.length : undefined, hasMore };
  };

  return {
    /** One sorted page of `query` (its `sortby` names sortables of the collection). */
    page(t: SortedTarget, query: FeatureQuery, columns: PageColumns): ReadPage {
      const box = query.bbox ?? (query.filter ? indexBox(query.filter) : undefined);
      const conditions = conditionsSql(t.code, query);
      if (!box && conditions.sql === '') {
        return { ...walk(t, conditions, query, columns), numberMatched: t.features };
      }
      const few = fewCandidates(t, query);
      if (few) return sortMatches(t, matchesOf(t, query, few), query, columns);
      const exact = box ? exactBoxSql(box) : { sql: '', params: [] };
      return walk(
        t,
        { sql: exact.sql + conditions.sql, params: [...exact.params, ...conditions.params] },
        query,
        columns,
      );
    },
  };
}

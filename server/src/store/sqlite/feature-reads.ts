import { bboxPolygon, booleanIntersects } from '@turf/turf';
import type { Geometry } from 'geojson';
import type { Bbox, FeatureQuery } from '../feature-store';
import type { CollectionCodes } from './collection-codes';
import type { Connection } from './connection';
import { fidRange } from './fid';
import {
  certainOrExactSql,
  conditionsSql,
  exactBoxSql,
  propertyExpr,
  rtreeSql,
  type SqlPart,
} from './query-sql';

/**
 * The most R*Tree entries (or rows, for a filter without a bbox) one query counts to give an
 * exact `numberMatched`; past it the count is left out. 10,000 entries cost ≈ 2 ms here.
 */
export const COUNT_CAP = 10_000;

/** Which columns a page carries, as raw arrays: [fid, geojson] or the full row. */
export type PageColumns = 'text' | 'full';
const SELECT: Record<PageColumns, string> = {
  text: 'f.fid, f.geojson',
  full: 'f.fid, f.geojson, f.collection, f.id, f.version, f.created_at, f.updated_at',
};

/** A row of a page: fid and GeoJSON text first, then (for 'full') collection, id, version, created, updated. */
export type PageRow = [number, string, ...unknown[]];

export interface ReadPage {
  rows: PageRow[];
  /** Exact number of matches, or undefined when it was not cheap to count. */
  numberMatched?: number;
  /** Whether matches follow this page. */
  hasMore: boolean;
}

interface Stats {
  features: number;
  non_points: number;
}

/**
 * The read path of `features`: every query reads a bounded number of index entries and rows
 * (see server/README.md, Queries). A page is in id order (= fid order). `indexed`: the properties
 * with a queryable index (queryable-indexes.ts).
 */
export function featureReads(conn: Connection, codes: CollectionCodes, indexed: ReadonlySet<string>) {
  const { prepare } = conn;
  const stats = (code: number): Stats =>
    (prepare('SELECT features, non_points FROM collection_stats WHERE code = ?').get(code) as
      | Stats
      | undefined) ?? {
      features: 0,
      non_points: 0,
    };

  /** The rows of these fids (ascending), in that order. */
  const rowsOf = (fids: number[], columns: PageColumns): PageRow[] => {
    if (fids.length === 0) return [];
    const rows = prepare(
      `SELECT ${SELECT[columns]} FROM json_each(?) j CROSS JOIN features f ON f.fid = j.value`,
    )
      .raw()
      .all(JSON.stringify(fids)) as PageRow[];
    // The loop runs in json_each order; SQLite does not promise the output order, so check.
    if (rows.some((r, i) => i > 0 && r[0] < rows[i - 1]![0])) rows.sort((a, b) => a[0] - b[0]);
    return rows;
  };

  /** A page from all matches (fids in any order): exact count, then the page's rows. */
  const fromMatches = (fids: number[], query: FeatureQuery, columns: PageColumns): ReadPage => {
    const sorted = Float64Array.from(fids).sort();
    const page = Array.from(sorted.subarray(query.offset, query.offset + query.limit));
    return {
      rows: rowsOf(page, columns),
      numberMatched: sorted.length,
      hasMore: query.offset + page.length < sorted.length,
    };
  };

  /**
   * Walks the collection's rowid range in id order, testing each row, until the page (and one
   * more row, to know whether another page follows) is found. Reads about (offset + limit) / share
   * rows, where share is the fraction of the collection that matches.
   */
  const scan = (
    code: number,
    where: SqlPart,
    query: FeatureQuery,
    columns: PageColumns,
    countable: boolean,
  ): ReadPage => {
    const [first, last] = fidRange(code);
    const rows = prepare(
      `SELECT ${SELECT[columns]} FROM features f WHERE f.fid BETWEEN ? AND ?${where.sql}
       ORDER BY f.fid LIMIT ? OFFSET ?`,
    )
      .raw()
      .all(first, last, ...where.params, query.limit + 1, query.offset) as PageRow[];
    const hasMore = rows.length > query.limit;
    if (hasMore) rows.pop();
    const pageEnds = !hasMore && (rows.length > 0 || query.offset === 0);
    let numberMatched: number | undefined;
    if (pageEnds) numberMatched = query.offset + rows.length;
    else if (countable) {
      numberMatched = prepare(`SELECT count(*) FROM features f WHERE f.fid BETWEEN ? AND ?${where.sql}`)
        .pluck()
        .get(first, last, ...where.params) as number;
    }
    return { rows, numberMatched, hasMore };
  };

  /** Points only: the R*Tree finds the matches; exact and counted while there are at most COUNT_CAP. */
  const pointBox = (code: number, bbox: Bbox, query: FeatureQuery, columns: PageColumns): ReadPage => {
    const rtree = rtreeSql(code, bbox);
    const conditions = conditionsSql(query);
    let fids: number[] | undefined;
    if (conditions.sql === '') {
      const exact = certainOrExactSql(bbox);
      fids = prepare(`SELECT r.fid FROM features_rtree r WHERE ${rtree.sql}${exact.sql} LIMIT ?`)
        .pluck()
        .all(...rtree.params, ...exact.params, COUNT_CAP + 1) as number[];
    } else {
      const candidates = prepare(
        `SELECT count(*) FROM (SELECT 1 FROM features_rtree r WHERE ${rtree.sql} LIMIT ?)`,
      )
        .pluck()
        .get(...rtree.params, COUNT_CAP + 1) as number;
      if (candidates <= COUNT_CAP) {
        const exact = exactBoxSql(bbox);
        fids = prepare(
          `SELECT f.fid FROM features_rtree r CROSS JOIN features f ON f.fid = r.fid
           WHERE ${rtree.sql}${exact.sql}${conditions.sql}`,
        )
          .pluck()
          .all(...rtree.params, ...exact.params, ...conditions.params) as number[];
      }
    }
    if (fids !== undefined && fids.length <= COUNT_CAP) return fromMatches(fids, query, columns);
    // Many matches: walking the id order finds the page soon (a large share of the rows match).
    const exact = exactBoxSql(bbox);
    const where = { sql: exact.sql + conditions.sql, params: [...exact.params, ...conditions.params] };
    return scan(code, where, query, columns, false);
  };

  /**
   * A collection holding polygons or lines (few features: districts, province, clusters): every
   * R*Tree candidate is read and non-points are tested exactly with turf.
   */
  const refinedBox = (code: number, bbox: Bbox, query: FeatureQuery, columns: PageColumns): ReadPage => {
    const rtree = rtreeSql(code, bbox);
    const exact = exactBoxSql(bbox);
    const conditions = conditionsSql(query);
    const candidates = prepare(
      `SELECT f.fid, f.geometry_type, f.geojson FROM features_rtree r CROSS JOIN features f ON f.fid = r.fid
       WHERE ${rtree.sql}${exact.sql}${conditions.sql}`,
    )
      .raw()
      .all(...rtree.params, ...exact.params, ...conditions.params) as [number, string, string][];
    const box = bboxPolygon(bbox);
    const fids = candidates
      .filter(([, type, text]) => type === 'Point' || booleanIntersects(box, geometryOf(text)))
      .map(([fid]) => fid);
    return fromMatches(fids, query, columns);
  };

  /** Whether one of the filters has an index holding at most COUNT_CAP entries in the collection. */
  const fewIndexed = (code: number, query: FeatureQuery): boolean => {
    const [first, last] = fidRange(code);
    return (query.filters ?? []).some((filter) => {
      if (!indexed.has(filter.property)) return false;
      const value = typeof filter.value === 'boolean' ? Number(filter.value) : filter.value;
      const n = prepare(
        `SELECT count(*) FROM (SELECT 1 FROM features f WHERE f.fid BETWEEN ? AND ?
           AND ${propertyExpr(filter.property)} = ? LIMIT ?)`,
      )
        .pluck()
        .get(first, last, value, COUNT_CAP + 1) as number;
      return n <= COUNT_CAP;
    });
  };

  return {
    /** One page of a query (see FeatureStore.queryFeatures for the order and count semantics). */
    page(collection: string, query: FeatureQuery, columns: PageColumns): ReadPage {
      const code = codes.find(collection);
      if (code === undefined) return { rows: [], numberMatched: 0, hasMore: false };
      const { features, non_points: nonPoints } = stats(code);
      if (query.bbox) {
        return nonPoints > 0
          ? refinedBox(code, query.bbox, query, columns)
          : pointBox(code, query.bbox, query, columns);
      }
      const conditions = conditionsSql(query);
      if (conditions.sql === '') {
        const page = scan(code, conditions, query, columns, false);
        return { ...page, numberMatched: features };
      }
      return scan(code, conditions, query, columns, features <= COUNT_CAP || fewIndexed(code, query));
    },
  };
}

function geometryOf(featureText: string): Geometry {
  return (JSON.parse(featureText) as { geometry: Geometry }).geometry;
}

import { bboxPolygon, booleanIntersects } from '@turf/turf';
import type { Geometry } from 'geojson';
import { indexBox } from '../../cql2/index-box';
import type { Bbox, FeatureQuery } from '../feature-store';
import { COUNT_CAP } from '../rows';
import type { CollectionCodes } from './collection-codes';
import type { Connection } from './connection';
import { fidRange } from './fid';
import type { ModelPage, PointModels } from './point-model';
import {
  certainOrExactSql,
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
import { sortedReads } from './sorted-reads';

/** Which columns a page carries, as raw arrays: [fid, geojson] or the full row. */
export type PageColumns = 'text' | 'full';
export const SELECT: Record<PageColumns, string> = {
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

/** Whether a query asks only a box (and a page): what the point models answer. */
function boxOnly(query: FeatureQuery): boolean {
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || key === 'bbox' || key === 'limit' || key === 'offset') continue;
    if (key === 'filters' && (value as unknown[]).length === 0) continue;
    if (key === 'q' && qWords(value as string).length === 0) continue;
    return false;
  }
  return true;
}

/**
 * The read path of `features`: every query reads a bounded number of index entries and rows
 * (see server/README.md, Queries). A page is in id order (= fid order). `indexed`: the properties
 * with a queryable index (queryable-indexes.ts). A plain box over a point collection is answered
 * by its in-memory model once built (`models`, point-model.ts), else by SQL.
 */
export function featureReads(
  conn: Connection,
  codes: CollectionCodes,
  indexed: ReadonlySet<string>,
  models: PointModels,
  sortIndexes: SortIndexes,
) {
  const { prepare } = conn;
  const sorted = sortedReads(conn, sortIndexes, indexed);
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

  /** Where a walk in id order reads: the table itself, or the trigram index joined to it. */
  interface Source {
    from: string;
    /** The rowid column the walk is ordered and bounded by. */
    key: string;
  }
  const TABLE: Source = { from: 'features f', key: 'f.fid' };
  const TEXT_INDEX: Source = {
    from: 'features_fts t CROSS JOIN features f ON f.fid = t.rowid',
    key: 't.rowid',
  };

  /**
   * Walks the collection's rowid range in id order (the table's, or the trigram index's for the
   * words of `q` it holds), testing each row, until the page and one more match (to know whether
   * another page follows) are found. Reads about (offset + limit) / share rows, where share is the
   * fraction of the walked rows that match.
   */
  const scan = (
    code: number,
    where: SqlPart,
    query: FeatureQuery,
    columns: PageColumns,
    countable: boolean,
    source: Source = TABLE,
  ): ReadPage => {
    const [first, last] = fidRange(code);
    const range = `${source.key} BETWEEN ? AND ?`;
    const rows = prepare(
      `SELECT ${SELECT[columns]} FROM ${source.from} WHERE ${range}${where.sql} ORDER BY ${source.key} LIMIT ? OFFSET ?`,
    )
      .raw()
      .all(first, last, ...where.params, query.limit + 1, query.offset) as PageRow[];
    const hasMore = rows.length > query.limit;
    if (hasMore) rows.pop();
    const pageEnds = !hasMore && (rows.length > 0 || query.offset === 0);
    let numberMatched: number | undefined;
    if (pageEnds) numberMatched = query.offset + rows.length;
    else if (countable) {
      numberMatched = prepare(`SELECT count(*) FROM ${source.from} WHERE ${range}${where.sql}`)
        .pluck()
        .get(first, last, ...where.params) as number;
    }
    return { rows, numberMatched, hasMore };
  };

  /**
   * `q` (and filters) without a bbox, when a word of q is long enough for the trigram index: the
   * walk follows the index's rowids (only rows holding those words); counted while the index
   * finds at most COUNT_CAP of them.
   */
  const textScan = (code: number, words: string[], query: FeatureQuery, columns: PageColumns): ReadPage => {
    const text = textIndexSql(words);
    const rest = conditionsSql(code, query, words);
    const [first, last] = fidRange(code);
    const candidates = prepare(
      `SELECT count(*) FROM (SELECT 1 FROM features_fts t WHERE t.rowid BETWEEN ? AND ?${text.sql} LIMIT ?)`,
    )
      .pluck()
      .get(first, last, ...text.params, COUNT_CAP + 1) as number;
    const where = { sql: text.sql + rest.sql, params: [...text.params, ...rest.params] };
    return scan(code, where, query, columns, candidates <= COUNT_CAP, TEXT_INDEX);
  };

  /** Points only: the R*Tree finds the matches; exact and counted while there are at most COUNT_CAP. */
  const pointBox = (code: number, bbox: Bbox, query: FeatureQuery, columns: PageColumns): ReadPage => {
    const rtree = rtreeSql(code, bbox);
    const conditions = conditionsSql(code, query);
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
    const conditions = conditionsSql(code, query);
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

  const page = (collection: string, query: FeatureQuery, columns: PageColumns): ReadPage => {
    const code = codes.find(collection);
    if (code === undefined) return { rows: [], numberMatched: 0, hasMore: false };
    const { features, non_points: nonPoints } = stats(code);
    // A sorted query has its own read path (sorted-reads.ts).
    if (query.sortby?.length) return sorted.page({ collection, code, features, nonPoints }, query, columns);
    // A CQL2 filter that requires S_INTERSECTS with one box at its top level is answered through
    // the R*Tree as a bbox query (the filter still applies to every candidate: same result).
    const bbox = query.bbox ?? (query.filter ? indexBox(query.filter) : undefined);
    if (bbox) {
      return nonPoints > 0 ? refinedBox(code, bbox, query, columns) : pointBox(code, bbox, query, columns);
    }
    const words = qWords(query.q).filter(indexableWord);
    if (words.length > 0) return textScan(code, words, query, columns);
    const conditions = conditionsSql(code, query);
    if (conditions.sql === '') {
      const walked = scan(code, conditions, query, columns, false);
      return { ...walked, numberMatched: features };
    }
    return scan(code, conditions, query, columns, features <= COUNT_CAP || fewIndexed(code, query));
  };

  return {
    /** One page of a query (see FeatureStore.queryFeatures for the order and count semantics). */
    page,
    /** A plain box over a point collection from its model, when built (else undefined: use page()). */
    modelPage(collection: string, query: FeatureQuery): ModelPage | undefined {
      const code = query.bbox && boxOnly(query) ? codes.find(collection) : undefined;
      if (code === undefined) return undefined;
      const model = models.ready(code, conn.revision(), () => stats(code).non_points === 0);
      return model?.page(query.bbox!, query.offset, query.limit);
    },
  };
}

export function geometryOf(featureText: string): Geometry {
  return (JSON.parse(featureText) as { geometry: Geometry }).geometry;
}

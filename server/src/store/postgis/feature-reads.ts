import type { Catalog, IndicatorRow } from '../../catalog/catalog';
import type {
  Bbox,
  DistrictAggregate,
  FeaturePage,
  FeatureQuery,
  FeatureStore,
  FeatureTextPage,
} from '../feature-store';
import { COUNT_CAP } from '../rows';
import type { Connection } from './connection';
import { COLUMNS, type FeatureRow, type featureRowWriter, toFeature } from './feature-rows';
import { buildWhere, hasConditions, Params } from './query-sql';
import { postgisSortedReads } from './sorted-reads';

export type ReadMethods = Pick<
  FeatureStore,
  | 'isEmpty'
  | 'getFeature'
  | 'queryFeatures'
  | 'queryFeaturesGeoJson'
  | 'collectionExtent'
  | 'aggregateByDistrict'
  | 'listIndicatorRows'
  | 'revision'
>;

const REVISION = "SELECT value AS revision FROM store_meta WHERE key = 'revision'";

interface Stats {
  features: number;
  non_points: number;
  min_lon: number | null;
  min_lat: number;
  max_lon: number;
  max_lat: number;
}

/** The trigger-kept counts and extent of a collection (migration 4); undefined when it never held a feature. */
export async function collectionStats(conn: Connection, collection: string): Promise<Stats | undefined> {
  const { rows } = await conn.query<Stats>(
    'SELECT features, non_points, min_lon, min_lat, max_lon, max_lat FROM collection_stats WHERE collection = $1',
    [collection],
  );
  return rows[0];
}

/**
 * Reads on PostGIS. The revision is read from the database on every call (one primary-key
 * lookup), so every instance sees the same number at once: caches keyed by it are exact.
 * Counts, extents and district counts are rows the write triggers keep (migration 4). A page reads
 * `limit + 1` rows in id order, so whether more follow is exact; `numberMatched` follows the
 * rules of FeaturePage with COUNT_CAP (the same cap as SQLite): a query with a bbox, q or filter
 * counts at most COUNT_CAP + 1 matches and leaves the count out above. Sums per district read
 * the collection's rows and are remembered per revision (industrial clusters' area: few rows).
 */
export function postgisFeatureReads(
  conn: Connection,
  rows: ReturnType<typeof featureRowWriter>,
  catalog: Catalog,
): ReadMethods {
  // A sorted query has its own read path (sorted-reads.ts).
  const sortedPage = postgisSortedReads(conn, catalog);
  let memoRevision = -1;
  const memo = new Map<string, unknown>();
  const revision = async (): Promise<number> =>
    (await conn.query<{ revision: number }>(REVISION)).rows[0]!.revision;

  /** `select` (one row) remembered per revision; its statement also reads the revision (one snapshot). */
  const remembered = async <R extends object>(key: string, select: string, params: unknown[]): Promise<R> => {
    const now = await revision();
    if (now === memoRevision && memo.has(key)) return memo.get(key) as R;
    const { rows: out } = await conn.query<R & { revision: number }>(
      `SELECT *, (${REVISION}) AS revision FROM (${select}) q`,
      params,
    );
    const { revision: rev, ...value } = out[0]!;
    // Another revision (newer, or older after a restore) replaces everything, as on SQLite.
    if (rev !== memoRevision) {
      memo.clear();
      memoRevision = rev;
    }
    memo.set(key, value);
    return value as unknown as R;
  };

  /**
   * numberMatched of a page of `n` rows: offset + n when the page ends the results, the
   * collection's count without conditions, else a count of at most COUNT_CAP + 1 matches.
   */
  const numberMatched = async (
    collection: string,
    query: FeatureQuery,
    n: number,
    hasMore: boolean,
  ): Promise<number | undefined> => {
    if (!hasMore && (n > 0 || query.offset === 0)) return query.offset + n;
    if (!hasConditions(query)) return (await collectionStats(conn, collection))?.features ?? 0;
    const p = new Params();
    const where = buildWhere(collection, query, p);
    const { rows: out } = await conn.query<{ n: number }>(
      `SELECT count(*) AS n FROM (SELECT 1 FROM features f ${where} LIMIT ${p.add(COUNT_CAP + 1)}) m`,
      p.values,
    );
    const count = out[0]?.n ?? 0;
    return count <= COUNT_CAP ? count : undefined;
  };

  /** The page's rows in id order plus one more when another page follows. */
  const pageSql = (collection: string, query: FeatureQuery, columns: string, p: Params): string =>
    `SELECT ${columns} FROM features f ${buildWhere(collection, query, p)}
     ORDER BY f.id LIMIT ${p.add(query.limit + 1)} OFFSET ${p.add(query.offset)}`;

  const queryFeatures = async (collection: string, query: FeatureQuery): Promise<FeaturePage> => {
    if (query.sortby?.length) {
      const page = await sortedPage<FeatureRow>(collection, query, COLUMNS);
      return { ...page, features: page.rows.map(toFeature) };
    }
    const p = new Params();
    const { rows: found } = await conn.query<FeatureRow>(pageSql(collection, query, COLUMNS, p), p.values);
    const hasMore = found.length > query.limit;
    if (hasMore) found.pop();
    return {
      features: found.map(toFeature),
      numberMatched: await numberMatched(collection, query, found.length, hasMore),
      hasMore,
    };
  };

  /**
   * The items fast path: the page's stored GeoJSON texts joined by PostgreSQL into one text (one
   * row comes back), the row past the page only counted.
   */
  const queryFeaturesGeoJson = async (collection: string, query: FeatureQuery): Promise<FeatureTextPage> => {
    if (query.sortby?.length) {
      const { rows: texts, ...page } = await sortedPage<{ geojson: string }>(collection, query, 'f.geojson');
      return { ...page, featuresJson: texts.map((r) => r.geojson).join(','), numberReturned: texts.length };
    }
    const p = new Params();
    const page = pageSql(collection, query, 'f.id, f.geojson', p);
    const { rows: out } = await conn.query<{ features: string | null; n: number }>(
      `SELECT string_agg(geojson, ',' ORDER BY id) FILTER (WHERE k <= ${p.add(query.limit)}) AS features,
         count(*) AS n
       FROM (SELECT id, geojson, row_number() OVER (ORDER BY id) AS k FROM (${page}) r) page`,
      p.values,
    );
    const hasMore = (out[0]?.n ?? 0) > query.limit;
    const n = hasMore ? query.limit : (out[0]?.n ?? 0);
    return {
      featuresJson: out[0]?.features ?? '',
      numberReturned: n,
      numberMatched: await numberMatched(collection, query, n, hasMore),
      hasMore,
    };
  };

  return {
    isEmpty: async () =>
      (
        await conn.query<{ empty: boolean }>(
          'SELECT NOT EXISTS (SELECT 1 FROM features) AND NOT EXISTS (SELECT 1 FROM indicator_values) AS empty',
        )
      ).rows[0]!.empty,
    getFeature: async (collection, id) => rows.get(conn, collection, id),
    queryFeatures,
    queryFeaturesGeoJson,
    collectionExtent: async (collection) => {
      const s = await collectionStats(conn, collection);
      return !s || s.features === 0 || s.min_lon === null
        ? undefined
        : ([s.min_lon, s.min_lat, s.max_lon, s.max_lat] as Bbox);
    },
    aggregateByDistrict: async (collection, sumProperty) => {
      if (sumProperty === undefined) {
        // Counts are kept per district by triggers (migration 4): no feature row is read.
        const { rows: counts } = await conn.query<DistrictAggregate>(
          `SELECT district_code AS "districtCode", n AS count, 0 AS sum, 0 AS summed FROM district_counts
           WHERE collection = $1 AND n > 0 ORDER BY district_code`,
          [collection],
        );
        return counts;
      }
      const { list } = await remembered<{ list: DistrictAggregate[] | null }>(
        `agg:${collection}:${sumProperty}`,
        `SELECT json_agg(a ORDER BY a."districtCode") AS list FROM (
           SELECT district_code AS "districtCode", count(*) AS count,
             coalesce(sum(CASE WHEN jsonb_typeof(properties -> $2) = 'number' THEN (properties ->> $2)::float8 END), 0) AS sum,
             count(CASE WHEN jsonb_typeof(properties -> $2) = 'number' THEN 1 END) AS summed
           FROM features WHERE collection = $1 AND district_code IS NOT NULL GROUP BY district_code) a`,
        [collection, sumProperty],
      );
      return list ?? [];
    },
    listIndicatorRows: async (indicator) =>
      (
        await conn.query<IndicatorRow>(
          `SELECT district_code, year, indicator, value, unit, status, source FROM indicator_values
           ${indicator === undefined ? '' : 'WHERE indicator = $1'} ORDER BY indicator, year, district_code`,
          indicator === undefined ? [] : [indicator],
        )
      ).rows,
    revision,
  };
}

import type { IndicatorRow } from '../../catalog/catalog';
import type { Bbox, DistrictAggregate, FeatureQuery, FeatureStore, FeatureTextPage } from '../feature-store';
import type { Connection } from './connection';
import { COLUMNS, type FeatureRow, type featureRowWriter, GEOJSON, toFeature } from './feature-rows';
import { buildWhere, Params } from './query-sql';

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

/**
 * Reads on PostGIS. The revision is read from the database on every call (one primary-key
 * lookup), so every instance sees the same number at once: caches keyed by it are exact. Counts,
 * extents and aggregates are remembered per revision, computed in the statement that also reads
 * the revision (one snapshot), so a remembered value is never from another revision than its key.
 */
export function postgisFeatureReads(
  conn: Connection,
  rows: ReturnType<typeof featureRowWriter>,
): ReadMethods {
  let memoRevision = -1;
  const memo = new Map<string, unknown>();
  /** The value of `key` at `revision`, or undefined (a new revision drops every remembered value). */
  const recall = <T>(key: string, revision: number): T | undefined => {
    if (revision !== memoRevision) return undefined;
    return memo.get(key) as T | undefined;
  };
  const keep = (key: string, revision: number, value: unknown): void => {
    // Another revision (newer, or older after a restore) replaces everything, as on SQLite.
    if (revision !== memoRevision || memo.size > 1000) {
      memo.clear();
      memoRevision = revision;
    }
    memo.set(key, value);
  };
  const revision = async (): Promise<number> =>
    (await conn.query<{ revision: number }>(REVISION)).rows[0]!.revision;

  /** `compute` (SQL selecting one row) memoised per revision; its statement also reads the revision. */
  const remembered = async <R extends object>(key: string, select: string, params: unknown[]): Promise<R> => {
    const hit = recall<R>(key, await revision());
    if (hit !== undefined) return hit;
    const { rows: out } = await conn.query<R & { revision: number }>(
      `SELECT *, (${REVISION}) AS revision FROM (${select}) q`,
      params,
    );
    const { revision: rev, ...value } = out[0]!;
    keep(key, rev, value);
    return value as unknown as R;
  };

  const countMatches = async (collection: string, query: FeatureQuery): Promise<number> => {
    const p = new Params();
    const where = buildWhere(collection, query, p);
    const { n } = await remembered<{ n: number }>(
      `n:${where}:${JSON.stringify(p.values)}`,
      `SELECT count(*) AS n FROM features f ${where}`,
      p.values,
    );
    return n;
  };

  const queryFeatures: ReadMethods['queryFeatures'] = async (collection, query) => {
    const p = new Params();
    const where = buildWhere(collection, query, p);
    const { rows: found } = await conn.query<FeatureRow>(
      `SELECT ${COLUMNS} FROM features f ${where} ORDER BY f.id LIMIT ${p.add(query.limit)} OFFSET ${p.add(query.offset)}`,
      p.values,
    );
    const n = found.length;
    const pageTellsCount = (n > 0 && n < query.limit) || (n === 0 && query.offset === 0);
    const numberMatched = pageTellsCount ? query.offset + n : await countMatches(collection, query);
    return { features: found.map(toFeature), numberMatched, hasMore: query.offset + n < numberMatched };
  };

  /**
   * The items fast path: PostGIS writes each feature of the page as GeoJSON Feature text and
   * joins them, so one row of text comes back. A page that ends before `limit` tells the exact
   * count itself (offset + returned); otherwise the count is remembered per revision.
   */
  const queryFeaturesGeoJson = async (collection: string, query: FeatureQuery): Promise<FeatureTextPage> => {
    const p = new Params();
    const where = buildWhere(collection, query, p);
    const { rows: out } = await conn.query<{ features: string | null; n: number }>(
      `SELECT string_agg(j, ',' ORDER BY id) AS features, count(*) AS n FROM (
         SELECT f.id, '{"type":"Feature","id":' || f.id || ',"geometry":' || ${GEOJSON('f.geom')} ||
           ',"properties":' || f.properties::text || '}' AS j
         FROM features f ${where} ORDER BY f.id LIMIT ${p.add(query.limit)} OFFSET ${p.add(query.offset)}) page`,
      p.values,
    );
    const n = out[0]?.n ?? 0;
    const pageTellsCount = (n > 0 && n < query.limit) || (n === 0 && query.offset === 0);
    const numberMatched = pageTellsCount ? query.offset + n : await countMatches(collection, query);
    return {
      featuresJson: out[0]?.features ?? '',
      numberReturned: n,
      numberMatched,
      hasMore: query.offset + n < numberMatched,
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
      // Exact per-geometry bounds (ST_Extent's box is single precision).
      const e = await remembered<{ a: number | null; b: number; c: number; d: number }>(
        `extent:${collection}`,
        `SELECT min(ST_XMin(geom)) a, min(ST_YMin(geom)) b, max(ST_XMax(geom)) c, max(ST_YMax(geom)) d
         FROM features WHERE collection = $1`,
        [collection],
      );
      return e.a === null ? undefined : ([e.a, e.b, e.c, e.d] as Bbox);
    },
    aggregateByDistrict: async (collection, sumProperty) => {
      const { list } = await remembered<{ list: DistrictAggregate[] | null }>(
        `agg:${collection}:${sumProperty ?? ''}`,
        `SELECT json_agg(a ORDER BY a."districtCode") AS list FROM (
           SELECT district_code AS "districtCode", count(*) AS count,
             coalesce(sum(CASE WHEN jsonb_typeof(properties -> $2) = 'number' THEN (properties ->> $2)::float8 END), 0) AS sum,
             count(CASE WHEN jsonb_typeof(properties -> $2) = 'number' THEN 1 END) AS summed
           FROM features WHERE collection = $1 AND district_code IS NOT NULL GROUP BY district_code) a`,
        [collection, sumProperty ?? ''],
      );
      return (list ?? []).map((r) => (sumProperty ? r : { ...r, sum: 0, summed: 0 }));
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

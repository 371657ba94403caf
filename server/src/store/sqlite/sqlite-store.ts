import { bboxPolygon, booleanIntersects } from '@turf/turf';
import type { Geometry } from 'geojson';
import type { Catalog, IndicatorRow, SeedData } from '../../catalog/catalog';
import {
  type Bbox,
  type DistrictAggregate,
  type FeatureQuery,
  type FeatureStore,
  type FeatureTextPage,
  StoreNotEmpty,
} from '../feature-store';
import type { InquiryStore } from '../inquiry-store';
import type { UserStore } from '../user-store';
import { openConnection } from './connection';
import { COLUMNS, type FeatureRow, featureRowWriter, toFeature } from './feature-rows';
import { sqliteFeatureWrites } from './feature-writes';
import { sqliteInquiryMethods } from './inquiry-store';
import { buildFromWhere, jsonPath } from './query-sql';
import { asyncMethods, sqliteUserMethods } from './user-store';

export interface SqliteStoreOptions {
  /** Database file (its folder is created), or ':memory:'. */
  file: string;
  /** Which properties feed the `q` search column, per collection. */
  catalog: Catalog;
  /** Clock for timestamps of writes (default the real one). */
  now?: () => Date;
}

/** The SQLite backend holds features, history, users, sessions and inquiries in one database file. */
export type SqliteStore = FeatureStore & UserStore & InquiryStore;

function toGeoJsonText(row: FeatureRow): string {
  return `{"type":"Feature","id":${row.id},"geometry":${row.geometry},"properties":${row.properties}}`;
}

/** Opens (creating and migrating as needed) a SQLite feature store; see connection.ts for pragmas. */
export function openSqliteStore(options: SqliteStoreOptions): SqliteStore {
  const conn = openConnection(options.file);
  const { db, prepare, revision, remember } = conn;
  // Reads through a memory map (up to 256 MiB of the file) instead of read() calls: a bbox page at
  // 100,000 features costs about half (the OS page cache holds the file either way).
  db.pragma('mmap_size = 268435456');
  const rows = featureRowWriter(conn, options.catalog);
  const now = options.now ?? (() => new Date());

  const insertIndicator = (r: IndicatorRow): void => {
    prepare(
      `INSERT INTO indicator_values (indicator, year, district_code, value, unit, status, source)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(r.indicator, r.year, r.district_code, r.value, r.unit, r.status, r.source);
  };

  const isEmpty = (): boolean =>
    prepare('SELECT NOT EXISTS (SELECT 1 FROM features) AND NOT EXISTS (SELECT 1 FROM indicator_values)')
      .pluck()
      .get() === 1;

  const seed = db.transaction((data: SeedData, replace: boolean) => {
    if (!isEmpty()) {
      if (!replace) throw new StoreNotEmpty();
      db.exec(`DELETE FROM features; DELETE FROM features_rtree; DELETE FROM indicator_values;
        DELETE FROM feature_history; DELETE FROM deleted_features;`);
    }
    const at = now().toISOString();
    for (const f of data.features) rows.insert(f, 1, at, at);
    for (const r of data.indicators) insertIndicator(r);
  });

  const countMatches = (sql: string, params: (string | number)[]): number =>
    remember(
      `n:${sql}:${JSON.stringify(params)}`,
      () =>
        prepare(`SELECT count(*) ${sql}`)
          .pluck()
          .get(...params) as number,
    );

  /** How many bbox candidates are not points (those need an exact intersection test). */
  const nonPointCount = (collection: string, query: FeatureQuery): number => {
    const { sql, params } = buildFromWhere(collection, query);
    return remember(
      `np:${sql}:${JSON.stringify(params)}`,
      () =>
        prepare(`SELECT count(*) ${sql} AND f.geometry_type <> 'Point'`)
          .pluck()
          .get(...params) as number,
    );
  };

  /** Matching rows of one page plus the exact count; see FeatureStore.queryFeatures. */
  const queryRows = (
    collection: string,
    query: FeatureQuery,
  ): { rows: FeatureRow[]; numberMatched: number } => {
    const { sql, params } = buildFromWhere(collection, query);
    const key = `${sql}:${JSON.stringify(params)}`;
    const nonPoint = query.bbox
      ? remember(
          `np:${key}`,
          () =>
            prepare(`SELECT count(*) ${sql} AND f.geometry_type <> 'Point'`)
              .pluck()
              .get(...params) as number,
        )
      : 0;
    if (nonPoint > 0 && query.bbox) {
      // Box-vs-box is exact only for points; refine other geometries (few: districts, province).
      const box = bboxPolygon(query.bbox);
      const rows = (prepare(`SELECT ${COLUMNS} ${sql} ORDER BY f.id`).all(...params) as FeatureRow[]).filter(
        (r) => r.geometry_type === 'Point' || booleanIntersects(box, JSON.parse(r.geometry) as Geometry),
      );
      return { rows: rows.slice(query.offset, query.offset + query.limit), numberMatched: rows.length };
    }
    const numberMatched = remember(
      `n:${key}`,
      () =>
        prepare(`SELECT count(*) ${sql}`)
          .pluck()
          .get(...params) as number,
    );
    const rows = prepare(`SELECT ${COLUMNS} ${sql} ORDER BY f.id LIMIT ? OFFSET ?`).all(
      ...params,
      query.limit,
      query.offset,
    ) as FeatureRow[];
    return { rows, numberMatched };
  };

  /** Whether a collection holds any geometry other than a point (once per revision; facilities: no). */
  const hasNonPoints = (collection: string): boolean =>
    remember(
      `hasnp:${collection}`,
      () =>
        prepare("SELECT EXISTS (SELECT 1 FROM features WHERE collection = ? AND geometry_type <> 'Point')")
          .pluck()
          .get(collection) === 1,
    );

  /**
   * The items fast path: SQLite encodes each feature of the page as GeoJSON text (no parsing or
   * re-serializing in JS). A bbox over points only needs no exact refinement; and a page that ends
   * before `limit` tells the exact count by itself (offset + returned), so no count query runs.
   */
  const queryText = (collection: string, query: FeatureQuery): FeatureTextPage => {
    const { sql, params } = buildFromWhere(collection, query);
    if (query.bbox && hasNonPoints(collection) && nonPointCount(collection, query) > 0) {
      const { rows, numberMatched } = queryRows(collection, query);
      return { featuresJson: rows.map(toGeoJsonText).join(','), numberReturned: rows.length, numberMatched };
    }
    // Only ids are sorted (a small temp b-tree); the rows are read afterwards by rowid. Sorting
    // whole rows, or concatenating the page in SQL, made SQLite allocate ~200 KB per page, and in a
    // server that memory was fresh pages every time (≈50 page faults, ≈0.6 ms per page here).
    const page = prepare(
      `SELECT f.id, '{"type":"Feature","id":' || f.id || ',"geometry":' || f.geometry ||
         ',"properties":' || f.properties || '}'
       FROM (SELECT f.fid ${sql} ORDER BY f.id LIMIT ? OFFSET ?) p CROSS JOIN features f ON f.fid = p.fid`,
    )
      .raw()
      .all(...params, query.limit, query.offset) as [number, string][];
    // The join keeps the subquery's order in practice; SQLite does not promise it, so check.
    if (page.some((r, i) => i > 0 && r[0] < page[i - 1][0])) page.sort((a, b) => a[0] - b[0]);
    const n = page.length;
    const pageTellsCount = (n > 0 && n < query.limit) || (n === 0 && query.offset === 0);
    const numberMatched = pageTellsCount ? query.offset + n : countMatches(sql, params);
    return { featuresJson: page.map((r) => r[1]).join(','), numberReturned: n, numberMatched };
  };

  const aggregateByDistrict = (collection: string, sumProperty?: string): DistrictAggregate[] => {
    const path = jsonPath(sumProperty ?? '');
    const rows = prepare(
      `SELECT district_code AS districtCode, count(*) AS count,
         total(CASE WHEN json_type(properties, ?) IN ('integer', 'real') THEN json_extract(properties, ?) END) AS sum,
         count(CASE WHEN json_type(properties, ?) IN ('integer', 'real') THEN 1 END) AS summed
       FROM features WHERE collection = ? AND district_code IS NOT NULL
       GROUP BY district_code ORDER BY district_code`,
    ).all(path, path, path, collection) as DistrictAggregate[];
    return sumProperty ? rows : rows.map((r) => ({ ...r, sum: 0, summed: 0 }));
  };

  let closed = false;
  const guard = <T>(fn: () => T): Promise<T> => {
    try {
      if (closed) throw new Error('feature store is closed');
      return Promise.resolve(fn());
    } catch (err) {
      return Promise.reject(err);
    }
  };

  return {
    ...asyncMethods(sqliteFeatureWrites(conn, rows, now), guard),
    ...asyncMethods(sqliteUserMethods(conn), guard),
    ...asyncMethods(sqliteInquiryMethods(conn), guard),
    isEmpty: () => guard(isEmpty),
    seed: (data, opts) => guard(() => seed(data, opts?.replace === true)),
    getFeature: (collection, id) => guard(() => rows.get(collection, id)),
    queryFeatures: (collection, query) =>
      guard(() => {
        const { rows, numberMatched } = queryRows(collection, query);
        return { features: rows.map(toFeature), numberMatched };
      }),
    queryFeaturesGeoJson: (collection, query) => guard(() => queryText(collection, query)),
    collectionExtent: (collection) =>
      guard(() =>
        remember(`extent:${collection}`, () => {
          const row = prepare(
            'SELECT min(min_lon) a, min(min_lat) b, max(max_lon) c, max(max_lat) d FROM features WHERE collection = ?',
          ).get(collection) as { a: number | null; b: number; c: number; d: number };
          return row.a === null ? undefined : ([row.a, row.b, row.c, row.d] as Bbox);
        }),
      ),
    aggregateByDistrict: (collection, sumProperty) =>
      guard(() =>
        remember(`agg:${collection}:${sumProperty ?? ''}`, () =>
          aggregateByDistrict(collection, sumProperty),
        ),
      ),
    listIndicatorRows: (indicator) =>
      guard(() => {
        const sql = `SELECT district_code, year, indicator, value, unit, status, source FROM indicator_values
          ${indicator === undefined ? '' : 'WHERE indicator = ?'} ORDER BY indicator, year, district_code`;
        return prepare(sql).all(...(indicator === undefined ? [] : [indicator])) as IndicatorRow[];
      }),
    revision: () => guard(revision),
    close: () => {
      if (!closed) {
        closed = true;
        db.close();
      }
      return Promise.resolve();
    },
  };
}

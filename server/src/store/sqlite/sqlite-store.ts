import type { Catalog, IndicatorRow, SeedData } from '../../catalog/catalog';
import {
  type Bbox,
  type DistrictAggregate,
  type FeaturePage,
  type FeatureQuery,
  type FeatureStore,
  type FeatureTextPage,
  StoreNotEmpty,
} from '../feature-store';
import type { InquiryStore } from '../inquiry-store';
import type { UserStore } from '../user-store';
import { sqliteBatches } from './batches';
import { collectionCodes } from './collection-codes';
import { openConnection } from './connection';
import { registerCql2Functions } from './cql2-sql';
import { featureReads } from './feature-reads';
import { featureRowWriter, toFeature } from './feature-rows';
import { sqliteFeatureOps, sqliteFeatureWrites } from './feature-writes';
import { fidOf, fidRange } from './fid';
import { sqliteInquiryMethods } from './inquiry-store';
import { DERIVE_SQL, DROP_FEATURE_TRIGGERS, FEATURE_TRIGGERS } from './migration-3';
import { PointModels } from './point-model';
import { jsonPath } from './query-sql';
import { queryableIndexes } from './queryable-indexes';
import { registerSortKey, sortIndexes } from './sort-indexes';
import { sqliteTiles } from './tiles';
import { asyncMethods, sqliteUserMethods } from './user-store';

export interface SqliteStoreOptions {
  /** Database file (its folder is created), or ':memory:'. */
  file: string;
  /** Which properties feed the `q` search column, per collection. */
  catalog: Catalog;
  /** Clock for timestamps of writes (default the real one). */
  now?: () => Date;
  /** Sees every SQL statement run, parameters expanded (tests check their query plans). */
  trace?: (sql: string) => void;
  /**
   * Most GeoJSON text (characters) the in-memory point models may hold (point-model.ts; 0 = none,
   * every box query reads the database). Default DEFAULT_READ_MODEL_CHARS.
   */
  readModelChars?: number;
}

/** 1 GiB of text (READ_MODEL_MB=1024): 1,000,000 bench facilities take ≈ 0.6 GiB. */
export const DEFAULT_READ_MODEL_CHARS = 2 ** 30;

/** Page cache while a seed derives its tables (KiB). */
const SEED_CACHE_KIB = 512 * 1024;

/** The SQLite backend holds features, history, users, sessions and inquiries in one database file. */
export type SqliteStore = FeatureStore & UserStore & InquiryStore;

/** Opens (creating and migrating as needed) a SQLite feature store; see connection.ts for pragmas. */
export function openSqliteStore(options: SqliteStoreOptions): SqliteStore {
  const conn = openConnection(options.file, options.trace);
  const { db, prepare, revision, remember } = conn;
  // Reads through a memory map (up to 2 GiB of the file: 1,000,000 features take ≈ 0.9 GB)
  // instead of read() calls: a bbox page at 100,000 features costs about half (the OS page cache
  // holds the file either way; the map takes address space, not memory).
  db.pragma(`mmap_size = ${2 ** 31}`);
  registerCql2Functions(db);
  registerSortKey(db);
  const indexes = queryableIndexes(options.catalog);
  const sorts = sortIndexes(options.catalog);
  const existing = prepare("SELECT name FROM sqlite_master WHERE type = 'index'").pluck().all() as string[];
  db.exec(sorts.stale(existing) + indexes.create + sorts.create);
  const codes = collectionCodes(conn);
  const rows = featureRowWriter(conn, options.catalog, codes);
  const models = new PointModels(conn, options.readModelChars ?? DEFAULT_READ_MODEL_CHARS);
  const reads = featureReads(conn, codes, indexes.properties, models, sorts);
  const tiles = sqliteTiles(conn, codes, options.catalog);
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

  /**
   * A bulk load: the triggers and queryable indexes are dropped, the rows written in fid order
   * (appending to the table), every derived table computed once set-based (DERIVE_SQL, which also
   * builds the R*Tree in spatial order), the indexes and triggers created again. All in the seed's
   * one transaction.
   */
  const seed = db.transaction((data: SeedData, replace: boolean) => {
    if (!isEmpty() && !replace) throw new StoreNotEmpty();
    db.exec(DROP_FEATURE_TRIGGERS);
    db.exec(indexes.drop + sorts.drop);
    db.exec(`DELETE FROM features; DELETE FROM indicator_values; DELETE FROM feature_history;
      DELETE FROM deleted_features; DELETE FROM indicator_history; DELETE FROM batches;`);
    const at = now().toISOString();
    const keyed = data.features.map((f) => ({ f, fid: fidOf(codes.ensure(f.collection), f.id) }));
    keyed.sort((a, b) => a.fid - b.fid);
    for (const { f } of keyed) rows.insert(f, 1, at, at);
    for (const r of data.indicators) insertIndicator(r);
    db.exec(DERIVE_SQL);
    db.exec(indexes.create + sorts.create);
    db.exec(FEATURE_TRIGGERS);
    prepare("UPDATE store_meta SET value = value + 1 WHERE key = 'revision'").run();
  });

  const aggregateByDistrict = (collection: string, sumProperty?: string): DistrictAggregate[] => {
    const code = codes.find(collection);
    if (code === undefined) return [];
    if (sumProperty === undefined) {
      // Counts are kept per district by triggers (migration 3): no feature row is read.
      return prepare(
        `SELECT district_code AS districtCode, n AS count, 0 AS sum, 0 AS summed FROM district_counts
         WHERE code = ? AND n > 0 ORDER BY district_code`,
      ).all(code) as DistrictAggregate[];
    }
    // Sums read the collection's rows (used for industrial clusters' area: a handful of rows).
    const path = jsonPath(sumProperty);
    const [first, last] = fidRange(code);
    return prepare(
      `SELECT district_code AS districtCode, count(*) AS count,
         total(CASE WHEN json_type(geojson, ?) IN ('integer', 'real') THEN json_extract(geojson, ?) END) AS sum,
         count(CASE WHEN json_type(geojson, ?) IN ('integer', 'real') THEN 1 END) AS summed
       FROM features WHERE fid BETWEEN ? AND ? AND district_code IS NOT NULL
       GROUP BY district_code ORDER BY district_code`,
    ).all(path, path, path, first, last) as DistrictAggregate[];
  };

  const extent = (collection: string): Bbox | undefined => {
    const row = prepare(
      'SELECT min_lon a, min_lat b, max_lon c, max_lat d FROM collection_stats WHERE collection = ? AND features > 0',
    ).get(collection) as { a: number | null; b: number; c: number; d: number } | undefined;
    return row === undefined || row.a === null ? undefined : [row.a, row.b, row.c, row.d];
  };

  const queryText = (collection: string, query: FeatureQuery): FeatureTextPage => {
    const fromModel = reads.modelPage(collection, query);
    if (fromModel) {
      const { features, ...counts } = fromModel;
      return {
        ...counts,
        featuresBytes: features,
        get featuresJson() {
          const bytes = Buffer.allocUnsafe(features.length);
          features.copyTo(bytes, 0);
          return bytes.toString();
        },
      };
    }
    const page = reads.page(collection, query, 'text');
    return {
      featuresJson: page.rows.map((r) => r[1]).join(','),
      numberReturned: page.rows.length,
      numberMatched: page.numberMatched,
      hasMore: page.hasMore,
    };
  };

  const queryObjects = (collection: string, query: FeatureQuery): FeaturePage => {
    const page = reads.page(collection, query, 'full');
    const features = page.rows.map(([, geojson, c, id, version, created, updated]) =>
      toFeature({
        geojson,
        collection: c as string,
        id: id as number,
        version: version as number,
        created_at: created as string,
        updated_at: updated as string,
      }),
    );
    return { features, numberMatched: page.numberMatched, hasMore: page.hasMore };
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
    ...asyncMethods(
      sqliteBatches(conn, sqliteFeatureOps(conn, rows, now), rows, options.catalog, now),
      guard,
    ),
    ...asyncMethods(sqliteUserMethods(conn), guard),
    ...asyncMethods(sqliteInquiryMethods(conn), guard),
    isEmpty: () => guard(isEmpty),
    seed: (data, opts) =>
      guard(() => {
        // Writing rows, building the R*Tree and summing cells go through the page cache: a large
        // one while loading (memory is taken only as pages are used) speeds a 1,000,000-feature seed.
        const cacheSize = db.pragma('cache_size', { simple: true }) as number;
        db.pragma(`cache_size = ${-SEED_CACHE_KIB}`);
        try {
          seed(data, opts?.replace === true);
        } finally {
          db.pragma(`cache_size = ${cacheSize}`);
        }
        // A large seed leaves a WAL as big as the database until shutdown: fold it in and empty it.
        db.pragma('wal_checkpoint(TRUNCATE)');
      }),
    getFeature: (collection, id) => guard(() => rows.get(collection, id)),
    queryFeatures: (collection, query) => guard(() => queryObjects(collection, query)),
    queryFeaturesGeoJson: (collection, query) => guard(() => queryText(collection, query)),
    vectorTile: (collection, tile, where) => guard(() => tiles.vectorTile(collection, tile, where)),
    collectionExtent: (collection) => guard(() => extent(collection)),
    aggregateByDistrict: (collection, sumProperty) =>
      guard(() =>
        sumProperty === undefined
          ? aggregateByDistrict(collection)
          : remember(`agg:${collection}:${sumProperty}`, () => aggregateByDistrict(collection, sumProperty)),
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
        models.close();
        db.close();
      }
      return Promise.resolve();
    },
  };
}

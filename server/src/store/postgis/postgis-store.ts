import type { Catalog, IndicatorRow, SeedData } from '../../catalog/catalog';
import { type FeatureStore, StoreNotEmpty } from '../feature-store';
import type { InquiryStore } from '../inquiry-store';
import type { UserStore } from '../user-store';
import { postgisBatches } from './batches';
import { openConnection, type PoolOptions, type Queryable } from './connection';
import { postgisFeatureReads } from './feature-reads';
import { featureRowWriter } from './feature-rows';
import { postgisFeatureWrites } from './feature-writes';
import { postgisInquiryMethods } from './inquiry-store';
import { DERIVE_SQL } from './migration-4';
import { LOCK_SEED, lockSql, migrate, STARTUP_TIMEOUT } from './migrations';
import { ensureSortIndexes } from './sort-indexes';
import { postgisTiles } from './tiles';
import { postgisUserMethods } from './user-store';

export interface PostgisStoreOptions extends PoolOptions {
  /** Which properties feed the `q` search column, per collection. */
  catalog: Catalog;
  /** Clock for timestamps of writes (default the real one). */
  now?: () => Date;
}

/** The PostGIS backend holds features, history, users, sessions, login failures and inquiries in one database. */
export type PostgisStore = FeatureStore & UserStore & InquiryStore;

async function insertIndicators(tx: Queryable, rows: readonly IndicatorRow[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO indicator_values (indicator, year, district_code, value, unit, status, source)
     SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::float8[], $5::text[], $6::text[], $7::text[])`,
    [
      rows.map((r) => r.indicator),
      rows.map((r) => r.year),
      rows.map((r) => r.district_code),
      rows.map((r) => r.value),
      rows.map((r) => r.unit),
      rows.map((r) => r.status),
      rows.map((r) => r.source),
    ],
  );
}

/**
 * Opens a pool on DATABASE_URL and migrates the database (under an advisory lock, so instances
 * starting together migrate once). Rejects with StoreUnavailable when the database cannot be
 * reached, and with a clear message when its schema is newer than this server. Each method is one
 * statement or one transaction; SQL is parameterised throughout (see the README of this folder).
 */
export async function openPostgisStore(options: PostgisStoreOptions): Promise<PostgisStore> {
  const conn = openConnection(options);
  try {
    await migrate(conn);
    await ensureSortIndexes(conn, options.catalog);
  } catch (err) {
    await conn.close();
    throw err;
  }
  const rows = featureRowWriter(options.catalog);
  const now = options.now ?? (() => new Date());
  const reads = postgisFeatureReads(conn, rows, options.catalog);
  const tiles = postgisTiles(conn, options.catalog);

  const seed = (data: SeedData, replace: boolean): Promise<void> =>
    conn.transaction(async (tx) => {
      // Two instances seeding one empty database at once: the second waits here, then finds data.
      await tx.query(`SET LOCAL statement_timeout = '${STARTUP_TIMEOUT}'`);
      await tx.query(lockSql(LOCK_SEED));
      const { rows: state } = await tx.query<{ empty: boolean }>(
        'SELECT NOT EXISTS (SELECT 1 FROM features) AND NOT EXISTS (SELECT 1 FROM indicator_values) AS empty',
      );
      if (!state[0]?.empty) {
        if (!replace) throw new StoreNotEmpty();
        // TRUNCATE fires no row triggers: the derived tables (migration 4) go with it.
        await tx.query(
          `TRUNCATE features, indicator_values, feature_history, deleted_features, collection_stats,
             district_counts, point_cells, indicator_history, batches`,
        );
      }
      const at = now().toISOString();
      // A bulk load: the rows without the per-statement trigger, then every derived table once,
      // set-based (half the time at 100,000 features).
      await tx.query('ALTER TABLE features DISABLE TRIGGER features_derive_insert');
      await rows.insert(tx, data.features, 1, at, at);
      await tx.query(DERIVE_SQL);
      await tx.query('ALTER TABLE features ENABLE TRIGGER features_derive_insert');
      await insertIndicators(tx, data.indicators);
    });

  return {
    ...reads,
    ...postgisFeatureWrites(conn, rows, now),
    ...postgisBatches(conn, rows, options.catalog, now),
    ...postgisUserMethods(conn),
    ...postgisInquiryMethods(conn),
    seed: (data, opts) => seed(data, opts?.replace === true),
    vectorTile: (collection, tile, where) => tiles.vectorTile(collection, tile, where),
    close: () => conn.close(),
  };
}

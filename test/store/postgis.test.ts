import pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { Catalog } from '../../server/src/catalog/catalog';
import { loadCatalog, loadSeedData } from '../../server/src/catalog/load-catalog';
import { loadConfig } from '../../server/src/config';
import { parseFilter } from '../../server/src/cql2/parse';
import { queryablesOf } from '../../server/src/cql2/queryables';
import { StoreUnavailable, VersionConflict } from '../../server/src/store/feature-store';
import { openStore } from '../../server/src/store/open-store';
import { MIGRATIONS } from '../../server/src/store/postgis/migrations';
import { openPostgisStore } from '../../server/src/store/postgis/postgis-store';
import { buildWhere, Params } from '../../server/src/store/postgis/query-sql';
import { openPostgisUserStore } from '../../server/src/store/postgis/user-store';
import { openSqliteStore } from '../../server/src/store/sqlite/sqlite-store';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres';
import { FIXTURE_GEODATA } from '../helpers/server';
import { runBatchContract } from './batches.contract';
import { cql2Queryables, randomCql2Filters, runCql2Contract, seedCql2 } from './cql2.contract';
import { runFeatureStoreContract, type StoreHarness } from './feature-store.contract';
import { runFeatureStoreReadContract } from './feature-store-reads.contract';
import { runFeatureStoreWriteContract } from './feature-store-writes.contract';
import { runInquiryStoreContract } from './inquiry-store.contract';
import { runSortContract } from './sort.contract';
import { runTileFilterContract } from './tiles-filter.contract';
import { runUserStoreContract } from './user-store.contract';

/** A new database per harness (copied from the run's template in milliseconds), dropped by dispose. */
function postgisHarness(): StoreHarness & { database(): Promise<TestDatabase> } {
  let db: Promise<TestDatabase> | undefined;
  const database = () => {
    db ??= createTestDatabase();
    return db;
  };
  return {
    database,
    open: async (catalog: Catalog) => openPostgisStore({ url: (await database()).url, catalog }),
    dispose: async () => (await database()).drop(),
  };
}

runFeatureStoreContract('postgis', postgisHarness);
runFeatureStoreWriteContract('postgis', postgisHarness);
runFeatureStoreReadContract('postgis', postgisHarness);
runTileFilterContract('postgis', postgisHarness);
runCql2Contract('postgis', postgisHarness);
runSortContract('postgis', postgisHarness);
runBatchContract('postgis', postgisHarness);
runInquiryStoreContract('postgis', () => {
  const harness = postgisHarness();
  const catalog = loadCatalog(FIXTURE_GEODATA);
  return {
    open: async () => openPostgisStore({ url: (await harness.database()).url, catalog }),
    dispose: harness.dispose,
  };
});
runUserStoreContract('postgis', () => {
  const harness = postgisHarness();
  return {
    open: async () => openPostgisUserStore({ url: (await harness.database()).url }),
    dispose: harness.dispose,
  };
});

async function sql<T extends pg.QueryResultRow>(url: string, text: string, values?: unknown[]): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

describe('postgis specifics', () => {
  const catalog = loadCatalog(FIXTURE_GEODATA);
  const content = (name: string) => ({
    properties: { name },
    geometry: { type: 'Point' as const, coordinates: [103.7, 22.5] },
  });

  it('records numbered migrations and refuses a database from a newer server', async () => {
    const db = await createTestDatabase();
    await (await openPostgisStore({ url: db.url, catalog })).close();
    const rows = await sql<{ version: number }>(
      db.url,
      'SELECT version FROM schema_migrations ORDER BY version',
    );
    expect(rows.map((r) => r.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    await sql(db.url, 'INSERT INTO schema_migrations (version) VALUES ($1)', [MIGRATIONS.length + 1]);
    await expect(openPostgisStore({ url: db.url, catalog })).rejects.toThrow(
      `database schema version ${MIGRATIONS.length + 1} is newer than this server (${MIGRATIONS.length})`,
    );
    await db.drop();
  });

  it('stores geometry in a PostGIS column (SRID 4326) and answers a bbox through the GiST index', async () => {
    const db = await createTestDatabase();
    const store = await openPostgisStore({ url: db.url, catalog });
    const seed = loadSeedData(FIXTURE_GEODATA, catalog);
    const many = Array.from({ length: 5000 }, (_, i) => ({
      collection: 'craft-villages',
      id: 1000 + i,
      properties: { name: `Synthetic ${i}` },
      geometry: {
        type: 'Point' as const,
        coordinates: [103.5 + (i % 100) * 0.01, 21.9 + Math.floor(i / 100) * 0.01],
      },
    }));
    await store.seed({ ...seed, features: [...seed.features, ...many] });
    const [column] = await sql<{ srid: number; type: string }>(
      db.url,
      "SELECT srid, type FROM geometry_columns WHERE f_table_name = 'features' AND f_geometry_column = 'geom'",
    );
    expect(column).toEqual({ srid: 4326, type: 'GEOMETRY' });
    await sql(db.url, 'ANALYZE features');
    const p = new Params();
    const where = buildWhere('craft-villages', { bbox: [103.6, 22.0, 103.62, 22.02] }, p);
    const plan = await sql<{ 'QUERY PLAN': string }>(
      db.url,
      `EXPLAIN SELECT f.id FROM features f ${where} ORDER BY f.id LIMIT 100`,
      p.values,
    );
    const text = plan.map((r) => r['QUERY PLAN']).join('\n');
    expect(text).toMatch(/Index Scan using features_geom|Bitmap Index Scan on features_geom/);
    expect(text).not.toMatch(/Seq Scan/);
    // A CQL2 S_INTERSECTS with a polygon goes through the same index.
    const q = new Params();
    const filter = parseFilter(
      'S_INTERSECTS(geometry, POLYGON((103.6 22.0, 103.62 22.0, 103.62 22.02, 103.6 22.0)))',
      'cql2-text',
      { queryables: queryablesOf(catalog.collection('craft-villages')!) },
    );
    const cql2Plan = await sql<{ 'QUERY PLAN': string }>(
      db.url,
      `EXPLAIN SELECT f.id FROM features f ${buildWhere('craft-villages', { filter }, q)} ORDER BY f.id LIMIT 100`,
      q.values,
    );
    expect(cql2Plan.map((r) => r['QUERY PLAN']).join('\n')).toMatch(
      /Index Scan using features_geom|Bitmap Index Scan on features_geom/,
    );
    await store.close();
    await db.drop();
  });

  it('answers 300 random CQL2 filters exactly as SQLite does', async () => {
    const db = await createTestDatabase();
    const pgStore = await openPostgisStore({ url: db.url, catalog });
    const sqliteStore = openSqliteStore({ file: ':memory:', catalog });
    const fixtureCatalog = await seedCql2(pgStore);
    await seedCql2(sqliteStore);
    const queryables = cql2Queryables(fixtureCatalog, 'craft-villages');
    let nonEmpty = 0;
    for (const text of randomCql2Filters(2026, 300)) {
      const query = { filter: parseFilter(text, 'cql2-text', { queryables }), limit: 50, offset: 0 };
      const [a, b] = await Promise.all([
        sqliteStore.queryFeatures('craft-villages', query),
        pgStore.queryFeatures('craft-villages', query),
      ]);
      expect({ text, ids: b.features.map((f) => f.id) }).toEqual({ text, ids: a.features.map((f) => f.id) });
      if (a.features.length > 0) nonEmpty++;
    }
    expect(nonEmpty).toBeGreaterThan(100);
    await sqliteStore.close();
    await pgStore.close();
    await db.drop();
  });

  it('rolls a write back, feature and history, when anything inside its transaction fails', async () => {
    const db = await createTestDatabase();
    const store = await openPostgisStore({ url: db.url, catalog });
    await store.seed(loadSeedData(FIXTURE_GEODATA, catalog));
    await sql(
      db.url,
      `CREATE FUNCTION fail() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected'; END $$;
       CREATE TRIGGER fail_history BEFORE INSERT ON feature_history FOR EACH ROW EXECUTE FUNCTION fail()`,
    );
    const before = await store.getFeature('craft-villages', 1);
    const revision = await store.revision();
    const actor = { username: 'e' };
    await expect(store.replaceFeature('craft-villages', 1, content('X'), 1, actor)).rejects.toThrow(
      /injected/,
    );
    await expect(store.createFeature('craft-villages', content('X'), actor)).rejects.toThrow(/injected/);
    await expect(store.deleteFeature('craft-villages', 1, 1, actor)).rejects.toThrow(/injected/);
    expect(await store.getFeature('craft-villages', 1)).toEqual(before);
    expect(await store.getFeature('craft-villages', 6)).toBeUndefined();
    expect(await store.listDeleted('craft-villages')).toEqual([]);
    expect(await store.revision()).toBe(revision);
    expect(await sql(db.url, 'SELECT * FROM feature_history')).toEqual([]);
    await store.close();
    await db.drop();
  });

  it('cuts a statement at statement_timeout: StoreUnavailable (503), nothing written, the store still works', async () => {
    const db = await createTestDatabase();
    const store = await openPostgisStore({ url: db.url, catalog, statementTimeoutMs: 200 });
    await store.seed(loadSeedData(FIXTURE_GEODATA, catalog));
    await sql(
      db.url,
      `CREATE FUNCTION slow() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(5); RETURN NEW; END $$;
       CREATE TRIGGER slow_history BEFORE INSERT ON feature_history FOR EACH ROW EXECUTE FUNCTION slow()`,
    );
    const started = Date.now();
    const err = await store
      .createFeature('craft-villages', content('Chậm'), { username: 'e' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreUnavailable);
    expect(err).toMatchObject({ status: 503, code: 'ServiceUnavailable' });
    expect(Date.now() - started).toBeLessThan(4000);
    expect(await store.getFeature('craft-villages', 6)).toBeUndefined();
    expect((await store.getFeature('craft-villages', 1))?.version).toBe(1);
    await store.close();
    await db.drop();
  });

  it('two stores on one database (two instances): of concurrent writers of one version exactly one wins', async () => {
    const db = await createTestDatabase();
    const a = await openPostgisStore({ url: db.url, catalog });
    await a.seed(loadSeedData(FIXTURE_GEODATA, catalog));
    const b = await openPostgisStore({ url: db.url, catalog });
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) =>
        (i % 2 ? a : b).replaceFeature('craft-villages', 2, content(`W${i}`), 1, { username: `u${i}` }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(VersionConflict);
    const winner = results.findIndex((r) => r.status === 'fulfilled');
    expect((await b.getFeature('craft-villages', 2))?.properties.name).toBe(`W${winner}`);
    expect(await a.revision()).toBe(await b.revision());
    // Concurrent creates from both get distinct ids, none lost.
    const made = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        (i % 2 ? a : b).createFeature('craft-villages', content(`N${i}`), { username: 'c' }),
      ),
    );
    expect(new Set(made.map((f) => f.id)).size).toBe(6);
    await a.close();
    await b.close();
    await db.drop();
  });

  it('two instances starting at once on an empty database seed it exactly once', async () => {
    const db = await createTestDatabase();
    const config = loadConfig({ DATABASE_URL: db.url, GEODATA_DIR: FIXTURE_GEODATA });
    const opened = await Promise.all([
      openStore(config, catalog),
      openStore(config, catalog),
      openStore(config, catalog),
    ]);
    expect(opened.map((o) => o.seeded).sort()).toEqual([false, false, true]);
    const seed = loadSeedData(FIXTURE_GEODATA, catalog);
    const [{ n }] = await sql<{ n: string }>(db.url, 'SELECT count(*) AS n FROM features');
    expect(Number(n)).toBe(seed.features.length);
    for (const o of opened) await o.store.close();
    await db.drop();
  });
});

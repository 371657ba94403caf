/**
 * The PostGIS side of issue 10's read path (server/src/store/postgis/migration-4.ts, tiles.ts):
 * which index each read statement uses, the trigger-kept tables against a
 * recomputation, migrating a version-3 database, and tiles decoded equal to SQLite's for the
 * same data. Runs on the run's throw-away cluster (test/setup/postgres.global.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { SeedData } from '../../server/src/catalog/catalog';
import { loadCatalog, loadSeedData } from '../../server/src/catalog/load-catalog';
import type { FeatureStore } from '../../server/src/store/feature-store';
import { DERIVE_SQL } from '../../server/src/store/postgis/migration-4';
import { MIGRATIONS } from '../../server/src/store/postgis/migrations';
import { openPostgisStore } from '../../server/src/store/postgis/postgis-store';
import { openSqliteStore } from '../../server/src/store/sqlite/sqlite-store';
import { type DecodedFeature, decodeTile, tileAt } from '../helpers/mvt';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres';
import { FIXTURE_GEODATA } from '../helpers/server';
import { syntheticVillages, villageAt, villageGrid, withFeatures } from '../helpers/villages';

const catalog = loadCatalog(FIXTURE_GEODATA);
const ed = { username: 'e' };

/** The fixture plus `n` village points in a grid around (104.0, 22.2), ids 1001… */
function withVillages(n: number, at: (i: number) => [number, number] = villageGrid): SeedData {
  return withFeatures(loadSeedData(FIXTURE_GEODATA, catalog), syntheticVillages(n, 1001, at));
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

describe('postgis read path', () => {
  it('reads through indexes: pages by key or GiST, counts capped, cluster tiles from point_cells by key, no Seq Scan on features', async () => {
    const db = await createTestDatabase();
    const seen: { sql: string; values: readonly unknown[] }[] = [];
    let tracing = false;
    const store = await openPostgisStore({
      url: db.url,
      catalog,
      trace: (sql, values) => {
        if (tracing && /^\s*(WITH|SELECT)/i.test(sql)) seen.push({ sql, values });
      },
    });
    await store.seed(withVillages(20_000));
    await withClient(db.url, (c) => c.query('ANALYZE'));
    tracing = true;
    const box: [number, number, number, number] = [103.99, 22.19, 104.005, 22.205];
    await store.queryFeaturesGeoJson('craft-villages', { limit: 10, offset: 0 });
    await store.queryFeaturesGeoJson('craft-villages', { limit: 10, offset: 100 });
    await store.queryFeaturesGeoJson('craft-villages', { bbox: box, limit: 10, offset: 0 });
    await store.queryFeatures('craft-villages', { bbox: box, q: 'synthetic', limit: 10, offset: 5 });
    await store.queryFeaturesGeoJson('craft-villages', { q: 'village 19998', limit: 10, offset: 0 });
    await store.getFeature('craft-villages', 3);
    await store.collectionExtent('craft-villages');
    await store.aggregateByDistrict('craft-villages');
    for (const z of [0, 8, 13, 14, 15, 16])
      await store.vectorTile('craft-villages', tileAt(104.01, 22.21, z));
    // Village 1 alone in its cell, away from the grid: a single-point lookup.
    for (const z of [12, 14]) await store.vectorTile('craft-villages', tileAt(103.7, 22.5, z));
    await store.vectorTile('districts', tileAt(104.0, 22.5, 8));
    tracing = false;
    await store.close();
    expect(seen.length).toBeGreaterThan(15);
    const plans = await withClient(db.url, async (c) => {
      const out: string[] = [];
      for (const { sql, values } of seen) {
        const { rows } = await c.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, [...values]);
        out.push(rows.map((r) => r['QUERY PLAN']).join('\n'));
      }
      return out;
    });
    for (const [i, p] of plans.entries())
      expect(p, seen[i]!.sql).not.toMatch(/Seq Scan on (features|point_cells)/);
    const some = (re: RegExp) =>
      expect(
        plans.some((p) => re.test(p)),
        String(re),
      ).toBe(true);
    some(/Index Scan using features_pkey on features/); // pages without conditions, getFeature
    some(/(Bitmap Index|Index) Scan (on|using) features_geom/); // bbox pages, counts, single points, tiles
    some(/Bitmap Index Scan on features_search/); // q through the trigram index
    some(/(Bitmap Index|Index) Scan (on|using) point_cells_pkey/); // cluster tiles, deep-tile bounds
    some(/Index Scan using collection_stats_pkey|Seq Scan on collection_stats/); // 8 rows: either
    // A cluster tile's single-point lookup reads the cell's one point, not the collection.
    const clusters = await withClient(db.url, async (c) => {
      const out: string[] = [];
      for (const at of seen.filter((s) => /LATERAL/.test(s.sql))) {
        const { rows } = await c.query<{ 'QUERY PLAN': string }>(`EXPLAIN ANALYZE ${at.sql}`, [...at.values]);
        out.push(...rows.map((r) => r['QUERY PLAN']));
      }
      return out.join('\n');
    });
    expect(clusters).toMatch(/Index Scan using features_geom on features f .*loops=[1-9]/);
    const lookup =
      /Index Scan using features_geom on features f[^\n]*\n(?:[^\n]*\n){0,3}?\s*Rows Removed by Filter: (\d+)/g;
    for (const m of clusters.matchAll(lookup)) expect(Number(m[1])).toBeLessThan(50);
    await db.drop();
  });

  it('keeps the trigger-maintained tables equal to a recomputation after edits, also from two stores at once', async () => {
    const db = await createTestDatabase();
    const a = await openPostgisStore({ url: db.url, catalog });
    await a.seed(withVillages(300));
    const b = await openPostgisStore({ url: db.url, catalog });
    const made = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        (i % 2 ? a : b).createFeature('craft-villages', villageAt(103.6 + i * 0.01, 22.9, '080'), ed),
      ),
    );
    await Promise.all([
      a.replaceFeature('craft-villages', 1001, villageAt(103.61, 22.41, '082'), 1, ed),
      b.replaceFeature('craft-villages', 1002, villageAt(104.3, 21.9, '086'), 1, ed),
      a.deleteFeature('craft-villages', 2, 1, ed),
      b.deleteFeature('industrial-clusters', 3, 1, ed),
      a.replaceFeature('craft-villages', made[0]!.id, villageAt(104.02, 22.21, '086'), 1, ed),
    ]);
    await b.restoreFeature('craft-villages', 2, ed);
    await a.deleteFeature('craft-villages', made[7]!.id, 1, ed); // on the northern edge of the extent
    await a.close();
    await b.close();
    await withClient(db.url, async (c) => {
      const snapshot = async () => ({
        stats: (await c.query('SELECT * FROM collection_stats ORDER BY collection')).rows,
        districts: (await c.query('SELECT * FROM district_counts ORDER BY 1, 2')).rows,
        cells: (
          await c.query(
            `SELECT collection, z, x, y, n, round(sum_lon::numeric, 6) lon, round(sum_lat::numeric, 6) lat
             FROM point_cells ORDER BY 1, 2, 3, 4`,
          )
        ).rows,
      });
      await c.query('BEGIN');
      const kept = await snapshot();
      await c.query(DERIVE_SQL);
      const derived = await snapshot();
      await c.query('ROLLBACK');
      expect(kept.cells.length).toBeGreaterThan(14);
      expect(kept.stats.find((s) => s.collection === 'craft-villages')).toMatchObject({ max_lat: 22.9 });
      expect(kept).toEqual(derived);
    });
    await db.drop();
  });

  it('migrates a version-3 database: rows gain their GeoJSON text and cells, the derived tables are made', async () => {
    const db = await createTestDatabase();
    await withClient(db.url, async (c) => {
      await c.query('BEGIN');
      await c.query(
        'CREATE TABLE schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
      );
      for (const [i, sql] of MIGRATIONS.slice(0, 3).entries()) {
        await c.query(sql);
        await c.query('INSERT INTO schema_migrations (version) VALUES ($1)', [i + 1]);
      }
      await c.query(
        `INSERT INTO features (collection, id, properties, geom, district_code, search_text, version, created_at, updated_at)
         VALUES ('craft-villages', 7, '{"name":"Bảy","district_code":"082"}', ST_SetSRID(ST_MakePoint(103.7, 22.5), 4326),
                 '082', 'bay', 3, '2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z'),
                ('craft-villages', 2, '{"name":"Hai","district_code":"082"}', ST_SetSRID(ST_MakePoint(103.8, 22.6), 4326),
                 '082', 'hai', 1, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`,
      );
      await c.query('COMMIT');
    });
    const store = await openPostgisStore({ url: db.url, catalog });
    expect(await store.getFeature('craft-villages', 7)).toMatchObject({
      properties: { name: 'Bảy' },
      geometry: { type: 'Point', coordinates: [103.7, 22.5] },
      version: 3,
    });
    const page = await store.queryFeaturesGeoJson('craft-villages', {
      bbox: [103.6, 22.4, 103.9, 22.7],
      limit: 1,
      offset: 0,
    });
    expect(JSON.parse(`[${page.featuresJson}]`)).toMatchObject([{ type: 'Feature', id: 2 }]);
    expect(page).toMatchObject({ numberMatched: 2, hasMore: true });
    expect(await store.collectionExtent('craft-villages')).toEqual([103.7, 22.5, 103.8, 22.6]);
    expect(await store.aggregateByDistrict('craft-villages')).toEqual([
      { districtCode: '082', count: 2, sum: 0, summed: 0 },
    ]);
    const world = decodeTile((await store.vectorTile('craft-villages', { z: 0, x: 0, y: 0 }))!);
    expect(world['craft-villages']!.features).toMatchObject([
      { properties: { cluster: true, point_count: 2 } },
    ]);
    const made = await store.createFeature('craft-villages', villageAt(103.9, 22.5, '082'), ed);
    expect(made.id).toBe(8);
    expect(await store.aggregateByDistrict('craft-villages')).toMatchObject([{ count: 3 }]);
    await store.close();
    const versions = await withClient(db.url, (c) =>
      c.query('SELECT version FROM schema_migrations ORDER BY 1'),
    );
    expect(versions.rows.map((r) => r.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    await db.drop();
  });
});

/** A decoded point layer in a comparable form: single points by id, clusters by position. */
function comparable(features: DecodedFeature[]) {
  const key = (f: DecodedFeature) =>
    f.id !== undefined
      ? `a${String(f.id).padStart(9, '0')}`
      : `b${f.geometry[0]![0]!.x >> 6},${f.geometry[0]![0]!.y >> 6}`;
  return [...features].sort((a, b) => key(a).localeCompare(key(b)));
}

/** The larger side of a decoded feature's box, in tile units. */
function span(f: DecodedFeature): number {
  const points = f.geometry.flat();
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  return Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys));
}

describe('postgis tiles decode as the sqlite ones', () => {
  it('holds the same features, ids, attributes and clusters for every tile over the data, positions within a pixel', async () => {
    // A grid, a dense cluster and a line of scattered points, with the fixture's polygons.
    const at = (i: number): [number, number] =>
      i < 2000
        ? villageGrid(i)
        : i < 2400
          ? [103.75 + (i % 20) * 0.00001, 22.55 + (i % 17) * 0.00001]
          : [103.5 + (i - 2400) * 0.0011, 21.9 + ((i * 7919) % 1000) * 0.00097];
    const data = withVillages(3400, at);
    const dir = mkdtempSync(path.join(tmpdir(), 'laocai-tiles-'));
    let db: TestDatabase | undefined;
    const stores: FeatureStore[] = [];
    try {
      const sqlite = openSqliteStore({ file: path.join(dir, 'app.db'), catalog });
      db = await createTestDatabase();
      const postgis = await openPostgisStore({ url: db.url, catalog });
      stores.push(sqlite, postgis);
      for (const s of stores) await s.seed(data);
      // One edit on each, the same: tiles follow it on both.
      for (const s of stores)
        await s.replaceFeature('craft-villages', 1005, villageAt(103.74, 22.56, '082'), 1, ed);
      const spots: [number, number][] = [
        [104.0, 22.2],
        [104.05, 22.21],
        [103.75, 22.55],
        [103.7, 22.5],
        [104.1, 22.3],
        [103.9, 22.4],
        [104.5, 22.8],
      ];
      let compared = 0;
      for (const collection of ['craft-villages', 'districts', 'industrial-clusters']) {
        for (let z = 0; z <= 16; z++) {
          const tiles = new Map(
            spots.map(([lon, lat]) => [JSON.stringify(tileAt(lon, lat, z)), tileAt(lon, lat, z)]),
          );
          for (const tile of tiles.values()) {
            const [a, b] = await Promise.all(stores.map((s) => s.vectorTile(collection, tile)));
            const where = `${collection} ${z}/${tile.x}/${tile.y}`;
            expect(b === undefined, where).toBe(a === undefined);
            if (!a || !b) continue;
            const [la, lb] = [decodeTile(a)[collection]!, decodeTile(b)[collection]!];
            expect(lb.extent, where).toBe(la.extent);
            // geojson-vt (SQLite) drops a polygon smaller than its simplification tolerance (3 of
            // 4096 units) at low zoom; ST_AsMVTGeom keeps it as a speck: PostGIS may hold such extras.
            const ids = new Set(la.features.map((f) => f.id));
            const extras = lb.features.filter((f) => f.type === 3 && !ids.has(f.id));
            for (const f of extras) expect(span(f), `${where} extra ${f.id}`).toBeLessThanOrEqual(8);
            lb.features = lb.features.filter((f) => !extras.includes(f));
            expect(lb.features.length, where).toBe(la.features.length);
            const [fa, fb] = [comparable(la.features), comparable(lb.features)];
            for (const [i, f] of fa.entries()) {
              const g = fb[i]!;
              expect({ type: g.type, id: g.id, properties: g.properties }, where).toEqual({
                type: f.type,
                id: f.id,
                properties: f.properties,
              });
              if (f.type === 1) {
                expect(Math.abs(g.geometry[0]![0]!.x - f.geometry[0]![0]!.x), where).toBeLessThanOrEqual(1);
                expect(Math.abs(g.geometry[0]![0]!.y - f.geometry[0]![0]!.y), where).toBeLessThanOrEqual(1);
              }
              compared += 1;
            }
          }
        }
      }
      expect(compared).toBeGreaterThan(500);
    } finally {
      for (const s of stores) await s.close();
      await db?.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

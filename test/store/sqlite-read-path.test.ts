import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { SeedData } from '../../server/src/catalog/catalog';
import { loadCatalog, loadSeedData } from '../../server/src/catalog/load-catalog';
import { parseFilter } from '../../server/src/cql2/parse';
import { queryablesOf } from '../../server/src/cql2/queryables';
import { COUNT_CAP } from '../../server/src/store/rows';
import { registerCql2Functions } from '../../server/src/store/sqlite/cql2-sql';
import { DERIVE_SQL, MIGRATION_3 } from '../../server/src/store/sqlite/migration-3';
import { MIGRATIONS } from '../../server/src/store/sqlite/migrations';
import { openSqliteStore, type SqliteStore } from '../../server/src/store/sqlite/sqlite-store';
import { openSqliteUserStore } from '../../server/src/store/sqlite/user-store';
import { decodeTile, pointsIn, tileAt } from '../helpers/mvt';
import { FIXTURE_GEODATA } from '../helpers/server';
import { syntheticVillages, villageAt, villageGrid, withFeatures } from '../helpers/villages';

const catalog = loadCatalog(FIXTURE_GEODATA);
let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});

function tempFile(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'laocai-readpath-'));
  dirs.push(dir);
  return path.join(dir, 'app.db');
}

/** The fixture plus `n` village points in a grid around (104.0, 22.2), ids 1001… */
function withVillages(n: number): SeedData {
  return withFeatures(loadSeedData(FIXTURE_GEODATA, catalog), syntheticVillages(n, 1001, villageGrid));
}

/** Every plan line of a statement, from a separate read-only connection. */
function plan(file: string, sql: string): string[] {
  const db = new Database(file, { readonly: true });
  registerCql2Functions(db);
  try {
    return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail);
  } finally {
    db.close();
  }
}

/** Runs every read path once, returning the SELECT statements the store ran (parameters expanded). */
async function readStatements(file: string): Promise<string[]> {
  const seen = new Set<string>();
  const store: SqliteStore = openSqliteStore({
    file,
    catalog,
    trace: (sql) => {
      if (/^\s*SELECT/i.test(sql)) seen.add(sql);
    },
  });
  await store.seed(withVillages(300));
  seen.clear();
  const box: [number, number, number, number] = [103.99, 22.19, 104.05, 22.25];
  await store.queryFeaturesGeoJson('craft-villages', { limit: 10, offset: 0 });
  await store.queryFeaturesGeoJson('craft-villages', { limit: 10, offset: 100 });
  await store.queryFeaturesGeoJson('craft-villages', { bbox: box, limit: 10, offset: 0 });
  await store.queryFeaturesGeoJson('craft-villages', { bbox: box, q: 'synthetic', limit: 10, offset: 5 });
  await store.queryFeaturesGeoJson('craft-villages', { q: 'synthetic', limit: 10, offset: 0 });
  await store.queryFeatures('craft-villages', {
    filters: [{ property: 'craft', value: 'forging' }],
    limit: 5,
    offset: 0,
  });
  await store.queryFeatures('districts', { bbox: [104.15, 22.15, 104.16, 22.16], limit: 10, offset: 0 });
  await store.getFeature('craft-villages', 3);
  await store.collectionExtent('craft-villages');
  await store.aggregateByDistrict('craft-villages');
  await store.aggregateByDistrict('industrial-clusters', 'area_ha');
  for (const z of [0, 8, 13, 14, 16]) await store.vectorTile('craft-villages', tileAt(104.01, 22.21, z));
  await store.vectorTile('districts', tileAt(104.0, 22.5, 8));
  await store.close();
  return [...seen];
}

describe('sqlite read path', () => {
  it('reads features through indexes only: every statement of every read path is a SEARCH or a virtual-table scan', async () => {
    const file = tempFile();
    const statements = await readStatements(file);
    expect(statements.length).toBeGreaterThan(10);
    for (const sql of statements) {
      for (const line of plan(file, sql)) {
        // A SCAN of a real table reads all of it (virtual tables, a subquery held to a LIMIT and the
        // 14-row cell_zooms table aside).
        expect(line, sql).not.toMatch(/^SCAN (?!\w+ VIRTUAL TABLE)(?!cell_zooms\b)(?!\(subquery-\d+\))/);
        expect(line, sql).not.toMatch(/USE TEMP B-TREE FOR (ORDER BY|DISTINCT)/);
      }
    }
  });

  it('answers bbox pages from the R*Tree and the page rows by rowid, cluster tiles from point_cells by key', async () => {
    const file = tempFile();
    const statements = await readStatements(file);
    const plans = statements.map((sql) => plan(file, sql).join(' | '));
    expect(
      plans.some((p) =>
        /SCAN r VIRTUAL TABLE INDEX \d+:[A-Z0-9]+.*SEARCH f USING INTEGER PRIMARY KEY \(rowid=\?\)/.test(p),
      ),
    ).toBe(true);
    expect(
      plans.some((p) => /SCAN j VIRTUAL TABLE .*SEARCH f USING INTEGER PRIMARY KEY \(rowid=\?\)/.test(p)),
    ).toBe(true);
    expect(plans.some((p) => /SEARCH f USING INTEGER PRIMARY KEY \(rowid>\? AND rowid<\?\)/.test(p))).toBe(
      true,
    );
    expect(
      plans.some((p) =>
        /SEARCH point_cells USING PRIMARY KEY \(code=\? AND z=\? AND x=\? AND y>\? AND y<\?\)/.test(p),
      ),
    ).toBe(true);
    expect(plans.some((p) => /SEARCH district_counts USING PRIMARY KEY \(code=\?\)/.test(p))).toBe(true);
    // q without a bbox walks the trigram index (LIKE on its column 0), joined to the rows by rowid.
    expect(
      plans.some((p) =>
        /SCAN t VIRTUAL TABLE INDEX \d+:L0.*SEARCH f USING INTEGER PRIMARY KEY \(rowid=\?\)/.test(p),
      ),
    ).toBe(true);
    // A property filter is a range of its queryable's expression index, in id order.
    expect(
      plans.some((p) =>
        /SEARCH f USING INDEX features_by_craft \(<expr>=\? AND rowid>\? AND rowid<\?\)/.test(p),
      ),
    ).toBe(true);
  });

  it('keeps the trigger-maintained tables equal to a recomputation from the rows after edits', async () => {
    const file = tempFile();
    const store = openSqliteStore({ file, catalog });
    await store.seed(withVillages(50));
    const ed = { username: 'e' };
    const a = await store.createFeature('craft-villages', villageAt(104.3, 22.9, '080'), ed);
    await store.replaceFeature('craft-villages', 1001, villageAt(103.61, 22.41, '082'), 1, ed);
    await store.deleteFeature('craft-villages', 2, 1, ed);
    await store.replaceFeature('craft-villages', a.id, villageAt(104.02, 22.21, '086'), 1, ed);
    await store.deleteFeature('industrial-clusters', 3, 1, ed);
    await store.restoreFeature('craft-villages', 2, ed);
    await store.close();
    const db = new Database(file);
    const snapshot = () => ({
      stats: db.prepare('SELECT * FROM collection_stats ORDER BY code').all(),
      districts: db.prepare('SELECT * FROM district_counts WHERE n > 0 ORDER BY code, district_code').all(),
      cells: db
        .prepare(
          'SELECT code, z, x, y, n, round(sum_lon, 6) lon, round(sum_lat, 6) lat FROM point_cells WHERE n > 0 ORDER BY 1, 2, 3, 4',
        )
        .all(),
      rtree: db.prepare('SELECT * FROM features_rtree ORDER BY fid').all(),
    });
    // The trigram index matches the rows it indexes (FTS5 raises an error otherwise).
    db.prepare("INSERT INTO features_fts (features_fts, rank) VALUES ('integrity-check', 1)").run();
    db.exec('BEGIN');
    const kept = snapshot();
    db.exec(DERIVE_SQL);
    const derived = snapshot();
    db.exec('ROLLBACK');
    db.close();
    expect(kept.cells.length).toBeGreaterThan(14);
    expect(kept).toEqual(derived);
  });

  it('answers CQL2 filters on the new read path: a top-level S_INTERSECTS through the R*Tree, one inside OR through its R*Tree subquery, other terms by walking the collection in id order', async () => {
    const file = tempFile();
    const seen: string[] = [];
    const store = openSqliteStore({ file, catalog, trace: (sql) => seen.push(sql) });
    await store.seed(withVillages(300));
    const queryables = queryablesOf(catalog.collection('craft-villages')!);
    const filter = (text: string) => parseFilter(text, 'cql2-text', { queryables });
    const statementsOf = async (text: string, limit = 10) => {
      seen.length = 0;
      const page = await store.queryFeaturesGeoJson('craft-villages', {
        filter: filter(text),
        limit,
        offset: 0,
      });
      return {
        page,
        plans: seen.filter((sql) => /^\s*SELECT/i.test(sql)).map((sql) => plan(file, sql).join(' | ')),
      };
    };
    // Alone at the top level: the R*Tree drives it as a bbox (exact count), rows read by rowid.
    const box = await statementsOf('S_INTERSECTS(geometry, BBOX(103.999, 22.199, 104.0101, 22.2001))', 5);
    expect(box.page).toMatchObject({ numberReturned: 5, numberMatched: 21, hasMore: true });
    expect(box.plans.some((p) => /SCAN r VIRTUAL TABLE INDEX/.test(p))).toBe(true);
    // Inside OR: the walk in id order (a rowid range), the candidates from the R*Tree restricted to
    // the collection (its third dimension, the code: constraints on its columns 4 and 5).
    const or = await statementsOf(
      "craft = 'nope' OR S_INTERSECTS(geometry, BBOX(103.999, 22.199, 104.0101, 22.2001))",
    );
    expect(or.page).toMatchObject({ numberReturned: 10, numberMatched: 21, hasMore: true });
    expect(or.plans.some((p) => /SEARCH f USING INTEGER PRIMARY KEY \(rowid>\? AND rowid<\?\)/.test(p))).toBe(
      true,
    );
    expect(
      or.plans.some((p) => /SCAN features_rtree VIRTUAL TABLE INDEX \d+:(?=\S*[A-Z]4)(?=\S*[A-Z]5)/.test(p)),
    ).toBe(true);
    for (const p of [...box.plans, ...or.plans]) expect(p).not.toMatch(/(^| \| )SCAN (f|features)\b/);
    await store.close();
  });

  it(`bounds a CQL2 filter no index serves with COUNT_CAP: counted only in collections of up to ${COUNT_CAP.toLocaleString('en')} features`, async () => {
    const store = openSqliteStore({ file: tempFile(), catalog });
    await store.seed(withVillages(COUNT_CAP + 10));
    const queryables = queryablesOf(catalog.collection('craft-villages')!);
    const query = (text: string, offset = 0) => ({
      filter: parseFilter(text, 'cql2-text', { queryables }),
      limit: 10,
      offset,
    });
    const common = await store.queryFeaturesGeoJson('craft-villages', query("craft LIKE 'forg%'"));
    expect(common).toMatchObject({ numberReturned: 10, hasMore: true });
    expect(common.numberMatched).toBeUndefined();
    // A rare value walks the whole collection to find its page; that page ends the results, so it
    // tells the count by itself.
    const rare = await store.queryFeaturesGeoJson('craft-villages', query('recognition_year = 2010'));
    expect(rare).toMatchObject({ numberReturned: 1, numberMatched: 1, hasMore: false });
    await store.close();
  });

  it('migrates a version-2 database: rows keep their content, gain fids by collection and the derived tables', async () => {
    const file = tempFile();
    const old = new Database(file);
    old.transaction(() => {
      for (const sql of MIGRATIONS.slice(0, 2)) old.exec(sql);
      old.pragma('user_version = 2');
      const row = old.prepare(
        `INSERT INTO features (collection, id, properties, geometry, geometry_type, min_lon, min_lat, max_lon, max_lat,
           district_code, search_text, version, created_at, updated_at)
         VALUES (?, ?, ?, ?, 'Point', ?, ?, ?, ?, ?, ?, ?, '2026-01-01T00:00:00.000Z', '2026-01-02T00:00:00.000Z')`,
      );
      const box = old.prepare('INSERT INTO features_rtree VALUES (?, ?, ?, ?, ?)');
      const add = (
        collection: string,
        id: number,
        name: string,
        lon: number,
        lat: number,
        version: number,
      ) => {
        const props = {
          name,
          district_code: '082',
          craft: 'forging',
          source: 't',
          confidence: 'illustrative',
        };
        const info = row.run(
          collection,
          id,
          JSON.stringify(props),
          JSON.stringify({ type: 'Point', coordinates: [lon, lat] }),
          lon,
          lat,
          lon,
          lat,
          '082',
          name.toLowerCase(),
          version,
        );
        box.run(info.lastInsertRowid, lon, lon, lat, lat);
      };
      add('craft-villages', 7, 'Bảy', 103.7, 22.5, 3);
      add('industrial-clusters', 7, 'Cụm', 104.0, 22.3, 1);
      add('craft-villages', 2, 'Hai', 103.8, 22.6, 1);
    })();
    const revision = old
      .prepare("SELECT value FROM store_meta WHERE key = 'revision'")
      .pluck()
      .get() as number;
    old.close();

    const store = openSqliteStore({ file, catalog });
    expect(await store.getFeature('craft-villages', 7)).toMatchObject({
      properties: { name: 'Bảy' },
      geometry: { type: 'Point', coordinates: [103.7, 22.5] },
      version: 3,
      createdAt: '2026-01-01T00:00:00.000Z',
    });
    const page = await store.queryFeaturesGeoJson('craft-villages', {
      bbox: [103.6, 22.4, 103.9, 22.7],
      limit: 10,
      offset: 0,
    });
    expect(JSON.parse(`[${page.featuresJson}]`).map((f: { id: number }) => f.id)).toEqual([2, 7]);
    expect(page).toMatchObject({ numberMatched: 2, hasMore: false });
    expect(await store.collectionExtent('craft-villages')).toEqual([103.7, 22.5, 103.8, 22.6]);
    expect(await store.aggregateByDistrict('craft-villages')).toEqual([
      { districtCode: '082', count: 2, sum: 0, summed: 0 },
    ]);
    const tile = decodeTile((await store.vectorTile('craft-villages', { z: 0, x: 0, y: 0 }))!);
    expect(pointsIn(tile['craft-villages']!.features)).toBe(2);
    expect((await store.getFeature('industrial-clusters', 7))?.properties.name).toBe('Cụm');
    expect(await store.revision()).toBeGreaterThan(revision);
    const created = await store.createFeature(
      'craft-villages',
      { properties: { name: 'Tám' }, geometry: { type: 'Point', coordinates: [103.9, 22.5] } },
      { username: 'e' },
    );
    expect(created.id).toBe(8);
    await store.close();
    // …through migration 3 (this read path), 4 (the login limiter's table) and every later one, in order.
    expect(MIGRATIONS[2]).toBe(MIGRATION_3);
    const users = openSqliteUserStore(file);
    await users.recordLoginFailure(['user:eve'], 1_000, 0);
    expect(await users.loginFailures(['user:eve'], 0, 5)).toEqual(new Map([['user:eve', [1_000]]]));
    await users.close();
    const db = new Database(file, { readonly: true });
    expect(MIGRATIONS.length).toBeGreaterThanOrEqual(4);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    db.close();
  });
});

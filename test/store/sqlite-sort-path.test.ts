import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog, loadSeedData } from '../../server/src/catalog/load-catalog';
import type { FeatureQuery } from '../../server/src/store/feature-store';
import { COUNT_CAP } from '../../server/src/store/rows';
import { registerCql2Functions } from '../../server/src/store/sqlite/cql2-sql';
import { registerSortKey } from '../../server/src/store/sqlite/sort-indexes';
import { openSqliteStore, type SqliteStore } from '../../server/src/store/sqlite/sqlite-store';
import { FIXTURE_GEODATA } from '../helpers/server';
import { syntheticVillages, villageGrid, withFeatures } from '../helpers/villages';

const catalog = loadCatalog(FIXTURE_GEODATA);
const N = COUNT_CAP + 2_000;
let dir: string;
let file: string;
let store: SqliteStore;
const seen: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'laocai-sortpath-'));
  file = path.join(dir, 'app.db');
  store = openSqliteStore({
    file,
    catalog,
    trace: (sql) => {
      if (/^\s*SELECT/i.test(sql)) seen.push(sql);
    },
  });
  const villages = syntheticVillages(N, 1001, villageGrid).map((f, i) => ({
    ...f,
    properties: { ...f.properties, recognition_year: 1990 + (i % 30), district_code: ['080', '086'][i % 2] },
  }));
  await store.seed(withFeatures(loadSeedData(FIXTURE_GEODATA, catalog), villages));
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The plan lines of every SELECT a sorted query ran (from a separate read-only connection). */
async function plansOf(query: FeatureQuery): Promise<string[][]> {
  seen.length = 0;
  await store.queryFeaturesGeoJson('craft-villages', query);
  const db = new Database(file, { readonly: true });
  registerCql2Functions(db);
  registerSortKey(db);
  try {
    return seen.map((sql) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail),
    );
  } finally {
    db.close();
  }
}

const page = { limit: 50, offset: 0 };
const all: [number, number, number, number] = [103.9, 22.1, 104.2, 22.4];

describe(`sqlite sorted read path (${N.toLocaleString('en')} villages)`, () => {
  it('walks the sort index for an unfiltered sorted page, forwards and backwards: no sort, no scan', async () => {
    for (const sortby of [
      [{ property: 'name', descending: false }],
      [{ property: 'name', descending: true }],
      [{ property: 'recognition_year', descending: true }],
    ]) {
      const plans = await plansOf({ ...page, sortby });
      const joined = plans.map((p) => p.join(' | '));
      expect(
        joined.some((p) => /SCAN f USING INDEX features_sort_craft_villages__\w+/.test(p)),
        joined.join('\n'),
      ).toBe(true);
      for (const line of plans.flat()) expect(line).not.toMatch(/TEMP B-TREE|^SCAN f$/);
    }
  });

  it('orders later keys only within runs of the first key (a temp b-tree for the last terms, never the whole ORDER BY)', async () => {
    const plans = await plansOf({
      ...page,
      sortby: [
        { property: 'recognition_year', descending: false },
        { property: 'name', descending: true },
      ],
    });
    const lines = plans.flat();
    expect(lines.some((l) => /features_sort_craft_villages__recognition_year/.test(l))).toBe(true);
    expect(
      lines.some((l) => /^USE TEMP B-TREE FOR LAST \d+ TERMS OF ORDER BY$/.test(l)),
      lines.join('\n'),
    ).toBe(true);
    for (const line of lines) expect(line).not.toMatch(/USE TEMP B-TREE FOR ORDER BY|^SCAN f$/);
  });

  it(`walks the sort index testing each row when a bbox or filter has more than ${COUNT_CAP.toLocaleString('en')} candidates`, async () => {
    for (const where of [{ bbox: all }, { filters: [{ property: 'craft', value: 'forging' }] }]) {
      const plans = await plansOf({ ...page, ...where, sortby: [{ property: 'name', descending: false }] });
      const lines = plans.flat();
      expect(
        lines.some((l) => /SCAN f USING INDEX features_sort_craft_villages__name/.test(l)),
        lines.join('\n'),
      ).toBe(true);
      for (const line of lines) expect(line).not.toMatch(/TEMP B-TREE|^SCAN f$/);
    }
  });

  it(`sorts at most ${COUNT_CAP.toLocaleString('en')} matches found through an index (R*Tree, trigram or queryable index)`, async () => {
    const small: [number, number, number, number] = [103.999, 22.199, 104.0101, 22.2001];
    const cases: [Partial<FeatureQuery>, RegExp][] = [
      [{ bbox: small }, /SCAN r VIRTUAL TABLE INDEX/],
      [
        { filters: [{ property: 'district_code', value: '082' }] },
        /SEARCH f USING (COVERING )?INDEX features_by_district_code/,
      ],
    ];
    for (const [where, index] of cases) {
      const plans = await plansOf({ ...page, ...where, sortby: [{ property: 'name', descending: true }] });
      const joined = plans.map((p) => p.join(' | '));
      // The matches come through the index; the page is a sort of those fids (json_each), by rowid.
      expect(
        joined.some((p) => index.test(p)),
        joined.join('\n'),
      ).toBe(true);
      expect(
        joined.some((p) =>
          /SCAN j VIRTUAL TABLE.*SEARCH f USING INTEGER PRIMARY KEY \(rowid=\?\).*USE TEMP B-TREE FOR ORDER BY/.test(
            p,
          ),
        ),
      ).toBe(true);
      for (const line of plans.flat()) expect(line).not.toMatch(/^SCAN f$/);
    }
  });

  it('follows the catalog: a sortable dropped from it loses its index when the store opens again', async () => {
    const other = path.join(dir, 'other.db');
    const names = () => {
      const db = new Database(other, { readonly: true });
      try {
        return db
          .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'features_sort_craft_villages%'",
          )
          .pluck()
          .all() as string[];
      } finally {
        db.close();
      }
    };
    openSqliteStore({ file: other, catalog }).close();
    expect(names().map((n) => n.replace(/_[0-9a-f]{8}$/, ''))).toEqual(
      expect.arrayContaining([
        'features_sort_craft_villages__name',
        'features_sort_craft_villages__district_code',
        'features_sort_craft_villages__recognition_year',
      ]),
    );
    const fewer = {
      ...catalog,
      collections: catalog.collections.map((c) =>
        c.id === 'craft-villages' ? { ...c, sortables: ['name'] } : c,
      ),
    };
    openSqliteStore({ file: other, catalog: fewer }).close();
    expect(names().map((n) => n.replace(/_[0-9a-f]{8}$/, ''))).toEqual([
      'features_sort_craft_villages__name',
    ]);
  });
});

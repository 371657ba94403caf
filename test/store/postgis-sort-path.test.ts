/**
 * The PostGIS side of `sortby` (server/src/store/postgis/sorted-reads.ts, sort-indexes.ts): which
 * index each sorted read uses. Runs on the run's throw-away cluster (test/setup/postgres.global.ts).
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog, loadSeedData } from '../../server/src/catalog/load-catalog';
import type { FeatureQuery, FeatureStore } from '../../server/src/store/feature-store';
import { openPostgisStore } from '../../server/src/store/postgis/postgis-store';
import { COUNT_CAP } from '../../server/src/store/rows';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres';
import { FIXTURE_GEODATA } from '../helpers/server';
import { syntheticVillages, villageGrid, withFeatures } from '../helpers/villages';

const catalog = loadCatalog(FIXTURE_GEODATA);
const N = COUNT_CAP + 10_000;
let db: TestDatabase;
let store: FeatureStore;
let seen: { sql: string; values: readonly unknown[] }[] = [];
let tracing = false;

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Relation Name'?: string;
  'Scan Direction'?: string;
  Plans?: PlanNode[];
}

const nodes = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(nodes)];
/** A node that reads every row of `features`, or sorts every match. */
const unbounded = (n: PlanNode) =>
  n['Node Type'] === 'Sort' || (n['Node Type'] === 'Seq Scan' && n['Relation Name'] === 'features');

beforeAll(async () => {
  db = await createTestDatabase();
  store = await openPostgisStore({
    url: db.url,
    catalog,
    trace: (sql, values) => {
      if (tracing && /^\s*SELECT/i.test(sql)) seen.push({ sql, values });
    },
  });
  const villages = syntheticVillages(N, 1001, villageGrid).map((f, i) => ({
    ...f,
    properties: { ...f.properties, recognition_year: 1990 + (i % 30) },
  }));
  await store.seed(withFeatures(loadSeedData(FIXTURE_GEODATA, catalog), villages));
  const c = new pg.Client({ connectionString: db.url });
  await c.connect();
  await c.query('ANALYZE');
  await c.end();
});
afterAll(async () => {
  await store.close();
  await db.drop();
});

/** The plan nodes of every SELECT a sorted query ran. */
async function plansOf(query: FeatureQuery): Promise<PlanNode[][]> {
  seen = [];
  tracing = true;
  await store.queryFeaturesGeoJson('craft-villages', query);
  tracing = false;
  const c = new pg.Client({ connectionString: db.url });
  await c.connect();
  try {
    const out: PlanNode[][] = [];
    for (const { sql, values } of seen) {
      const { rows } = await c.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(`EXPLAIN (FORMAT JSON) ${sql}`, [
        ...values,
      ]);
      out.push(nodes(rows[0]!['QUERY PLAN'][0].Plan));
    }
    return out;
  } finally {
    await c.end();
  }
}

const page = { limit: 50, offset: 0 };
const scansOf = (plans: PlanNode[][]) =>
  plans.flat().filter((n) => n['Relation Name'] === 'features' || n['Index Name']?.startsWith('features'));

describe(`postgis sorted read path (${N.toLocaleString('en')} villages)`, () => {
  it('scans the sort index for an unfiltered sorted page, forwards and backwards: no Sort, no Seq Scan', async () => {
    for (const [property, descending] of [
      ['name', false],
      ['name', true],
      ['recognition_year', true],
    ] as const) {
      const plans = await plansOf({ ...page, sortby: [{ property, descending }] });
      const scan = scansOf(plans).find((n) =>
        n['Index Name']?.startsWith(`features_sort_craft_villages__${property}_`),
      );
      expect(scan, JSON.stringify(plans)).toBeDefined();
      expect(scan?.['Scan Direction']).toBe(descending ? 'Backward' : 'Forward');
      expect(plans.flat().filter(unbounded)).toEqual([]);
    }
  });

  it('orders later keys by an Incremental Sort of the runs of the first key, never a full Sort', async () => {
    const plans = await plansOf({
      ...page,
      sortby: [
        { property: 'recognition_year', descending: false },
        { property: 'name', descending: true },
      ],
    });
    const types = plans.flat().map((n) => n['Node Type']);
    expect(types).toContain('Incremental Sort');
    expect(
      scansOf(plans).some((n) =>
        n['Index Name']?.startsWith('features_sort_craft_villages__recognition_year_'),
      ),
    ).toBe(true);
    expect(plans.flat().filter(unbounded)).toEqual([]);
  });

  it(`scans the sort index testing each row when more than ${COUNT_CAP.toLocaleString('en')} rows match a bbox`, async () => {
    const plans = await plansOf({
      ...page,
      bbox: [103.9, 22.1, 104.2, 22.4],
      sortby: [{ property: 'name', descending: false }],
    });
    const last = plans[plans.length - 1]!;
    expect(
      last.some((n) => n['Index Name']?.startsWith('features_sort_craft_villages__name_')),
      JSON.stringify(last),
    ).toBe(true);
    expect(last.filter(unbounded)).toEqual([]);
  });

  it(`sorts at most ${COUNT_CAP.toLocaleString('en')} matches read through the GiST index`, async () => {
    const plans = await plansOf({
      ...page,
      bbox: [103.999, 22.199, 104.0101, 22.2001],
      sortby: [{ property: 'name', descending: true }],
    });
    const last = plans[plans.length - 1]!;
    expect(
      last.some((n) => n['Index Name'] === 'features_geom'),
      JSON.stringify(last),
    ).toBe(true);
    expect(
      plans.flat().filter((n) => n['Node Type'] === 'Seq Scan' && n['Relation Name'] === 'features'),
    ).toEqual([]);
  });
});

/**
 * The PostGIS backend of `npm run bench`: a throw-away PostgreSQL + PostGIS cluster (the tests'
 * helper: initdb in a temp folder, a free port; fsync off, which changes nothing for reads), one
 * database per size seeded with the same synthetic facilities as SQLite, `VACUUM ANALYZE`d, and
 * the app on it through DATABASE_URL. It runs at 100,000 features (the size issue 13 asks for;
 * BENCH_POSTGIS_SIZES=100000,1000000 adds more); `BENCH_POSTGIS=0` leaves it out.
 */
import pg from 'pg';
import { loadCatalog } from '../../server/src/catalog/load-catalog';
import { openPostgisStore } from '../../server/src/store/postgis/postgis-store';
import { startTestCluster, type TestCluster } from '../helpers/postgres-cluster';
import { quietConfig, SHIPPED_GEODATA } from '../helpers/server';
import type { CaseResult } from './report';
import { benchFeatures, listenTarget, type TargetFactory } from './target';

const SIZES = (process.env.BENCH_POSTGIS_SIZES ?? '100000').split(',').map(Number);

async function query(url: string, text: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

/** PostGIS as a bench target (one cluster for every size, started on the first open). */
export function postgisTargets(): TargetFactory {
  let cluster: TestCluster | undefined;
  return {
    name: 'postgis',
    sizes: (all) => (process.env.BENCH_POSTGIS === '0' ? [] : all.filter((s) => SIZES.includes(s))),
    open: async (size) => {
      cluster ??= await startTestCluster();
      const name = `bench${size}`;
      await query(cluster.url('postgres'), `CREATE DATABASE ${name}`);
      const url = cluster.url(name);
      const store = await openPostgisStore({ url, catalog: loadCatalog(SHIPPED_GEODATA) });
      process.stderr.write(`bench postgis ${size}: seeding …\n`);
      const t0 = performance.now();
      await store.seed({ features: benchFeatures(size), indicators: [] });
      const seedMs = Math.round(performance.now() - t0);
      await store.close();
      await query(url, 'VACUUM ANALYZE');
      const bytes = await query(url, 'SELECT pg_database_size(current_database())::float8 AS n');
      const config = quietConfig({ DATABASE_URL: url });
      return listenTarget(
        config,
        { target: 'postgis', size, seedMs, dbBytes: Number(bytes.rows[0]?.n ?? 0), walBytes: 0 },
        () => undefined,
      );
    },
    dispose: () => cluster?.destroy(),
  };
}

/** Lines comparing each PostGIS case with the same SQLite case of this run (ratios mean something only within one run). */
export function postgisComparison(results: readonly CaseResult[]): string[] {
  const pgRows = results.filter((r) => r.target === 'postgis');
  if (pgRows.length === 0) return [];
  const lines = ['PostGIS vs SQLite (same run, same baseline method):'];
  for (const p of pgRows) {
    const s = results.find((r) => r.target === 'sqlite' && r.size === p.size && r.name === p.name);
    if (!s) continue;
    lines.push(
      `  ${String(p.size).padStart(7)} ${p.name.padEnd(30)} ours/base sqlite ${s.ratio.toFixed(2)}  postgis ${p.ratio.toFixed(2)}  ` +
        `postgis/sqlite throughput ×${(p.ours.reqPerSec / s.ours.reqPerSec).toFixed(2)}  mean latency ×${(p.ours.mean / s.ours.mean).toFixed(2)}`,
    );
  }
  return lines;
}

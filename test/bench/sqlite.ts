import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AppOverrides } from '../../server/src/app';
import { loadCatalog } from '../../server/src/catalog/load-catalog';
import { databaseFile } from '../../server/src/store/open-store';
import { openSqliteStore } from '../../server/src/store/sqlite/sqlite-store';
import { quietConfig, SHIPPED_GEODATA } from '../helpers/server';
import { benchFeatures, listenTarget, type Target, type TargetFactory } from './target';

function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/**
 * The default backend at every size: a temp DATA_DIR seeded (timed) with the shipped districts and
 * `size` synthetic facilities, then the real app on it.
 */
export const sqliteTargets: TargetFactory = {
  name: 'sqlite',
  sizes: (all) => all,
  open: (size) => openSqlite(size, 'sqlite', {}),
};

/**
 * The same app without its security headers, at the smallest size (BENCH_HEADERS_AB=0 leaves it
 * out): every case run on both, interleaved, tells what the headers cost (headersComparison).
 */
export const sqliteNoHeadersTargets: TargetFactory = {
  name: 'no-headers',
  sizes: (all) => (process.env.BENCH_HEADERS_AB === '0' ? [] : [Math.min(...all)]),
  open: (size) => openSqlite(size, 'no-headers', { securityHeaders: false }),
};

async function openSqlite(size: number, target: string, overrides: AppOverrides): Promise<Target> {
  const dataDir = mkdtempSync(path.join(tmpdir(), `laocai-bench-${size}-`));
  const cleanup = () => rmSync(dataDir, { recursive: true, force: true });
  try {
    const config = quietConfig({ DATA_DIR: dataDir });
    const file = databaseFile(config);
    const store = openSqliteStore({ file, catalog: loadCatalog(SHIPPED_GEODATA) });
    const features = benchFeatures(size);
    process.stderr.write(`bench ${target} ${size}: seeding …\n`);
    const t0 = performance.now();
    await store.seed({ features, indicators: [] });
    const seedMs = Math.round(performance.now() - t0);
    features.length = 0;
    await store.close();
    const served = await listenTarget(
      config,
      { target, size, seedMs, dbBytes: fileSize(file), walBytes: fileSize(`${file}-wal`) },
      cleanup,
      overrides,
    );
    return { ...served, dbFile: file };
  } catch (err) {
    cleanup();
    throw err;
  }
}

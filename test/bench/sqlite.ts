import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildApp, databaseFile } from '../../server/src/app';
import { loadCatalog, loadSeedData } from '../../server/src/catalog/load-catalog';
import { loadConfig } from '../../server/src/config';
import { openSqliteStore } from '../../server/src/store/sqlite/sqlite-store';
import { SHIPPED_GEODATA } from '../helpers/server';
import type { TargetInfo } from './report';
import { PROVINCE, syntheticFacilities } from './synthetic';

/** A listening server over `size` synthetic facilities, as the bench measures it. */
export interface Target {
  name: string;
  size: number;
  origin: string;
  /** Response-cache counters (to tell what share of a case the cache answered). */
  cacheCounts(): { hits: number; misses: number };
  info: Omit<TargetInfo, 'loadBefore' | 'loadAfter'>;
  close(): Promise<void>;
}

function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/**
 * The default backend: a temp DATA_DIR seeded with the shipped districts and `size` synthetic
 * facilities (timed), then the real app built on it (timed: the start-up a restart pays) and
 * listening on 127.0.0.1.
 */
export async function sqliteTarget(size: number): Promise<Target> {
  const dataDir = mkdtempSync(path.join(tmpdir(), `laocai-bench-${size}-`));
  try {
    const catalog = loadCatalog(SHIPPED_GEODATA);
    const districts = loadSeedData(SHIPPED_GEODATA, catalog).features.filter(
      (f) => f.collection === 'districts',
    );
    const config = loadConfig({
      DATA_DIR: dataDir,
      GEODATA_DIR: SHIPPED_GEODATA,
      LOG_LEVEL: 'silent',
      PORT: '0',
    });
    const file = databaseFile(config);
    const store = openSqliteStore({ file, catalog });
    const features = [
      ...districts,
      ...syntheticFacilities(
        size,
        PROVINCE,
        districts.map((d) => String(d.properties.code)),
      ),
    ];
    process.stderr.write(`bench sqlite ${size}: seeding …\n`);
    const t0 = performance.now();
    await store.seed({ features, indicators: [] });
    const seedMs = Math.round(performance.now() - t0);
    features.length = 0;
    await store.close();
    const t1 = performance.now();
    const app = await buildApp(config);
    const startMs = Math.round(performance.now() - t1);
    await app.listen({ port: 0, host: '127.0.0.1' });
    return {
      name: 'sqlite',
      size,
      origin: `http://127.0.0.1:${(app.server.address() as { port: number }).port}`,
      cacheCounts: () => ({ hits: app.responseCache.hits, misses: app.responseCache.misses }),
      info: {
        target: 'sqlite',
        size,
        seedMs,
        startMs,
        dbBytes: fileSize(file),
        walBytes: fileSize(`${file}-wal`),
      },
      close: async () => {
        await app.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
}

import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadCatalog } from '../../server/src/catalog/load-catalog';
import { loadConfig } from '../../server/src/config';
import { databaseFile } from '../../server/src/store/open-store';
import { openSqliteStore } from '../../server/src/store/sqlite/sqlite-store';
import { SHIPPED_GEODATA } from '../helpers/server';
import { benchFeatures, listenTarget, type TargetFactory } from './target';

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
  open: async (size) => {
    const dataDir = mkdtempSync(path.join(tmpdir(), `laocai-bench-${size}-`));
    const cleanup = () => rmSync(dataDir, { recursive: true, force: true });
    try {
      const config = loadConfig({
        DATA_DIR: dataDir,
        GEODATA_DIR: SHIPPED_GEODATA,
        LOG_LEVEL: 'silent',
        PORT: '0',
      });
      const file = databaseFile(config);
      const store = openSqliteStore({ file, catalog: loadCatalog(SHIPPED_GEODATA) });
      const features = benchFeatures(size);
      process.stderr.write(`bench sqlite ${size}: seeding …\n`);
      const t0 = performance.now();
      await store.seed({ features, indicators: [] });
      const seedMs = Math.round(performance.now() - t0);
      features.length = 0;
      await store.close();
      return await listenTarget(
        config,
        { target: 'sqlite', size, seedMs, dbBytes: fileSize(file), walBytes: fileSize(`${file}-wal`) },
        cleanup,
      );
    } catch (err) {
      cleanup();
      throw err;
    }
  },
};

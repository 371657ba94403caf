import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { SeedFeature } from '../../server/src/catalog/catalog';
import { loadCatalog, loadSeedData } from '../../server/src/catalog/load-catalog';
import { databaseFile } from '../../server/src/store/open-store';
import { openSqliteStore } from '../../server/src/store/sqlite/sqlite-store';
import { PROVINCE, syntheticFacilities } from '../bench/synthetic';
import { quietConfig, SHIPPED_GEODATA } from './server';

/**
 * A fresh temp DATA_DIR whose SQLite database holds the shipped data plus `n` synthetic
 * facilities (test/bench/synthetic, ids after the shipped ones) and the `extra` facilities
 * (ids after those): start a server on it with `startTestServer({ dataDir })` (it keeps a
 * non-empty store as it is). The caller deletes it.
 */
export async function seedLargeDataDir(n: number, extra: SeedFeature[] = []): Promise<string> {
  const dataDir = mkdtempSync(path.join(tmpdir(), `laocai-large-${n}-`));
  const config = quietConfig({ DATA_DIR: dataDir });
  const catalog = loadCatalog(SHIPPED_GEODATA);
  const seed = loadSeedData(SHIPPED_GEODATA, catalog);
  const codes = seed.features
    .filter((f) => f.collection === 'districts')
    .map((f) => String(f.properties.code));
  const firstId =
    Math.max(0, ...seed.features.filter((f) => f.collection === 'facilities').map((f) => f.id)) + 1;
  const synthetic = [...syntheticFacilities(n, PROVINCE, codes), ...extra].map((f, i) => ({
    ...f,
    id: firstId + i,
  }));
  const store = openSqliteStore({ file: databaseFile(config), catalog });
  try {
    await store.seed({ ...seed, features: [...seed.features, ...synthetic] });
  } finally {
    await store.close();
  }
  return dataDir;
}

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadCatalog, loadSeedData } from '../../server/src/catalog/load-catalog';
import { loadConfig } from '../../server/src/config';
import { databaseFile } from '../../server/src/store/open-store';
import { openSqliteStore } from '../../server/src/store/sqlite/sqlite-store';
import { PROVINCE, syntheticFacilities } from '../bench/synthetic';
import { SHIPPED_GEODATA } from './server';

/**
 * A fresh temp DATA_DIR whose SQLite database holds the shipped data plus `n` synthetic
 * facilities (test/bench/synthetic, ids after the shipped ones): start a server on it with
 * `startTestServer({ dataDir })` (it keeps a non-empty store as it is). The caller deletes it.
 */
export async function seedLargeDataDir(n: number): Promise<string> {
  const dataDir = mkdtempSync(path.join(tmpdir(), `laocai-large-${n}-`));
  const config = loadConfig({
    DATA_DIR: dataDir,
    GEODATA_DIR: SHIPPED_GEODATA,
    LOG_LEVEL: 'silent',
    PORT: '0',
  });
  const catalog = loadCatalog(SHIPPED_GEODATA);
  const seed = loadSeedData(SHIPPED_GEODATA, catalog);
  const codes = seed.features
    .filter((f) => f.collection === 'districts')
    .map((f) => String(f.properties.code));
  const firstId =
    Math.max(0, ...seed.features.filter((f) => f.collection === 'facilities').map((f) => f.id)) + 1;
  const synthetic = syntheticFacilities(n, PROVINCE, codes).map((f) => ({ ...f, id: f.id + firstId - 1 }));
  const store = openSqliteStore({ file: databaseFile(config), catalog });
  try {
    await store.seed({ ...seed, features: [...seed.features, ...synthetic] });
  } finally {
    await store.close();
  }
  return dataDir;
}

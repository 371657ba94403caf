import path from 'node:path';
import type { Catalog } from '../catalog/catalog';
import { loadSeedData } from '../catalog/load-catalog';
import type { Config } from '../config';
import { type FeatureStore, StoreNotEmpty } from './feature-store';
import type { InquiryStore } from './inquiry-store';
import { redactUrl } from './postgis/connection';
import { openPostgisStore } from './postgis/postgis-store';
import { openPostgisUserStore } from './postgis/user-store';
import { openSqliteStore } from './sqlite/sqlite-store';
import { openSqliteUserStore } from './sqlite/user-store';
import type { UserStore } from './user-store';

/** What the app holds: features (with history), users/sessions and inquiries, on one database. */
export type AppStore = FeatureStore & UserStore & InquiryStore;

/** The SQLite file under DATA_DIR (used when DATABASE_URL is not set). */
export function databaseFile(config: Config): string {
  return path.join(config.dataDir, 'app.db');
}

/** Where the data lives, for messages: the SQLite file, or the PostgreSQL URL without its password. */
export function storeLocation(config: Config): string {
  return config.databaseUrl === null ? databaseFile(config) : redactUrl(config.databaseUrl);
}

/**
 * The one place that picks the backend: DATABASE_URL → PostgreSQL/PostGIS, else SQLite in
 * DATA_DIR. Opens and migrates; does not seed (see openStore).
 */
export async function openBackend(config: Config, catalog: Catalog): Promise<AppStore> {
  if (config.databaseUrl !== null) return openPostgisStore({ url: config.databaseUrl, catalog });
  return openSqliteStore({
    file: databaseFile(config),
    catalog,
    readModelChars: config.readModelMb * 2 ** 20,
  });
}

/**
 * Opens the store and seeds it from GEODATA_DIR when it is empty (one transaction; a store with
 * data is kept as it is, so staff edits survive restarts). Instances starting together on one
 * empty database seed it once: the seed checks emptiness inside its transaction (under a lock on
 * PostgreSQL) and the others get StoreNotEmpty, which here means "already seeded".
 * `seeded` tells whether this call loaded the data.
 */
export async function openStore(
  config: Config,
  catalog: Catalog,
): Promise<{ store: AppStore; seeded: boolean }> {
  const store = await openBackend(config, catalog);
  try {
    if (!(await store.isEmpty())) return { store, seeded: false };
    try {
      await store.seed(loadSeedData(config.geodataDir, catalog));
      return { store, seeded: true };
    } catch (err) {
      if (err instanceof StoreNotEmpty) return { store, seeded: false };
      throw err;
    }
  } catch (err) {
    await store.close();
    throw err;
  }
}

/** Accounts and sessions only (the user CLI); the same backend choice as openBackend. */
export async function openUserStore(config: Config): Promise<UserStore & { close(): Promise<void> }> {
  if (config.databaseUrl !== null) return openPostgisUserStore({ url: config.databaseUrl });
  return openSqliteUserStore(databaseFile(config));
}

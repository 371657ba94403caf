import { randomUUID } from 'node:crypto';
import path from 'node:path';
import compress from '@fastify/compress';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Catalog } from './catalog/catalog';
import { loadCatalog, loadSeedData } from './catalog/load-catalog';
import type { Config } from './config';
import { registerErrorHandler } from './plugins/errors';
import { registerEtag } from './plugins/etag';
import { registerOpenApi } from './plugins/openapi';
import { registerStaticClient } from './plugins/static-client';
import { registerStore } from './plugins/store';
import { registerAppConfigRoutes } from './routes/app-config';
import { registerCollectionRoutes } from './routes/collections';
import { registerIndicatorRoutes } from './routes/indicators';
import { registerItemsRoutes } from './routes/items';
import { registerLandingRoutes } from './routes/landing';
import { registerQueryablesRoutes } from './routes/queryables';
import { registerSchemaRoutes } from './routes/schema';
import type { FeatureStore } from './store/feature-store';
import { openSqliteStore } from './store/sqlite/sqlite-store';

export interface AppOverrides {
  /** Use this catalog instead of reading GEODATA_DIR/schema. */
  catalog?: Catalog;
  /** Use this store instead of opening DATA_DIR's SQLite file (the app still closes it). */
  store?: FeatureStore;
}

/** The SQLite file under DATA_DIR. */
export function databaseFile(config: Config): string {
  return path.join(config.dataDir, 'app.db');
}

/**
 * Opens the store and seeds it from GEODATA_DIR when it is empty (one transaction; a store with
 * data is kept as it is, so staff edits survive restarts).
 */
export async function openStore(config: Config, catalog: Catalog): Promise<FeatureStore> {
  const store = openSqliteStore({ file: databaseFile(config), catalog });
  try {
    if (await store.isEmpty()) await store.seed(loadSeedData(config.geodataDir, catalog));
    return store;
  } catch (err) {
    await store.close();
    throw err;
  }
}

/** Fastify's trustProxy; a hop count becomes "trust the first n hops". */
function trustProxyOption(
  value: Config['trustProxy'],
): boolean | string[] | ((address: string, hop: number) => boolean) {
  return typeof value === 'number' ? (_address, hop) => hop < value : value;
}

/** Builds the whole app (plugins, then routes, explicitly). Tests call this and use `app.inject`. */
export async function buildApp(config: Config, overrides: AppOverrides = {}): Promise<FastifyInstance> {
  const catalog = overrides.catalog ?? loadCatalog(config.geodataDir);
  const store = overrides.store ?? (await openStore(config, catalog));
  const app = Fastify({
    logger: { level: config.logLevel },
    trustProxy: trustProxyOption(config.trustProxy),
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    return503OnClosing: true,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array' } },
  });
  try {
    registerErrorHandler(app);
    registerStore(app, config, catalog, store);
    app.addHook('onSend', async (request, reply, payload) => {
      reply.header('x-request-id', request.id);
      return payload;
    });
    registerEtag(app);
    await app.register(compress, { threshold: 1024 });
    await registerOpenApi(app);
    registerLandingRoutes(app);
    registerCollectionRoutes(app);
    registerItemsRoutes(app);
    registerQueryablesRoutes(app);
    registerSchemaRoutes(app);
    registerIndicatorRoutes(app);
    registerAppConfigRoutes(app);
    await registerStaticClient(app, config.clientDir);
    await app.ready();
    return app;
  } catch (err) {
    await app.close();
    throw err;
  }
}

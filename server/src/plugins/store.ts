import type { FastifyInstance } from 'fastify';
import type { Catalog } from '../catalog/catalog';
import type { Config } from '../config';
import type { FeatureStore } from '../store/feature-store';

declare module 'fastify' {
  interface FastifyInstance {
    /** The storage the routes see (only through this interface). */
    store: FeatureStore;
    /** Collections and indicators from geodata/schema. */
    catalog: Catalog;
    config: Config;
  }
}

/** Makes the store, catalog and config available to routes; closes the store when the app closes. */
export function registerStore(
  app: FastifyInstance,
  config: Config,
  catalog: Catalog,
  store: FeatureStore,
): void {
  app.decorate('config', config);
  app.decorate('catalog', catalog);
  app.decorate('store', store);
  app.addHook('onClose', async () => {
    await store.close();
  });
}

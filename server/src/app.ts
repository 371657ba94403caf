import { randomUUID } from 'node:crypto';
import compress from '@fastify/compress';
import Fastify, { type FastifyInstance, LogController } from 'fastify';
import { LoginLimiter } from './auth/login-limiter';
import type { Catalog } from './catalog/catalog';
import { loadCatalog } from './catalog/load-catalog';
import type { Config } from './config';
import { upgradeStoredFacts } from './editing/fact-upgrade';
import { FeatureWriter } from './editing/feature-writer';
import { GeometryChecker } from './editing/geometry-checker';
import { createImports } from './imports/imports';
import { type InquiryLimit, InquiryService } from './inquiries/inquiry-service';
import { registerAuth } from './plugins/auth';
import { registerCsrf } from './plugins/csrf';
import { registerErrorHandler } from './plugins/errors';
import { registerEtag } from './plugins/etag';
import { closingOrUrlRefusal, frameworkErrorOptions } from './plugins/framework-errors';
import { registerJsonBodyParser } from './plugins/json-body';
import { expensiveRequestLimit } from './plugins/limits';
import { registerNumericParams } from './plugins/numeric-params';
import { registerOpenApi } from './plugins/openapi';
import { registerOptions } from './plugins/read-cors';
import { registerRequestGate } from './plugins/request-gate';
import { registerRequestLog } from './plugins/request-log';
import { registerRevisionCache } from './plugins/response-cache';
import { registerResponseCheck } from './plugins/response-check';
import { securityHeaderSetter, securityHeaders } from './plugins/security-headers';
import { registerSerializerCache } from './plugins/serializer-cache';
import { registerStaticClient } from './plugins/static-client';
import { registerStore } from './plugins/store';
import { hostRefusal, originPolicy } from './plugins/trusted-origin';
import { registerAppConfigRoutes } from './routes/app-config';
import { registerAuthRoutes } from './routes/auth';
import { registerBatchRoutes } from './routes/batches';
import { registerCollectionRoutes } from './routes/collections';
import { registerHistoryRoutes } from './routes/history';
import { registerImportRoutes } from './routes/imports';
import { registerIndicatorRoutes } from './routes/indicators';
import { registerInquiryRoutes } from './routes/inquiries';
import { registerItemsRoutes } from './routes/items';
import { registerItemsWriteRoutes } from './routes/items-write';
import { registerLandingRoutes } from './routes/landing';
import { registerNearbyRoutes } from './routes/nearby';
import { registerQueryablesRoutes } from './routes/queryables';
import { registerSchemaRoutes } from './routes/schema';
import { registerTileRoutes } from './routes/tiles';
import { NearbyService } from './site/nearby';
import { SiteService } from './site/site-service';
import { type AppStore, databaseFile, openStore, storeLocation } from './store/open-store';
import { holdServerLock } from './store/sqlite/server-lock';

/** Most bytes of a request body (a drawn polygon with many vertices fits easily); more → 413. */
export const BODY_LIMIT = 1_048_576;

export interface AppOverrides {
  /** Use this catalog instead of reading GEODATA_DIR/schema. */
  catalog?: Catalog;
  /** Use this store (features, users, sessions) instead of opening the configured one (the app still closes it). */
  store?: AppStore;
  /** Clock (epoch ms) for sessions and login limits; tests pass a fake one. Default Date.now. */
  clock?: () => number;
  /** Login limiter; default 5 failures per 15 minutes per account and per address, counted in the store. */
  loginLimiter?: LoginLimiter;
  /** Where the pino log lines go (default stdout); tests read them. */
  logStream?: { write(line: string): void };
  /** Byte budget of the read response cache (default 32 MiB; 0 stores nothing). */
  responseCacheBytes?: number;
  /** Check every /api answer against its contract schema (a wrong one becomes a 500); tests turn it on. */
  checkResponses?: boolean;
  /** Inquiries per address and window; default 5 per hour (inquiries/inquiry-service.ts), counted in the store. */
  inquiryLimit?: InquiryLimit;
  /**
   * `false`: no security headers on routed answers. Only for `npm run bench`'s A/B target, which
   * measures what the headers cost; no configuration reaches it.
   */
  securityHeaders?: false;
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
  const opened = overrides.store
    ? { store: overrides.store, seeded: false }
    : await openStore(config, catalog);
  const { store } = opened;
  // Marks the SQLite database as served, so db:restore refuses to replace it under us.
  const releaseLock =
    overrides.store || config.databaseUrl !== null ? undefined : holdServerLock(databaseFile(config));
  const headers = securityHeaders(config);
  const app = Fastify({
    logger: { level: config.logLevel, ...(overrides.logStream ? { stream: overrides.logStream } : {}) },
    trustProxy: trustProxyOption(config.trustProxy),
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    // plugins/framework-errors.ts answers 503 problems while closing, and Fastify's own errors.
    return503OnClosing: false,
    ...frameworkErrorOptions(headers),
    // plugins/request-log.ts writes one line per request instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: BODY_LIMIT,
    // A slow client cannot hold a connection: the whole request within REQUEST_TIMEOUT_SECONDS
    // (then 408), an idle socket 2 minutes, an idle keep-alive connection 10 s.
    requestTimeout: config.requestTimeoutSeconds * 1000,
    connectionTimeout: 120_000,
    keepAliveTimeout: 10_000,
    // How often Node looks for requests past their timeout (its default, 30 s, would let one run late).
    http: { connectionsCheckingInterval: Math.min(5_000, config.requestTimeoutSeconds * 500) },
    // No coercion: numeric query/path parameters go through plugins/numeric-params.ts.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false } },
  });
  const clock = overrides.clock ?? Date.now;
  if (releaseLock) {
    app.addHook('onClose', (_app, done) => {
      releaseLock();
      done();
    });
  }
  try {
    if (opened.seeded)
      app.log.info({ store: storeLocation(config) }, 'seeded the empty database from geodata/');
    const upgraded = await upgradeStoredFacts(store, catalog);
    if (upgraded > 0) app.log.info({ features: upgraded }, 'brought stored features to the site-fact schema');
    registerErrorHandler(app);
    registerSerializerCache(app);
    const origins = originPolicy(config);
    const setHeaders =
      overrides.securityHeaders === false ? () => undefined : securityHeaderSetter(config, headers);
    registerRequestGate(app, setHeaders, [
      closingOrUrlRefusal(app),
      hostRefusal(origins, config),
      expensiveRequestLimit(config.maxExpensiveRequests),
    ]);
    registerNumericParams(app);
    registerStore(app, config, catalog, store);
    registerRevisionCache(app, overrides.responseCacheBytes);
    registerJsonBodyParser(app);
    await registerAuth(app, store, { ttlHours: config.sessionTtlHours, clock });
    registerCsrf(app, origins);
    registerRequestLog(app);
    registerEtag(app);
    if (overrides.checkResponses) registerResponseCheck(app);
    await app.register(compress, { threshold: 1024 });
    await registerOpenApi(app);
    const registerOptionsRoutes = registerOptions(app, config);
    registerLandingRoutes(app);
    registerCollectionRoutes(app);
    app.decorate('sites', new SiteService(store, catalog));
    registerItemsRoutes(app);
    registerTileRoutes(app);
    const writer = new FeatureWriter(store, new GeometryChecker());
    app.addHook('onClose', () => writer.geometry.close());
    registerItemsWriteRoutes(app, writer);
    registerHistoryRoutes(app, writer);
    registerAuthRoutes(app, overrides.loginLimiter ?? new LoginLimiter(store, { now: clock }));
    registerQueryablesRoutes(app);
    registerSchemaRoutes(app);
    registerIndicatorRoutes(app);
    registerNearbyRoutes(app, new NearbyService(store, catalog));
    const inquiryOptions = { clock, limit: overrides.inquiryLimit };
    registerInquiryRoutes(app, new InquiryService(store, catalog, inquiryOptions));
    registerAppConfigRoutes(app);
    const imports = createImports(store, catalog, config.geodataDir, clock);
    app.addHook('onClose', () => imports.close());
    registerImportRoutes(app, imports);
    registerBatchRoutes(app);
    registerOptionsRoutes();
    await registerStaticClient(app, config.clientDir);
    await app.ready();
    await warnWithoutAdmin(app);
    return app;
  } catch (err) {
    await app.close();
    throw err;
  }
}

/** No default account exists: when there is no admin, the log says how to create one. */
async function warnWithoutAdmin(app: FastifyInstance): Promise<void> {
  if ((await app.users.countAdmins()) > 0) return;
  app.log.warn(
    'No admin account exists, so nobody can edit. Create one with: npm run user -- add NAME --role admin ' +
      '(the password is read from stdin, or from LCMAP_PASSWORD; use the same DATA_DIR or DATABASE_URL as the server).',
  );
}

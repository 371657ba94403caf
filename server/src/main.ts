import type { FastifyInstance } from 'fastify';
import { buildApp } from './app';
import { loadConfig } from './config';

/**
 * Production entry: loadConfig → buildApp → listen. SIGTERM/SIGINT close the app gracefully:
 * stop accepting, finish in-flight requests, then close the database (store onClose hook).
 */
export async function runServer(
  env: Record<string, string | undefined> = process.env,
): Promise<FastifyInstance> {
  const config = loadConfig(env);
  const app = await buildApp(config);
  let closing = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    app.close().then(
      () => process.exit(0),
      (err: unknown) => {
        app.log.error({ err }, 'error while shutting down');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
  await app.listen({ port: config.port, host: config.host });
  return app;
}

const isEntry =
  process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'));
if (isEntry) {
  runServer().catch((err: unknown) => {
    console.error(`server: could not start: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}

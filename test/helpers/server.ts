import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { type AppOverrides, buildApp } from '../../server/src/app';
import { type Config, loadConfig } from '../../server/src/config';
import { addUser, type TestUser } from './auth';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The shipped datasets (H1's geodata/). */
export const SHIPPED_GEODATA = path.join(REPO, 'geodata');
/** Tiny made-up datasets for server tests (see its README). */
export const FIXTURE_GEODATA = path.join(REPO, 'test/fixtures/server/geodata');

/**
 * The configuration of a quiet server on the shipped geodata (any free port, no log lines), with
 * `env` on top (DATA_DIR or DATABASE_URL): for the bench's and the large-data helpers' own apps.
 */
export function quietConfig(env: Record<string, string>): Config {
  return loadConfig({ PORT: '0', LOG_LEVEL: 'silent', GEODATA_DIR: SHIPPED_GEODATA, ...env });
}

export interface TestServerOptions {
  /** Reuse this DATA_DIR (it is then not deleted on close); default a fresh temp folder. */
  dataDir?: string;
  /** Datasets to seed from; default the shipped geodata/. */
  geodataDir?: string;
  /** Built client to serve; default dist/client (served when it exists). */
  clientDir?: string;
  /** Accounts to create before the server answers (password default TEST_PASSWORD from ./auth). */
  users?: TestUser[];
  /** Clock (epoch ms) for sessions and login limits; default Date.now. */
  clock?: () => number;
  /** Extra environment, e.g. { SESSION_TTL_HOURS: '1' }. */
  env?: Record<string, string>;
  /** Extra buildApp overrides (a wrapped store, a catalog…). */
  overrides?: AppOverrides;
}

export interface TestApp {
  app: FastifyInstance;
  dataDir: string;
  close(): Promise<void>;
}

/**
 * Builds the real app (not listening) on a temp DATA_DIR, quiet logs; for `app.inject` tests.
 * Every /api answer is checked against its contract schema (a wrong one becomes a 500).
 */
export async function buildTestApp(opts: TestServerOptions = {}): Promise<TestApp> {
  const owned = opts.dataDir === undefined;
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(tmpdir(), 'laocai-test-'));
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    GEODATA_DIR: opts.geodataDir ?? SHIPPED_GEODATA,
    CLIENT_DIR: opts.clientDir ?? path.join(REPO, 'dist/client'),
    ...opts.env,
  });
  let app: FastifyInstance | undefined;
  try {
    app = await buildApp(config, { clock: opts.clock, checkResponses: true, ...opts.overrides });
    for (const user of opts.users ?? []) await addUser(app, user);
  } catch (err) {
    await app?.close();
    if (owned) rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
  return {
    app,
    dataDir,
    close: async () => {
      await app.close();
      if (owned) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Starts the real server on 127.0.0.1, port 0 (a free port), with a temp DATA_DIR and quiet logs;
 * serves the built client from dist/client when present. Used by API and browser (e2e) tests.
 */
export async function startTestServer(
  opts: TestServerOptions = {},
): Promise<{ url: string; app: FastifyInstance; dataDir: string; close(): Promise<void> }> {
  const built = await buildTestApp(opts);
  try {
    await built.app.listen({ port: 0, host: '127.0.0.1' });
  } catch (err) {
    await built.close();
    throw err;
  }
  const address = built.app.server.address();
  if (address === null || typeof address === 'string') throw new Error('server did not bind a TCP port');
  return { url: `http://127.0.0.1:${address.port}`, ...built };
}

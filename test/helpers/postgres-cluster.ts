/**
 * A throw-away PostgreSQL + PostGIS cluster for tests: initdb in a temp folder, a free port on
 * 127.0.0.1, trust authentication, no fsync (nothing here must survive the machine), stopped and
 * deleted by `destroy()`. As root (CI), the server runs as the `postgres` OS user via runuser,
 * since PostgreSQL refuses to run as root. A missing installation throws, saying how to install
 * it: the PostGIS tests are never skipped.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';

export const POSTGRES_INSTALL_HINT =
  'PostgreSQL 15 with PostGIS 3 is needed for the PostGIS store tests. Install it with: ' +
  'sudo apt-get install -y postgresql-15 postgresql-15-postgis-3 (bash .ci/run does this).';

/** The PostgreSQL superuser of test clusters (trust authentication, 127.0.0.1 only). */
export const TEST_PG_USER = 'lcmap_test';

export interface TestCluster {
  /** postgres://lcmap_test@127.0.0.1:PORT/DB */
  url(database: string): string;
  port: number;
  /** Stops the server (fast shutdown: connections are cut); the data stays for start(). */
  stop(): void;
  start(): void;
  /** Stops it if running and deletes its folder. */
  destroy(): void;
}

/** The folder of initdb/pg_ctl: PG_BIN, else pg_config --bindir, else the newest /usr/lib/postgresql/N/bin. */
export function findPostgresBin(): string {
  const fromEnv = process.env.PG_BIN;
  if (fromEnv && existsSync(path.join(fromEnv, 'initdb'))) return fromEnv;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(path.join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions[0]) return path.join(root, versions[0], 'bin');
  throw new Error(`initdb was not found (PG_BIN, /usr/lib/postgresql/*/bin). ${POSTGRES_INSTALL_HINT}`);
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const asRoot = userInfo().uid === 0;

/** Runs a PostgreSQL tool, as the `postgres` OS user when we are root. */
function runTool(bin: string, tool: string, args: string[]): void {
  const command = asRoot ? 'runuser' : path.join(bin, tool);
  const argv = asRoot ? ['-u', 'postgres', '--', path.join(bin, tool), ...args] : args;
  const result = spawnSync(command, argv, { encoding: 'utf8', cwd: tmpdir() });
  if (result.status !== 0) {
    const why = result.error?.message ?? `${result.stderr}${result.stdout}`.trim();
    throw new Error(`${tool} ${args[0] ?? ''} failed: ${why}`);
  }
}

/** initdb + start. Takes about a second; call destroy() when done. */
export async function startTestCluster(): Promise<TestCluster> {
  const bin = findPostgresBin();
  if (!existsSync(path.join(bin, 'postgres')))
    throw new Error(`no postgres in ${bin}. ${POSTGRES_INSTALL_HINT}`);
  const share = execFileSync(path.join(bin, 'pg_config'), ['--sharedir'], { encoding: 'utf8' }).trim();
  if (!existsSync(path.join(share, 'extension', 'postgis.control'))) {
    throw new Error(`PostGIS is not installed for ${bin}. ${POSTGRES_INSTALL_HINT}`);
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'laocai-pg-'));
  if (asRoot) {
    const ids = execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim();
    const gid = execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim();
    chownSync(dir, Number(ids), Number(gid));
  }
  chmodSync(dir, 0o700);
  const data = path.join(dir, 'data');
  const port = await freePort();
  runTool(bin, 'initdb', [
    '-D',
    data,
    '-U',
    TEST_PG_USER,
    '--auth=trust',
    '-E',
    'UTF8',
    '--locale=C.UTF-8',
    '-N',
  ]);
  const options = [
    `-p ${port}`,
    "-c listen_addresses='127.0.0.1'",
    `-c unix_socket_directories='${dir}'`,
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c max_connections=200',
    '-c shared_buffers=64MB',
  ].join(' ');
  let running = false;
  const start = (): void => {
    runTool(bin, 'pg_ctl', [
      'start',
      '-w',
      '-t',
      '60',
      '-D',
      data,
      '-l',
      path.join(dir, 'log'),
      '-o',
      options,
    ]);
    running = true;
  };
  const stop = (): void => {
    runTool(bin, 'pg_ctl', ['stop', '-w', '-m', 'fast', '-D', data]);
    running = false;
  };
  start();
  return {
    port,
    url: (database) => `postgres://${TEST_PG_USER}@127.0.0.1:${port}/${database}`,
    stop,
    start,
    destroy: () => {
      try {
        if (running) runTool(bin, 'pg_ctl', ['stop', '-w', '-m', 'immediate', '-D', data]);
      } finally {
        running = false;
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

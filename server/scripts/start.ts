/**
 * `npm start`: builds the client with Vite when dist/client is missing or older than client/
 * sources, then starts the server (server/src/main.ts). `--help` prints the environment table.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ENV_DOC, loadConfig } from '../src/config';
import { runServer } from '../src/main';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DEFAULT_CLIENT_DIR = path.join(REPO, 'dist/client');

function usage(): string {
  const rows = ENV_DOC.map((e) => `  ${e.name.padEnd(18)} ${e.default.padEnd(18)} ${e.meaning}`);
  return [
    'Usage: npm start [-- --help]',
    '',
    'Builds the web client if needed (dist/client older than client/), then serves the API under /api',
    'and the client at /. A new database (DATABASE_URL, else DATA_DIR/app.db) is seeded from GEODATA_DIR;',
    'an existing one is kept.',
    '',
    `  ${'variable'.padEnd(18)} ${'default'.padEnd(18)} meaning`,
    ...rows,
    '',
  ].join('\n');
}

/** Newest modification time (ms) of the files under `dir`, skipping node_modules. */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

function builtAt(clientDir: string): number {
  try {
    return statSync(path.join(clientDir, 'index.html')).mtimeMs;
  } catch {
    return 0;
  }
}

async function main(args: string[]): Promise<void> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(usage());
    return;
  }
  const config = loadConfig(process.env);
  if (config.clientDir === DEFAULT_CLIENT_DIR) {
    const sources = Math.max(
      newestMtime(path.join(REPO, 'client')),
      statSync(path.join(REPO, 'vite.config.ts')).mtimeMs,
    );
    if (builtAt(config.clientDir) < sources) {
      console.info('start: building the client (dist/client is missing or older than client/)…');
      const { build } = await import('vite');
      await build({ configFile: path.join(REPO, 'vite.config.ts'), logLevel: 'warn' });
    }
  } else if (builtAt(config.clientDir) === 0) {
    console.warn(`start: CLIENT_DIR ${config.clientDir} has no index.html; / will answer 503`);
  }
  await runServer(process.env);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  console.error(`start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});

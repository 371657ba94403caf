/**
 * `npm start`: builds the client with Vite when dist/client is missing or any file it was built
 * from changed (client code, geodata/schema, packages, the build config: the hashes recorded in
 * dist/client/build-inputs.json), then starts the server (server/src/main.ts). `--help` prints
 * the environment table.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { staleInput } from '../../client/build/inputManifest';
import { ENV_DOC, loadConfig } from '../src/config';
import { runServer } from '../src/main';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DEFAULT_CLIENT_DIR = path.join(REPO, 'dist/client');

function usage(): string {
  const width = Math.max(...ENV_DOC.map((e) => e.name.length)) + 1;
  const rows = ENV_DOC.map((e) => `  ${e.name.padEnd(width)} ${e.default.padEnd(18)} ${e.meaning}`);
  return [
    'Usage: npm start [-- --help]',
    '',
    'Builds the web client if needed (missing, or a file it was built from changed), then serves the API',
    'under /api and the client at /. A new database (DATABASE_URL, else DATA_DIR/app.db) is seeded from',
    'GEODATA_DIR; an existing one is kept.',
    '',
    `  ${'variable'.padEnd(width)} ${'default'.padEnd(18)} meaning`,
    ...rows,
    '',
  ].join('\n');
}

async function main(args: string[]): Promise<void> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(usage());
    return;
  }
  const config = loadConfig(process.env);
  if (config.clientDir === DEFAULT_CLIENT_DIR) {
    const reason = staleInput(config.clientDir, REPO);
    if (reason) {
      console.info(`start: building the client (${reason})…`);
      const { build } = await import('vite');
      await build({ configFile: path.join(REPO, 'vite.config.ts'), logLevel: 'warn' });
    }
  } else if (!existsSync(path.join(config.clientDir, 'index.html'))) {
    console.warn(`start: CLIENT_DIR ${config.clientDir} has no index.html; / will answer 503`);
  }
  await runServer(process.env);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  console.error(`start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});

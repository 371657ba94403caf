/**
 * `npm run db:backup -- FILE`: a consistent copy of DATA_DIR/app.db into FILE, safe while the
 * server runs and writes (SQLite's online backup API; see server/src/store/sqlite/backup.ts).
 */
import path from 'node:path';
import { type Config, loadConfig } from '../src/config';
import { databaseFile } from '../src/store/open-store';
import { backupDatabase } from '../src/store/sqlite/backup';

const USAGE = `Usage: npm run db:backup -- FILE

Copies the database under DATA_DIR (app.db) into FILE as one consistent snapshot, also while the
server is running and writing. FILE must not exist yet. Restore with npm run db:restore -- FILE.
`;

/** This command copies the SQLite file; a PostgreSQL store is backed up with pg_dump. */
function isSqlite(config: Config): boolean {
  if (config.databaseUrl === null) return true;
  console.error(
    'db:backup: DATABASE_URL is set: back up and restore PostgreSQL with pg_dump / pg_restore (see server/README.md).',
  );
  return false;
}

async function main(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (args.length !== 1 || args[0]?.startsWith('-')) {
    process.stderr.write(`db:backup: give exactly one FILE\n\n${USAGE}`);
    return 2;
  }
  const config = loadConfig(process.env);
  if (!isSqlite(config)) return 2;
  const source = databaseFile(config);
  const destination = path.resolve(args[0] as string);
  const pages = await backupDatabase(source, destination);
  console.info(`db:backup: copied ${source} (${pages} pages) to ${destination}; integrity check ok`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`db:backup: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);

/**
 * `npm run db:restore -- FILE`: replaces DATA_DIR/app.db with a backup made by db:backup. Refuses
 * while a server is running on that database; the replaced database is kept beside it.
 */
import path from 'node:path';
import { type Config, loadConfig } from '../src/config';
import { databaseFile } from '../src/store/open-store';
import { restoreDatabase } from '../src/store/sqlite/backup';
import { serverLockHolder } from '../src/store/sqlite/server-lock';

const USAGE = `Usage: npm run db:restore -- FILE

Replaces the database under DATA_DIR (app.db) with FILE (a backup from npm run db:backup), after
checking it. Stop the server first: a running server's database is never replaced. The database
it replaces is kept beside it as app.db.before-restore-<time>.
`;

/** This command copies the SQLite file; a PostgreSQL store is backed up with pg_dump. */
function isSqlite(config: Config): boolean {
  if (config.databaseUrl === null) return true;
  console.error(
    'db:restore: DATABASE_URL is set: back up and restore PostgreSQL with pg_dump / pg_restore (see server/README.md).',
  );
  return false;
}

async function main(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (args.length !== 1 || args[0]?.startsWith('-')) {
    process.stderr.write(`db:restore: give exactly one FILE\n\n${USAGE}`);
    return 2;
  }
  const config = loadConfig(process.env);
  if (!isSqlite(config)) return 2;
  const target = databaseFile(config);
  const pid = serverLockHolder(target);
  if (pid !== undefined) {
    console.error(
      `db:restore: a server (process ${pid}) is running on ${target}; stop it first, then restore.`,
    );
    return 1;
  }
  const kept = await restoreDatabase(path.resolve(args[0] as string), target);
  console.info(
    `db:restore: ${target} now holds ${path.resolve(args[0] as string)}` +
      (kept ? `; the previous database is kept as ${kept}` : ''),
  );
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`db:restore: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);

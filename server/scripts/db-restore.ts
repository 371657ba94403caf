/**
 * `npm run db:restore -- FILE`: replaces DATA_DIR/app.db with a backup made by db:backup. Refuses
 * while a server is running on that database; the replaced database is kept beside it.
 */
import { restoreDatabase } from '../src/store/sqlite/backup';
import { serverLockHolder } from '../src/store/sqlite/server-lock';
import { runSqliteFileCommand } from './sqlite-file-command';

const USAGE = `Usage: npm run db:restore -- FILE

Replaces the database under DATA_DIR (app.db) with FILE (a backup from npm run db:backup), after
checking it. Stop the server first: a running server's database is never replaced. The database
it replaces is kept beside it as app.db.before-restore-<time>.
`;

runSqliteFileCommand('db:restore', USAGE, async (target, backup) => {
  const pid = serverLockHolder(target);
  if (pid !== undefined) {
    console.error(
      `db:restore: a server (process ${pid}) is running on ${target}; stop it first, then restore.`,
    );
    return 1;
  }
  const kept = await restoreDatabase(backup, target);
  const note = kept ? `; the previous database is kept as ${kept}` : '';
  console.info(`db:restore: ${target} now holds ${backup}${note}`);
  return 0;
});

/**
 * `npm run db:backup -- FILE`: a consistent copy of DATA_DIR/app.db into FILE, safe while the
 * server runs and writes (SQLite's online backup API; see server/src/store/sqlite/backup.ts).
 */
import { backupDatabase } from '../src/store/sqlite/backup';
import { runSqliteFileCommand } from './sqlite-file-command';

const USAGE = `Usage: npm run db:backup -- FILE

Copies the database under DATA_DIR (app.db) into FILE as one consistent snapshot, also while the
server is running and writing. FILE must not exist yet. Restore with npm run db:restore -- FILE.
`;

runSqliteFileCommand('db:backup', USAGE, async (source, destination) => {
  const pages = await backupDatabase(source, destination);
  console.info(`db:backup: copied ${source} (${pages} pages) to ${destination}; integrity check ok`);
  return 0;
});

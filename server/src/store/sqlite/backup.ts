import { existsSync, renameSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations';
import { registerSortKey } from './sort-indexes';

/** Most pages per backup step: everything in one step, so no write can restart the copy midway. */
const ALL_PAGES = 0x7fffffff;

function checkIntegrity(db: Database.Database, file: string): void {
  // integrity_check recomputes the sort indexes' keys.
  registerSortKey(db);
  const result = db.pragma('integrity_check', { simple: true });
  if (result !== 'ok') throw new Error(`${file} failed the SQLite integrity check: ${String(result)}`);
}

/**
 * Online backup of a live database (SQLite's backup API through better-sqlite3): the copy is
 * one consistent snapshot, taken inside one read transaction (WAL: the server keeps writing
 * meanwhile). The copy is checked (integrity_check) before this resolves. Refuses to overwrite
 * an existing file. Returns the page count.
 */
export async function backupDatabase(source: string, destination: string): Promise<number> {
  if (!existsSync(source)) throw new Error(`there is no database at ${source}`);
  if (existsSync(destination)) throw new Error(`${destination} exists already; choose a new file`);
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const { totalPages } = await db.backup(destination, { progress: () => ALL_PAGES });
    const copy = new Database(destination, { readonly: true, fileMustExist: true });
    try {
      checkIntegrity(copy, destination);
    } finally {
      copy.close();
    }
    return totalPages;
  } catch (err) {
    rmSync(destination, { force: true });
    throw err;
  } finally {
    db.close();
  }
}

/**
 * Replaces `target` with the backup `source`, after checking that it is an intact database of
 * this app (integrity, the `features` table, a schema version this server knows). The previous
 * database, with its WAL checkpointed into it, is kept beside it as `<target>.before-restore-<time>`.
 * The caller makes sure no server has `target` open (server-lock.ts). Returns the kept file, if any.
 */
export async function restoreDatabase(source: string, target: string): Promise<string | undefined> {
  const backup = new Database(source, { readonly: true, fileMustExist: true });
  const staging = `${target}.restoring`;
  rmSync(staging, { force: true });
  try {
    checkIntegrity(backup, source);
    const version = backup.pragma('user_version', { simple: true }) as number;
    const hasFeatures = backup
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'features'")
      .get();
    if (!hasFeatures || version < 1) throw new Error(`${source} is not a database of this app`);
    if (version > MIGRATIONS.length) {
      throw new Error(`${source} comes from a newer server (schema ${version} > ${MIGRATIONS.length})`);
    }
    await backup.backup(staging, { progress: () => ALL_PAGES });
  } finally {
    backup.close();
  }
  let kept: string | undefined;
  if (existsSync(target)) {
    const old = new Database(target, { fileMustExist: true });
    old.pragma('wal_checkpoint(TRUNCATE)');
    old.close();
    kept = `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    renameSync(target, kept);
  }
  for (const suffix of ['-wal', '-shm']) rmSync(`${target}${suffix}`, { force: true });
  renameSync(staging, target);
  return kept;
}

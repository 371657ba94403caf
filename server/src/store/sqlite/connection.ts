import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './migrations';

const MEMO_KEYS = 256;

/** An open, migrated database with a prepared-statement cache and a revision-scoped memo. */
export interface Connection {
  db: Database.Database;
  /** A cached prepared statement (one per SQL text; do not mix pluck/raw modes on one text). */
  prepare(sql: string): Database.Statement;
  /** store_meta.revision: grows on every change (triggers). */
  revision(): number;
  /**
   * `compute()` once per key until the revision moves. For a few catalog-derived keys (sums per
   * district); reads that depend on the query must not use it (they are bounded by themselves).
   */
  remember<T>(key: string, compute: () => T): T;
}

/**
 * Opens (creating and migrating as needed) the database file; `trace` sees every statement run
 * (with its parameters expanded), for query-plan tests.
 * Pragmas: WAL (readers never block the writer) and synchronous=FULL: an acknowledged edit
 * survives a power cut, not only a process crash; writes are rare staff edits, so the cost is nil.
 */
export function openConnection(file: string, trace?: (sql: string) => void): Connection {
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file, trace ? { verbose: (sql) => trace(String(sql)) } : {});
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  migrate(db);

  const statements = new Map<string, Database.Statement>();
  const prepare = (sql: string): Database.Statement => {
    let stmt = statements.get(sql);
    if (!stmt) {
      stmt = db.prepare(sql);
      statements.set(sql, stmt);
    }
    return stmt;
  };
  const revision = (): number =>
    prepare("SELECT value FROM store_meta WHERE key = 'revision'").pluck().get() as number;

  let memoRevision = -1;
  const memo = new Map<string, unknown>();
  const remember = <T>(key: string, compute: () => T): T => {
    const rev = revision();
    if (rev !== memoRevision) {
      memo.clear();
      memoRevision = rev;
    }
    if (!memo.has(key)) {
      // A safety bound: the oldest key goes (the keys are few, so this never happens in practice).
      if (memo.size >= MEMO_KEYS) memo.delete(memo.keys().next().value as string);
      memo.set(key, compute());
    }
    return memo.get(key) as T;
  };
  return { db, prepare, revision, remember };
}

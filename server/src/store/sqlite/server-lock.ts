import { randomUUID } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';

/**
 * A server marks the database it serves with `<db>.server-pid` (its process id and a token) while
 * it runs, so `npm run db:restore` can refuse to replace a database under a running server. A
 * file left by a killed server names a dead process and is ignored.
 */
export function serverLockFile(dbFile: string): string {
  return `${dbFile}.server-pid`;
}

/** Writes the lock file; the returned function removes it (only if it is still ours). */
export function holdServerLock(dbFile: string): () => void {
  const file = serverLockFile(dbFile);
  const content = `${process.pid}\n${randomUUID()}\n`;
  writeFileSync(file, content, { mode: 0o644 });
  return () => {
    try {
      if (readFileSync(file, 'utf8') === content) rmSync(file, { force: true });
    } catch {
      // Already gone.
    }
  };
}

/** The process id of a live server holding the database, or undefined. */
export function serverLockHolder(dbFile: string): number | undefined {
  let pid: number;
  try {
    pid = Number(readFileSync(serverLockFile(dbFile), 'utf8').split('\n')[0]);
  } catch {
    return undefined;
  }
  if (!Number.isSafeInteger(pid) || pid <= 0) return undefined;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else — still a running server.
    return (err as NodeJS.ErrnoException).code === 'EPERM' ? pid : undefined;
  }
}

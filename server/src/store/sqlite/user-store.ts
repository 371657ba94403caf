import { storedRole } from '../rows';
import { type SessionRecord, UserExists, type UserRecord, type UserStore } from '../user-store';
import { type Connection, openConnection } from './connection';

interface UserRow {
  username: string;
  role: string;
  password_hash: string;
  created_at: string;
  disabled: number;
}

function toUser(row: UserRow): UserRecord {
  return {
    username: row.username,
    role: storedRole(row.role),
    passwordHash: row.password_hash,
    createdAt: row.created_at,
    disabled: row.disabled === 1,
  };
}

/** The same methods as UserStore, synchronous (callers wrap them). */
export type SyncUserStore = {
  [K in keyof UserStore]: (...args: Parameters<UserStore[K]>) => Awaited<ReturnType<UserStore[K]>>;
};

/** Users and sessions on an open connection (tables from migration 2). */
export function sqliteUserMethods(conn: Connection): SyncUserStore {
  const { prepare } = conn;
  return {
    getUser: (username) => {
      const row = prepare('SELECT * FROM users WHERE username = ?').get(username) as UserRow | undefined;
      return row ? toUser(row) : undefined;
    },
    listUsers: () => (prepare('SELECT * FROM users ORDER BY username').all() as UserRow[]).map(toUser),
    addUser: (u) => {
      const taken = prepare('SELECT 1 FROM users WHERE username = ?').get(u.username);
      if (taken) throw new UserExists(u.username);
      prepare('INSERT INTO users (username, role, password_hash, created_at) VALUES (?, ?, ?, ?)').run(
        u.username,
        u.role,
        u.passwordHash,
        u.createdAt,
      );
    },
    setRole: (username, r) =>
      prepare('UPDATE users SET role = ? WHERE username = ?').run(r, username).changes === 1,
    setPasswordHash: (username, hash) =>
      conn.db.transaction(() => {
        const changed = prepare('UPDATE users SET password_hash = ? WHERE username = ?').run(hash, username);
        prepare('DELETE FROM sessions WHERE username = ?').run(username);
        return changed.changes === 1;
      })(),
    removeUser: (username) => prepare('DELETE FROM users WHERE username = ?').run(username).changes === 1,
    countAdmins: () =>
      prepare("SELECT count(*) FROM users WHERE role = 'admin' AND disabled = 0").pluck().get() as number,
    createSession: (s) => {
      prepare(
        'INSERT INTO sessions (token_hash, username, created_at, expires_at, last_seen) VALUES (?, ?, ?, ?, ?)',
      ).run(s.tokenHash, s.username, s.now, s.expiresAt, s.now);
    },
    findSession: (tokenHash, now): SessionRecord | undefined => {
      const row = prepare(
        `SELECT u.username, u.role, s.expires_at, s.last_seen FROM sessions s JOIN users u ON u.username = s.username
         WHERE s.token_hash = ? AND s.expires_at > ? AND u.disabled = 0`,
      ).get(tokenHash, now) as
        | { username: string; role: string; expires_at: string; last_seen: string }
        | undefined;
      return row
        ? {
            username: row.username,
            role: storedRole(row.role),
            expiresAt: row.expires_at,
            lastSeen: row.last_seen,
          }
        : undefined;
    },
    touchSession: (tokenHash, now, expiresAt) => {
      prepare('UPDATE sessions SET last_seen = ?, expires_at = ? WHERE token_hash = ?').run(
        now,
        expiresAt,
        tokenHash,
      );
    },
    deleteSession: (tokenHash) => {
      prepare('DELETE FROM sessions WHERE token_hash = ?').run(tokenHash);
    },
    deleteExpiredSessions: (now) => prepare('DELETE FROM sessions WHERE expires_at <= ?').run(now).changes,
    loginFailures: (keys, sinceMs, limit) => {
      const found = new Map<string, number[]>();
      for (const key of new Set(keys)) {
        const newest = prepare(
          'SELECT at_ms FROM login_failures WHERE key = ? AND at_ms >= ? ORDER BY at_ms DESC LIMIT ?',
        )
          .pluck()
          .all(key, sinceMs, limit) as number[];
        if (newest.length > 0) found.set(key, newest.reverse());
      }
      return found;
    },
    recordLoginFailure: (keys, atMs, forgetBeforeMs) =>
      conn.db.transaction(() => {
        prepare('DELETE FROM login_failures WHERE at_ms < ?').run(forgetBeforeMs);
        for (const key of keys)
          prepare('INSERT INTO login_failures (key, at_ms) VALUES (?, ?)').run(key, atMs);
      })(),
    clearLoginFailures: (key) => {
      prepare('DELETE FROM login_failures WHERE key = ?').run(key);
    },
  };
}

/** Wraps synchronous methods as promises (a throw becomes a rejection). */
export function asyncMethods<T extends Record<string, (...args: never[]) => unknown>>(
  methods: T,
  guard: <R>(fn: () => R) => Promise<R>,
): { [K in keyof T]: (...args: Parameters<T[K]>) => Promise<ReturnType<T[K]>> } {
  const out: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(methods)) {
    out[name] = (...args: never[]) => guard(() => fn(...args));
  }
  return out as { [K in keyof T]: (...args: Parameters<T[K]>) => Promise<ReturnType<T[K]>> };
}

/** A UserStore on its own connection (the user CLI); `close` closes it. */
export function openSqliteUserStore(file: string): UserStore & { close(): Promise<void> } {
  const conn = openConnection(file);
  let closed = false;
  const guard = <R>(fn: () => R): Promise<R> => {
    try {
      if (closed) throw new Error('user store is closed');
      return Promise.resolve(fn());
    } catch (err) {
      return Promise.reject(err);
    }
  };
  return {
    ...asyncMethods(sqliteUserMethods(conn), guard),
    close: () => {
      if (!closed) {
        closed = true;
        conn.db.close();
      }
      return Promise.resolve();
    },
  };
}

import { storedRole } from '../rows';
import { type SessionRecord, UserExists, type UserRecord, type UserStore } from '../user-store';
import { type Connection, openConnection, type PoolOptions } from './connection';
import { migrate } from './migrations';

interface UserRow {
  username: string;
  role: string;
  password_hash: string;
  created_at: Date;
  disabled: boolean;
}

function toUser(row: UserRow): UserRecord {
  return {
    username: row.username,
    role: storedRole(row.role),
    passwordHash: row.password_hash,
    createdAt: row.created_at.toISOString(),
    disabled: row.disabled,
  };
}

const UNIQUE_VIOLATION = '23505';

/**
 * Users, sessions and login failures on PostGIS (tables of migrations 2 and 3). Usernames compare
 * case-insensitively through lower(), as SQLite's NOCASE (names are ASCII: the user CLI checks).
 */
export function postgisUserMethods(conn: Connection): UserStore {
  const { query } = conn;
  const changed = async (sql: string, params: unknown[]): Promise<boolean> =>
    ((await query(sql, params)).rowCount ?? 0) > 0;
  return {
    getUser: async (username) => {
      const { rows } = await query<UserRow>('SELECT * FROM users WHERE lower(username) = lower($1)', [
        username,
      ]);
      return rows[0] ? toUser(rows[0]) : undefined;
    },
    listUsers: async () =>
      (await query<UserRow>('SELECT * FROM users ORDER BY lower(username), username')).rows.map(toUser),
    addUser: async (u) => {
      try {
        await query('INSERT INTO users (username, role, password_hash, created_at) VALUES ($1, $2, $3, $4)', [
          u.username,
          u.role,
          u.passwordHash,
          u.createdAt,
        ]);
      } catch (err) {
        if ((err as { code?: unknown }).code === UNIQUE_VIOLATION) throw new UserExists(u.username);
        throw err;
      }
    },
    setRole: (username, r) =>
      changed('UPDATE users SET role = $2 WHERE lower(username) = lower($1)', [username, r]),
    setPasswordHash: (username, hash) =>
      conn.transaction(async (tx) => {
        const done = await tx.query('UPDATE users SET password_hash = $2 WHERE lower(username) = lower($1)', [
          username,
          hash,
        ]);
        await tx.query('DELETE FROM sessions WHERE lower(username) = lower($1)', [username]);
        return (done.rowCount ?? 0) === 1;
      }),
    removeUser: (username) => changed('DELETE FROM users WHERE lower(username) = lower($1)', [username]),
    countAdmins: async () =>
      (await query<{ n: number }>("SELECT count(*) AS n FROM users WHERE role = 'admin' AND NOT disabled"))
        .rows[0]!.n,
    createSession: async (s) => {
      await query(
        `INSERT INTO sessions (token_hash, username, created_at, expires_at, last_seen)
         SELECT $1, username, $3, $4, $3 FROM users WHERE lower(username) = lower($2)`,
        [s.tokenHash, s.username, s.now, s.expiresAt],
      );
    },
    findSession: async (tokenHash, now): Promise<SessionRecord | undefined> => {
      const { rows } = await query<{ username: string; role: string; expires_at: Date; last_seen: Date }>(
        `SELECT u.username, u.role, s.expires_at, s.last_seen FROM sessions s JOIN users u ON u.username = s.username
         WHERE s.token_hash = $1 AND s.expires_at > $2 AND NOT u.disabled`,
        [tokenHash, now],
      );
      const row = rows[0];
      return row
        ? {
            username: row.username,
            role: storedRole(row.role),
            expiresAt: row.expires_at.toISOString(),
            lastSeen: row.last_seen.toISOString(),
          }
        : undefined;
    },
    touchSession: async (tokenHash, now, expiresAt) => {
      await query('UPDATE sessions SET last_seen = $2, expires_at = $3 WHERE token_hash = $1', [
        tokenHash,
        now,
        expiresAt,
      ]);
    },
    deleteSession: async (tokenHash) => {
      await query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
    },
    deleteExpiredSessions: async (now) =>
      (await query('DELETE FROM sessions WHERE expires_at <= $1', [now])).rowCount ?? 0,
    loginFailures: async (keys, sinceMs, limit) => {
      const { rows } = await query<{ key: string; times: number[] }>(
        `SELECT k.key, array(SELECT at_ms FROM (
             SELECT at_ms FROM login_failures f WHERE f.key = k.key AND f.at_ms >= $2 ORDER BY at_ms DESC LIMIT $3) n
           ORDER BY at_ms) AS times
         FROM unnest($1::text[]) AS k(key)`,
        [[...new Set(keys)], sinceMs, limit],
      );
      return new Map(rows.filter((r) => r.times.length > 0).map((r) => [r.key, r.times.map(Number)]));
    },
    recordLoginFailure: (keys, atMs, forgetBeforeMs) =>
      conn.transaction(async (tx) => {
        await tx.query('DELETE FROM login_failures WHERE at_ms < $1', [forgetBeforeMs]);
        await tx.query('INSERT INTO login_failures (key, at_ms) SELECT unnest($1::text[]), $2', [
          [...keys],
          atMs,
        ]);
      }),
    clearLoginFailures: async (key) => {
      await query('DELETE FROM login_failures WHERE key = $1', [key]);
    },
  };
}

/** A UserStore on its own small pool (the user CLI): migrates the database first; `close` ends the pool. */
export async function openPostgisUserStore(
  options: PoolOptions,
): Promise<UserStore & { close(): Promise<void> }> {
  const conn = openConnection({ max: 2, ...options });
  try {
    await migrate(conn);
  } catch (err) {
    await conn.close();
    throw err;
  }
  return { ...postgisUserMethods(conn), close: () => conn.close() };
}

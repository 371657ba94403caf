import type { Role } from '../auth/roles';

/** A staff account. `passwordHash` is the scrypt encoding from auth/password.ts. */
export interface UserRecord {
  username: string;
  role: Role;
  passwordHash: string;
  /** ISO 8601 UTC. */
  createdAt: string;
  disabled: boolean;
}

/** A live session joined with its user. */
export interface SessionRecord {
  username: string;
  role: Role;
  /** ISO 8601 UTC. */
  expiresAt: string;
  lastSeen: string;
}

/** The username is taken (names compare case-insensitively). */
export class UserExists extends Error {
  override name = 'UserExists';
  constructor(readonly username: string) {
    super(`user ${username} already exists`);
  }
}

/**
 * Accounts and sessions (what the auth plugin, the auth routes and the user CLI see). Usernames
 * compare case-insensitively. Session tokens are stored only as their SHA-256 (auth/session-token).
 * Not found is undefined (reads) or false (changes). Times are ISO 8601 UTC strings.
 */
export interface UserStore {
  getUser(username: string): Promise<UserRecord | undefined>;
  /** Every account, by username. */
  listUsers(): Promise<UserRecord[]>;
  /** Throws UserExists when the name is taken. */
  addUser(user: { username: string; role: Role; passwordHash: string; createdAt: string }): Promise<void>;
  setRole(username: string, role: Role): Promise<boolean>;
  /** Sets a new password hash and ends the user's sessions. */
  setPasswordHash(username: string, passwordHash: string): Promise<boolean>;
  /** Removes the account and its sessions (its history rows keep the name). */
  removeUser(username: string): Promise<boolean>;
  /** Number of enabled admin accounts. */
  countAdmins(): Promise<number>;
  createSession(session: {
    tokenHash: string;
    username: string;
    now: string;
    expiresAt: string;
  }): Promise<void>;
  /** The session, when it exists, has not expired at `now` and its user is enabled; else undefined. */
  findSession(tokenHash: string, now: string): Promise<SessionRecord | undefined>;
  /** Records use and moves the expiry (sliding sessions). */
  touchSession(tokenHash: string, now: string, expiresAt: string): Promise<void>;
  deleteSession(tokenHash: string): Promise<void>;
  /** Deletes sessions expired at `now`; returns how many. */
  deleteExpiredSessions(now: string): Promise<number>;
  /**
   * Failed sign-in times (epoch ms) of each key at or after `sinceMs`, oldest first, at most the
   * newest `limit` per key; a key without failures is absent. Shared by every server instance on
   * the database (auth/login-limiter.ts decides with it).
   */
  loginFailures(keys: readonly string[], sinceMs: number, limit: number): Promise<Map<string, number[]>>;
  /**
   * Records one failure at `atMs` under every key, and forgets all failures (any key) before
   * `forgetBeforeMs`, so the table holds only what the window still needs.
   */
  recordLoginFailure(keys: readonly string[], atMs: number, forgetBeforeMs: number): Promise<void>;
  /** Forgets the failures of one key (after a successful sign-in, for the account key). */
  clearLoginFailures(key: string): Promise<void>;
}

/** The part of UserStore the login limiter uses. */
export type LoginFailureStore = Pick<
  UserStore,
  'loginFailures' | 'recordLoginFailure' | 'clearLoginFailures'
>;

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteUserStore } from '../../server/src/store/sqlite/user-store';
import { UserExists } from '../../server/src/store/user-store';

let dir: string;
let users: ReturnType<typeof openSqliteUserStore>;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'laocai-users-'));
  users = openSqliteUserStore(path.join(dir, 'app.db'));
});
afterEach(async () => {
  await users.close();
  rmSync(dir, { recursive: true, force: true });
});

const at = (h: number) => new Date(Date.UTC(2026, 0, 1, h)).toISOString();
const ada = { username: 'Ada', role: 'admin' as const, passwordHash: 'scrypt$x', createdAt: at(0) };

describe('sqlite user store', () => {
  it('compares usernames case-insensitively and refuses a taken one', async () => {
    await users.addUser(ada);
    expect((await users.getUser('ada'))?.username).toBe('Ada');
    await expect(users.addUser({ ...ada, username: 'ADA' })).rejects.toBeInstanceOf(UserExists);
    expect(await users.countAdmins()).toBe(1);
    expect(await users.setRole('ada', 'viewer')).toBe(true);
    expect(await users.countAdmins()).toBe(0);
    expect(await users.setRole('nobody', 'viewer')).toBe(false);
  });

  it('finds a session only before it expires, moves its expiry on touch, and forgets expired ones', async () => {
    await users.addUser(ada);
    await users.createSession({ tokenHash: 'h1', username: 'Ada', now: at(0), expiresAt: at(2) });
    expect(await users.findSession('h1', at(1))).toMatchObject({ username: 'Ada', role: 'admin' });
    expect(await users.findSession('h1', at(2))).toBeUndefined();
    await users.touchSession('h1', at(1), at(5));
    expect(await users.findSession('h1', at(4))).toBeDefined();
    expect(await users.deleteExpiredSessions(at(6))).toBe(1);
    expect(await users.findSession('h1', at(1))).toBeUndefined();
  });

  it('ends sessions when the password changes or the user is removed', async () => {
    await users.addUser(ada);
    await users.createSession({ tokenHash: 'h1', username: 'Ada', now: at(0), expiresAt: at(9) });
    expect(await users.setPasswordHash('ada', 'scrypt$y')).toBe(true);
    expect(await users.findSession('h1', at(1))).toBeUndefined();
    await users.createSession({ tokenHash: 'h2', username: 'Ada', now: at(0), expiresAt: at(9) });
    expect(await users.removeUser('ADA')).toBe(true);
    expect(await users.findSession('h2', at(1))).toBeUndefined();
    expect(await users.listUsers()).toEqual([]);
  });
});

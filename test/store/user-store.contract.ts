import { describe, expect, it } from 'vitest';
import { LoginLimiter } from '../../server/src/auth/login-limiter';
import { UserExists, type UserStore } from '../../server/src/store/user-store';

/** A fresh, empty database per call; `open` gives its UserStore, `dispose` deletes the database. */
export interface UserStoreHarness {
  open(): Promise<UserStore & { close(): Promise<void> }>;
  dispose(): Promise<void>;
}

const at = (h: number) => new Date(Date.UTC(2026, 0, 1, h)).toISOString();
const ada = { username: 'Ada', role: 'admin' as const, passwordHash: 'scrypt$x', createdAt: at(0) };
const MINUTE = 60_000;

/**
 * Accounts, sessions and the login limiter's failure counts: the behaviour every UserStore backend
 * must show (SQLite and PostGIS). The LoginLimiter runs on the store under test with a fake clock.
 */
export function runUserStoreContract(name: string, create: () => UserStoreHarness): void {
  describe(`UserStore contract: ${name}`, () => {
    async function withStore(fn: (users: UserStore) => Promise<void>): Promise<void> {
      const harness = create();
      const users = await harness.open();
      try {
        await fn(users);
      } finally {
        await users.close();
        await harness.dispose();
      }
    }
    function limiterOn(users: UserStore) {
      let now = 1_700_000_000_000;
      const limiter = new LoginLimiter(users, { maxFailures: 5, windowMs: 15 * MINUTE, now: () => now });
      return { limiter, advance: (ms: number) => (now += ms) };
    }

    it('compares usernames case-insensitively and refuses a taken one', () =>
      withStore(async (users) => {
        await users.addUser(ada);
        expect((await users.getUser('ada'))?.username).toBe('Ada');
        await expect(users.addUser({ ...ada, username: 'ADA' })).rejects.toBeInstanceOf(UserExists);
        expect(await users.countAdmins()).toBe(1);
        expect(await users.setRole('ada', 'viewer')).toBe(true);
        expect(await users.countAdmins()).toBe(0);
        expect(await users.setRole('nobody', 'viewer')).toBe(false);
        await users.addUser({ ...ada, username: 'bob', role: 'editor' });
        expect((await users.listUsers()).map((u) => [u.username, u.role, u.createdAt, u.disabled])).toEqual([
          ['Ada', 'viewer', at(0), false],
          ['bob', 'editor', at(0), false],
        ]);
      }));

    it('finds a session only before it expires, moves its expiry on touch, and forgets expired ones', () =>
      withStore(async (users) => {
        await users.addUser(ada);
        await users.createSession({ tokenHash: 'h1', username: 'Ada', now: at(0), expiresAt: at(2) });
        expect(await users.findSession('h1', at(1))).toEqual({
          username: 'Ada',
          role: 'admin',
          expiresAt: at(2),
          lastSeen: at(0),
        });
        expect(await users.findSession('h1', at(2))).toBeUndefined();
        await users.touchSession('h1', at(1), at(5));
        expect(await users.findSession('h1', at(4))).toMatchObject({ lastSeen: at(1), expiresAt: at(5) });
        expect(await users.deleteExpiredSessions(at(6))).toBe(1);
        expect(await users.findSession('h1', at(1))).toBeUndefined();
      }));

    it('ends sessions on logout, when the password changes or the user is removed', () =>
      withStore(async (users) => {
        await users.addUser(ada);
        await users.createSession({ tokenHash: 'h0', username: 'Ada', now: at(0), expiresAt: at(9) });
        await users.deleteSession('h0');
        expect(await users.findSession('h0', at(1))).toBeUndefined();
        await users.createSession({ tokenHash: 'h1', username: 'Ada', now: at(0), expiresAt: at(9) });
        expect(await users.setPasswordHash('ada', 'scrypt$y')).toBe(true);
        expect(await users.findSession('h1', at(1))).toBeUndefined();
        expect((await users.getUser('Ada'))?.passwordHash).toBe('scrypt$y');
        await users.createSession({ tokenHash: 'h2', username: 'Ada', now: at(0), expiresAt: at(9) });
        expect(await users.removeUser('ADA')).toBe(true);
        expect(await users.findSession('h2', at(1))).toBeUndefined();
        expect(await users.listUsers()).toEqual([]);
      }));

    it('keeps login failures per key inside the window, newest `limit`, oldest first', () =>
      withStore(async (users) => {
        for (const t of [10, 20, 30, 40]) await users.recordLoginFailure(['account:a', 'address:x'], t, 0);
        await users.recordLoginFailure(['account:b'], 50, 0);
        const found = await users.loginFailures(['account:a', 'account:b', 'account:c'], 15, 2);
        expect([...found.entries()]).toEqual([
          ['account:a', [30, 40]],
          ['account:b', [50]],
        ]);
        // Recording forgets every failure before `forgetBeforeMs`, whatever its key.
        await users.recordLoginFailure(['account:c'], 60, 35);
        expect((await users.loginFailures(['address:x'], 0, 10)).get('address:x')).toEqual([40]);
        await users.clearLoginFailures('account:a');
        expect((await users.loginFailures(['account:a'], 0, 10)).has('account:a')).toBe(false);
      }));

    it('limiter: refuses after the 5th failure with how long to wait, and allows again when the window has passed', () =>
      withStore(async (users) => {
        const { limiter, advance } = limiterOn(users);
        expect(await limiter.check('address:1.2.3.4')).toEqual({ allowed: true, retryAfterSeconds: 0 });
        for (let i = 0; i < 5; i++) {
          expect((await limiter.check('address:1.2.3.4')).allowed).toBe(true);
          await limiter.fail(['address:1.2.3.4']);
          advance(MINUTE);
        }
        // The first failure was 5 minutes ago: it leaves the window in 10 minutes.
        expect(await limiter.check('address:1.2.3.4')).toEqual({ allowed: false, retryAfterSeconds: 600 });
        advance(10 * MINUTE - 1000);
        expect(await limiter.check('address:1.2.3.4')).toEqual({ allowed: false, retryAfterSeconds: 1 });
        advance(1000);
        expect((await limiter.check('address:1.2.3.4')).allowed).toBe(true);
        // Sliding: one more failure refuses again until the next oldest leaves.
        await limiter.fail(['address:1.2.3.4']);
        expect(await limiter.check('address:1.2.3.4')).toEqual({ allowed: false, retryAfterSeconds: 60 });
      }));

    it('limiter: counts keys separately, checkAll takes the longest wait, succeed forgets one key', () =>
      withStore(async (users) => {
        const { limiter, advance } = limiterOn(users);
        for (let i = 0; i < 5; i++) await limiter.fail(['address:x']);
        advance(5 * MINUTE);
        for (let i = 0; i < 5; i++) await limiter.fail(['account:a']);
        expect((await limiter.check('account:b')).allowed).toBe(true);
        expect(await limiter.checkAll(['account:a', 'address:x', 'account:b'])).toEqual({
          allowed: false,
          retryAfterSeconds: 900,
        });
        await limiter.succeed('account:a');
        expect(await limiter.checkAll(['account:a', 'address:x'])).toEqual({
          allowed: false,
          retryAfterSeconds: 600,
        });
      }));

    it('limiter: two limiters on one database (two server instances) count together', async () => {
      const harness = create();
      const a = await harness.open();
      const b = await harness.open();
      try {
        const one = limiterOn(a).limiter;
        const two = limiterOn(b).limiter;
        for (let i = 0; i < 3; i++) await one.fail(['account:eve']);
        for (let i = 0; i < 2; i++) await two.fail(['account:eve']);
        expect((await one.check('account:eve')).allowed).toBe(false);
        expect((await two.check('account:eve')).allowed).toBe(false);
      } finally {
        await a.close();
        await b.close();
        await harness.dispose();
      }
    });
  });
}

import { describe, expect, it } from 'vitest';
import { LoginLimiter, loginLimitKeys } from '../../../server/src/auth/login-limiter';
import { openSqliteUserStore } from '../../../server/src/store/sqlite/user-store';

// The limiter's decisions over a real store (both backends): test/store/user-store.contract.ts.

describe('LoginLimiter', () => {
  it('throws for an empty key and bad options (misuse)', async () => {
    const store = openSqliteUserStore(':memory:');
    const limiter = new LoginLimiter(store);
    await expect(limiter.fail([''])).rejects.toThrow(TypeError);
    await expect(limiter.checkAll(['ok', ''])).rejects.toThrow(TypeError);
    expect(() => new LoginLimiter(store, { maxFailures: 0 })).toThrow(RangeError);
    expect(() => new LoginLimiter(store, { windowMs: 1.5 })).toThrow(RangeError);
    await store.close();
  });
});

describe('loginLimitKeys', () => {
  it('builds one key per account (case-insensitive, trimmed) and one per address', () => {
    expect(loginLimitKeys(' Admin ', '10.0.0.1')).toEqual({
      account: 'account:admin',
      address: 'address:10.0.0.1',
    });
  });
});

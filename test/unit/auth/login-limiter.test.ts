import { describe, expect, it } from 'vitest';
import { LoginLimiter, loginLimitKeys } from '../../../server/src/auth/login-limiter';

const MINUTE = 60_000;

function fakeClock(start = 1_700_000_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

function limiterWithClock(options: { maxKeys?: number } = {}) {
  const clock = fakeClock();
  const limiter = new LoginLimiter({ maxFailures: 5, windowMs: 15 * MINUTE, now: clock.now, ...options });
  return { clock, limiter };
}

describe('LoginLimiter', () => {
  it('allows the first attempts', () => {
    const { limiter } = limiterWithClock();
    expect(limiter.check('account:a')).toEqual({ allowed: true, retryAfterSeconds: 0 });
  });

  it('still allows after 4 failures and refuses after the 5th', () => {
    const { limiter } = limiterWithClock();
    for (let i = 0; i < 4; i++) limiter.fail('account:a');
    expect(limiter.check('account:a').allowed).toBe(true);
    limiter.fail('account:a');
    expect(limiter.check('account:a')).toEqual({ allowed: false, retryAfterSeconds: 900 });
  });

  it('counts keys separately', () => {
    const { limiter } = limiterWithClock();
    for (let i = 0; i < 5; i++) limiter.fail('account:a');
    expect(limiter.check('account:b').allowed).toBe(true);
  });

  it('says how long to wait and allows again when the window has passed (fake clock)', () => {
    const { clock, limiter } = limiterWithClock();
    for (let i = 0; i < 5; i++) {
      limiter.fail('address:1.2.3.4');
      clock.advance(MINUTE);
    }
    // The first failure was 5 minutes ago: it leaves the window in 10 minutes.
    expect(limiter.check('address:1.2.3.4')).toEqual({ allowed: false, retryAfterSeconds: 600 });
    clock.advance(10 * MINUTE - 1000);
    expect(limiter.check('address:1.2.3.4')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    clock.advance(1000);
    expect(limiter.check('address:1.2.3.4').allowed).toBe(true);
  });

  it('slides: after the window frees one attempt, one more failure refuses again', () => {
    const { clock, limiter } = limiterWithClock();
    for (let i = 0; i < 5; i++) {
      limiter.fail('k');
      clock.advance(MINUTE);
    }
    clock.advance(10 * MINUTE);
    expect(limiter.check('k').allowed).toBe(true);
    limiter.fail('k');
    expect(limiter.check('k')).toEqual({ allowed: false, retryAfterSeconds: 60 });
  });

  it('forgets a key after a success', () => {
    const { limiter } = limiterWithClock();
    for (let i = 0; i < 5; i++) limiter.fail('account:a');
    limiter.succeed('account:a');
    expect(limiter.check('account:a').allowed).toBe(true);
  });

  it('checkAll refuses when any key is refused, with the longest wait', () => {
    const { clock, limiter } = limiterWithClock();
    for (let i = 0; i < 5; i++) limiter.fail('address:x');
    clock.advance(5 * MINUTE);
    for (let i = 0; i < 5; i++) limiter.fail('account:a');
    expect(limiter.checkAll(['account:a', 'address:x', 'account:b'])).toEqual({
      allowed: false,
      retryAfterSeconds: 900,
    });
    expect(limiter.checkAll(['account:b'])).toEqual({ allowed: true, retryAfterSeconds: 0 });
  });

  it('keeps at most maxKeys keys, dropping the oldest', () => {
    const { limiter } = limiterWithClock({ maxKeys: 3 });
    for (const k of ['a', 'b', 'c', 'd']) limiter.fail(k);
    expect(limiter.size).toBe(3);
    for (let i = 0; i < 5; i++) limiter.fail('d');
    expect(limiter.check('d').allowed).toBe(false);
  });

  it('throws for an empty key and bad options (misuse)', () => {
    const { limiter } = limiterWithClock();
    expect(() => limiter.fail('')).toThrow(TypeError);
    expect(() => new LoginLimiter({ maxFailures: 0 })).toThrow(RangeError);
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

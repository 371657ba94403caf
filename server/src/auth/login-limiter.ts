import type { LoginFailureStore } from '../store/user-store';

/**
 * Login attempt limiter: at most `maxFailures` failed attempts per key within a sliding window
 * (default 5 per 15 minutes). Keys are built with loginLimitKeys(): one per account and one per
 * client address, so guessing one account from many addresses and many accounts from one address
 * are both slowed.
 *
 * The failures are counted in the database (UserStore.loginFailures / recordLoginFailure), so a
 * restart does not forget them and every server instance on one database counts together. The
 * store keeps only failures still inside the window (each recorded failure deletes older ones).
 * Attempts that run at the same moment may all pass the check before any failure is recorded
 * (each one still costs a scrypt verification); the next attempt after them is refused.
 *
 * How a login route uses it:
 *   1. `checkAll(keys)`; when not allowed → 429 with `Retry-After: retryAfterSeconds` (even for a
 *      correct password, so a locked account cannot be probed).
 *   2. verify the password; on failure → `fail(keys)` with every key, then 401.
 *   3. on success → `succeed(accountKey)` only. The address key is NOT reset, or one valid account
 *      would let an address reset its counter between guesses on other accounts.
 */

export interface LoginLimiterOptions {
  /** Failures allowed within the window; the next attempt is refused. Default 5. */
  maxFailures?: number;
  /** Window length in milliseconds. Default 15 minutes. */
  windowMs?: number;
  /** Clock in epoch milliseconds; inject a fake one in tests. Default Date.now. */
  now?: () => number;
}

export interface LimitDecision {
  allowed: boolean;
  /** Whole seconds until the next attempt is allowed; 0 when allowed. */
  retryAfterSeconds: number;
}

function positiveInteger(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer`);
  return value;
}

function assertKey(key: string): void {
  if (typeof key !== 'string' || key.length === 0)
    throw new TypeError('limiter key must be a non-empty string');
}

export class LoginLimiter {
  readonly #store: LoginFailureStore;
  readonly #maxFailures: number;
  readonly #windowMs: number;
  readonly #now: () => number;

  constructor(store: LoginFailureStore, options: LoginLimiterOptions = {}) {
    this.#store = store;
    this.#maxFailures = positiveInteger(options.maxFailures ?? 5, 'maxFailures');
    this.#windowMs = positiveInteger(options.windowMs ?? 15 * 60_000, 'windowMs');
    this.#now = options.now ?? Date.now;
  }

  /** May an attempt under this key go ahead now? */
  check(key: string): Promise<LimitDecision> {
    return this.checkAll([key]);
  }

  /** check() over several keys: refused when any key is refused, with the longest wait. */
  async checkAll(keys: readonly string[]): Promise<LimitDecision> {
    for (const key of keys) assertKey(key);
    const now = this.#now();
    const recent = await this.#store.loginFailures(keys, now - this.#windowMs + 1, this.#maxFailures);
    let decision: LimitDecision = { allowed: true, retryAfterSeconds: 0 };
    for (const times of recent.values()) {
      if (times.length < this.#maxFailures) continue;
      // Allowed again once the oldest of the last maxFailures failures has left the window.
      const waitMs = (times[0] ?? now) + this.#windowMs - now;
      const seconds = Math.max(1, Math.ceil(waitMs / 1000));
      if (seconds > decision.retryAfterSeconds) decision = { allowed: false, retryAfterSeconds: seconds };
    }
    return decision;
  }

  /** Records one failed attempt under each of these keys. */
  async fail(keys: readonly string[]): Promise<void> {
    for (const key of keys) assertKey(key);
    const now = this.#now();
    await this.#store.recordLoginFailure(keys, now, now - this.#windowMs);
  }

  /** Forgets the failures of this key (after a successful login, for the account key only). */
  async succeed(key: string): Promise<void> {
    assertKey(key);
    await this.#store.clearLoginFailures(key);
  }
}

/**
 * The limiter keys of one login attempt: the account (case-insensitive, trimmed, so `Admin` and
 * `admin ` share a counter) and the client address.
 */
export function loginLimitKeys(username: string, address: string): { account: string; address: string } {
  return { account: `account:${username.trim().toLowerCase()}`, address: `address:${address}` };
}

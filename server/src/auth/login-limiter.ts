/**
 * Login attempt limiter: at most `maxFailures` failed attempts per key within a sliding window
 * (default 5 per 15 minutes). Keys are built with loginLimitKeys(): one per account and one per
 * client address, so guessing one account from many addresses and many accounts from one address
 * are both slowed.
 *
 * State is in memory, per process: a restart forgets it and several server instances would each
 * count separately (good enough for one instance; a shared store would be needed for more).
 * Memory is bounded by `maxKeys`: past it, expired entries are dropped, then the oldest keys.
 *
 * How a login route uses it:
 *   1. `checkAll(keys)`; when not allowed → 429 with `Retry-After: retryAfterSeconds` (even for a
 *      correct password, so a locked account cannot be probed).
 *   2. verify the password; on failure → `fail(key)` for every key, then 401.
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
  /** Most keys kept in memory. Default 10,000. */
  maxKeys?: number;
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

export class LoginLimiter {
  readonly #maxFailures: number;
  readonly #windowMs: number;
  readonly #now: () => number;
  readonly #maxKeys: number;
  /** Failure times per key, oldest first. Map order = insertion order, used for eviction. */
  readonly #failures = new Map<string, number[]>();

  constructor(options: LoginLimiterOptions = {}) {
    this.#maxFailures = positiveInteger(options.maxFailures ?? 5, 'maxFailures');
    this.#windowMs = positiveInteger(options.windowMs ?? 15 * 60_000, 'windowMs');
    this.#maxKeys = positiveInteger(options.maxKeys ?? 10_000, 'maxKeys');
    this.#now = options.now ?? Date.now;
  }

  /** May an attempt under this key go ahead now? */
  check(key: string): LimitDecision {
    const recent = this.#recent(key);
    if (recent.length < this.#maxFailures) return { allowed: true, retryAfterSeconds: 0 };
    // The attempt is allowed again once enough of the oldest failures have left the window.
    const freeing = recent[recent.length - this.#maxFailures] ?? this.#now();
    const waitMs = freeing + this.#windowMs - this.#now();
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  }

  /** check() over several keys: refused when any key is refused, with the longest wait. */
  checkAll(keys: readonly string[]): LimitDecision {
    let decision: LimitDecision = { allowed: true, retryAfterSeconds: 0 };
    for (const key of keys) {
      const d = this.check(key);
      if (!d.allowed && d.retryAfterSeconds > decision.retryAfterSeconds) decision = d;
    }
    return decision;
  }

  /** Records one failed attempt under this key. */
  fail(key: string): void {
    const recent = this.#recent(key);
    recent.push(this.#now());
    this.#failures.delete(key);
    this.#failures.set(key, recent.slice(-this.#maxFailures));
    this.#bound();
  }

  /** Forgets the failures of this key (after a successful login, for the account key only). */
  succeed(key: string): void {
    this.#assertKey(key);
    this.#failures.delete(key);
  }

  /** Number of keys held (for tests and metrics). */
  get size(): number {
    return this.#failures.size;
  }

  #assertKey(key: string): void {
    if (typeof key !== 'string' || key.length === 0)
      throw new TypeError('limiter key must be a non-empty string');
  }

  /** Failures of this key still inside the window (drops the expired ones). */
  #recent(key: string): number[] {
    this.#assertKey(key);
    const since = this.#now() - this.#windowMs;
    const kept = (this.#failures.get(key) ?? []).filter((t) => t > since);
    if (kept.length === 0) this.#failures.delete(key);
    else this.#failures.set(key, kept);
    return kept;
  }

  #bound(): void {
    if (this.#failures.size <= this.#maxKeys) return;
    const since = this.#now() - this.#windowMs;
    for (const [key, times] of this.#failures) {
      if (times.every((t) => t <= since)) this.#failures.delete(key);
    }
    for (const key of this.#failures.keys()) {
      if (this.#failures.size <= this.#maxKeys) break;
      this.#failures.delete(key);
    }
  }
}

/**
 * The limiter keys of one login attempt: the account (case-insensitive, trimmed, so `Admin` and
 * `admin ` share a counter) and the client address.
 */
export function loginLimitKeys(username: string, address: string): { account: string; address: string } {
  return { account: `account:${username.trim().toLowerCase()}`, address: `address:${address}` };
}

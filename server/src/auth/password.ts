import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * Password hashing with scrypt (memory-hard, from node:crypto).
 * Encoded form: `scrypt$N$r$p$saltB64$hashB64` (standard base64), e.g. `scrypt$32768$8$1$…$…`.
 * Passwords are Unicode-normalised to NFC first, so "ễ" typed as one or as several code points
 * gives the same hash. Plain passwords are never logged or put in error messages.
 */

const COST = 2 ** 15;
const BLOCK_SIZE = 8;
const PARALLELISM = 1;
const SALT_BYTES = 16;
const KEY_BYTES = 64;

/** Bounds accepted when reading a stored hash, so a tampered row cannot ask for gigabytes. */
const MAX_COST = 2 ** 20;
const MAX_BLOCK_SIZE = 32;
const MAX_PARALLELISM = 16;

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 1024;

export type PasswordPolicyResult = { valid: true } | { valid: false; reason: 'TooShort' | 'TooLong' };

interface ScryptParams {
  cost: number;
  blockSize: number;
  parallelism: number;
  salt: Buffer;
  hash: Buffer;
}

/** Memory scrypt needs is about 128·N·r·p bytes; allow twice that (Node's default is 32 MiB). */
function maxmemFor(cost: number, blockSize: number, parallelism: number): number {
  return 2 * 128 * cost * blockSize * parallelism;
}

function derive(plain: string, params: Omit<ScryptParams, 'hash'>, keyBytes: number): Promise<Buffer> {
  const { cost, blockSize, parallelism, salt } = params;
  return new Promise((resolve, reject) => {
    scrypt(
      plain.normalize('NFC'),
      salt,
      keyBytes,
      { N: cost, r: blockSize, p: parallelism, maxmem: maxmemFor(cost, blockSize, parallelism) },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });
}

function assertString(value: unknown, name: string): asserts value is string {
  if (typeof value !== 'string') throw new TypeError(`${name} must be a string`);
}

/** Length in Unicode code points (after NFC), the unit the policy speaks of. */
function passwordLength(plain: string): number {
  return [...plain.normalize('NFC')].length;
}

/**
 * Checks the password policy: at least 10 and at most 1024 characters (code points after NFC).
 * Returns a constant reason; never echoes the password. Throws TypeError for a non-string.
 */
export function checkPasswordPolicy(plain: string): PasswordPolicyResult {
  assertString(plain, 'password');
  const length = passwordLength(plain);
  if (length < PASSWORD_MIN_LENGTH) return { valid: false, reason: 'TooShort' };
  if (length > PASSWORD_MAX_LENGTH) return { valid: false, reason: 'TooLong' };
  return { valid: true };
}

/**
 * Hashes a password with scrypt (N=2^15, r=8, p=1, 16-byte random salt, 64-byte key).
 * Throws TypeError when `plain` is not a string or fails the policy (callers check the policy
 * first and show its reason; hashing a password that fails it is a programming error).
 */
export async function hashPassword(plain: string): Promise<string> {
  assertString(plain, 'password');
  const policy = checkPasswordPolicy(plain);
  if (!policy.valid) throw new TypeError(`password fails the policy (${policy.reason})`);
  const salt = randomBytes(SALT_BYTES);
  const params = { cost: COST, blockSize: BLOCK_SIZE, parallelism: PARALLELISM, salt };
  const hash = await derive(plain, params, KEY_BYTES);
  return ['scrypt', COST, BLOCK_SIZE, PARALLELISM, salt.toString('base64'), hash.toString('base64')].join(
    '$',
  );
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function parseInteger(text: string | undefined, max: number): number | undefined {
  if (text === undefined || !/^[1-9][0-9]{0,9}$/.test(text)) return undefined;
  const n = Number(text);
  return n <= max ? n : undefined;
}

/** Decodes `scrypt$N$r$p$salt$hash`, or undefined when it is not in that form or out of bounds. */
function parseEncoded(encoded: string): ScryptParams | undefined {
  const parts = encoded.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return undefined;
  const cost = parseInteger(parts[1], MAX_COST);
  const blockSize = parseInteger(parts[2], MAX_BLOCK_SIZE);
  const parallelism = parseInteger(parts[3], MAX_PARALLELISM);
  const [saltText = '', hashText = ''] = parts.slice(4);
  if (!cost || !blockSize || !parallelism || (cost & (cost - 1)) !== 0 || cost < 2) return undefined;
  if (!BASE64.test(saltText) || !BASE64.test(hashText)) return undefined;
  const salt = Buffer.from(saltText, 'base64');
  const hash = Buffer.from(hashText, 'base64');
  if (salt.length < 8 || hash.length < 16 || hash.length > 128) return undefined;
  return { cost, blockSize, parallelism, salt, hash };
}

/** True when `encoded` is a hash this module can verify (e.g. for a user-import sanity check). */
export function isPasswordHash(encoded: string): boolean {
  return typeof encoded === 'string' && parseEncoded(encoded) !== undefined;
}

/**
 * Verifies a password against an encoded hash in constant time (timingSafeEqual).
 * Returns false for a wrong password, a tampered hash or salt, or a password longer than the
 * policy maximum (not hashed at all). Throws TypeError when an argument is not a string or the
 * stored value is not an scrypt hash of this form (a corrupt users row is a server fault, not a
 * wrong password).
 */
export async function verifyPassword(plain: string, encoded: string): Promise<boolean> {
  assertString(plain, 'password');
  assertString(encoded, 'encoded hash');
  const params = parseEncoded(encoded);
  if (!params) throw new TypeError('stored password hash is not in the scrypt$N$r$p$salt$hash form');
  if (passwordLength(plain) > PASSWORD_MAX_LENGTH) return false;
  const key = await derive(plain, params, params.hash.length);
  return timingSafeEqual(key, params.hash);
}

import { createHash, randomBytes } from 'node:crypto';

/**
 * Session tokens: the cookie carries a random token; the database stores only its SHA-256, so a
 * leaked sessions table does not let anyone sign in.
 */

const TOKEN_BYTES = 32;
/** 32 bytes in base64url without padding = 43 characters. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** A new random session token: 32 bytes from the CSPRNG, base64url (43 characters, no padding). */
export function newSessionToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

/**
 * True when a cookie value has the shape of a token from newSessionToken(). Lets the server skip
 * the database lookup for garbage cookies; it says nothing about whether the session exists.
 */
export function isWellFormedSessionToken(value: unknown): value is string {
  return typeof value === 'string' && TOKEN_PATTERN.test(value);
}

/** SHA-256 of the token as lowercase hex (64 characters): the only form that is stored. */
export function hashSessionToken(token: string): string {
  if (typeof token !== 'string' || token.length === 0)
    throw new TypeError('token must be a non-empty string');
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

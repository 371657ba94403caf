import { describe, expect, it } from 'vitest';
import {
  hashSessionToken,
  isWellFormedSessionToken,
  newSessionToken,
} from '../../../server/src/auth/session-token';

describe('newSessionToken', () => {
  it('is 32 random bytes in base64url (43 characters)', () => {
    const token = newSessionToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
  });

  it('differs each time', () => {
    const tokens = new Set(Array.from({ length: 100 }, () => newSessionToken()));
    expect(tokens.size).toBe(100);
  });
});

describe('hashSessionToken', () => {
  it('is the SHA-256 hex of the token', () => {
    // sha256("abc"), FIPS 180-2 test vector
    expect(hashSessionToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('is stable for one token and different for another', () => {
    const token = newSessionToken();
    expect(hashSessionToken(token)).toBe(hashSessionToken(token));
    expect(hashSessionToken(token)).not.toBe(hashSessionToken(newSessionToken()));
    expect(hashSessionToken(token)).not.toContain(token);
  });

  it('throws for an empty token (misuse)', () => {
    expect(() => hashSessionToken('')).toThrow(TypeError);
  });
});

describe('isWellFormedSessionToken', () => {
  it('accepts a new token and refuses garbage', () => {
    expect(isWellFormedSessionToken(newSessionToken())).toBe(true);
    expect(isWellFormedSessionToken('abc')).toBe(false);
    expect(isWellFormedSessionToken(`${newSessionToken()}=`)).toBe(false);
    expect(isWellFormedSessionToken(undefined)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import {
  checkPasswordPolicy,
  hashPassword,
  isPasswordHash,
  verifyPassword,
} from '../../../server/src/auth/password';

const GOOD = 'correct horse battery';
/** One hash shared by the read-only tests (scrypt takes ~0.1–0.5 s each). A string: cannot be mutated. */
const stored = hashPassword(GOOD);

describe('hashPassword', () => {
  it('encodes scrypt with N=2^15, r=8, p=1, a 16-byte salt and a 64-byte key', async () => {
    const encoded = await hashPassword(GOOD);
    const [name, n, r, p, salt = '', hash = ''] = encoded.split('$');
    expect([name, n, r, p]).toEqual(['scrypt', '32768', '8', '1']);
    expect(Buffer.from(salt, 'base64')).toHaveLength(16);
    expect(Buffer.from(hash, 'base64')).toHaveLength(64);
    expect(encoded).not.toContain(GOOD);
  });

  it('uses a fresh salt each time', async () => {
    expect(await hashPassword(GOOD)).not.toBe(await hashPassword(GOOD));
  });

  it('throws for a password that fails the policy (misuse)', async () => {
    await expect(hashPassword('short')).rejects.toThrow(TypeError);
  });
});

describe('verifyPassword', () => {
  it('accepts the right password', async () => {
    expect(await verifyPassword(GOOD, await stored)).toBe(true);
  });

  it('refuses a wrong password', async () => {
    expect(await verifyPassword('correct horse battery!', await stored)).toBe(false);
  });

  it('refuses when the stored hash was tampered with', async () => {
    const encoded = await stored;
    const parts = encoded.split('$');
    const hash = Buffer.from(parts[5] ?? '', 'base64');
    hash[0] = (hash[0] ?? 0) ^ 1;
    parts[5] = hash.toString('base64');
    expect(await verifyPassword(GOOD, parts.join('$'))).toBe(false);
  });

  it('refuses when the stored salt was tampered with', async () => {
    const encoded = await stored;
    const parts = encoded.split('$');
    parts[4] = Buffer.alloc(16, 7).toString('base64');
    expect(await verifyPassword(GOOD, parts.join('$'))).toBe(false);
  });

  it('treats composed and decomposed Vietnamese letters as the same password', async () => {
    const composed = 'Mật khẩu Lào Cai'.normalize('NFC');
    const decomposed = composed.normalize('NFD');
    expect(decomposed).not.toBe(composed);
    expect(await verifyPassword(decomposed, await hashPassword(composed))).toBe(true);
  });

  it('refuses a password longer than the policy maximum without hashing it', async () => {
    expect(await verifyPassword('x'.repeat(1025), await stored)).toBe(false);
  });

  it('throws when the stored value is not an scrypt hash', async () => {
    await expect(verifyPassword(GOOD, 'plain-text-password')).rejects.toThrow(TypeError);
  });

  it('throws when the stored cost is out of bounds (a tampered row cannot ask for gigabytes)', async () => {
    const encoded = await stored;
    await expect(verifyPassword(GOOD, encoded.replace('$32768$', '$2097152$'))).rejects.toThrow(TypeError);
  });
});

describe('isPasswordHash', () => {
  it('recognises our encoding and rejects others', async () => {
    expect(isPasswordHash(await stored)).toBe(true);
    expect(isPasswordHash('bcrypt$2b$10$abc')).toBe(false);
  });
});

describe('checkPasswordPolicy', () => {
  it('accepts 10 characters', () => {
    expect(checkPasswordPolicy('0123456789')).toEqual({ valid: true });
  });

  it('refuses 9 characters as TooShort', () => {
    expect(checkPasswordPolicy('012345678')).toEqual({ valid: false, reason: 'TooShort' });
  });

  it('counts characters, not UTF-16 units or bytes', () => {
    expect(checkPasswordPolicy('ễễễễễễễễễ')).toEqual({ valid: false, reason: 'TooShort' });
    expect(checkPasswordPolicy('😀😀😀😀😀😀😀😀😀😀')).toEqual({ valid: true });
  });

  it('refuses more than 1024 characters as TooLong', () => {
    expect(checkPasswordPolicy('x'.repeat(1024))).toEqual({ valid: true });
    expect(checkPasswordPolicy('x'.repeat(1025))).toEqual({ valid: false, reason: 'TooLong' });
  });

  it('throws for a non-string (misuse)', () => {
    expect(() => checkPasswordPolicy(42 as unknown as string)).toThrow(TypeError);
  });
});

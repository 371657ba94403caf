import { randomBytes } from 'node:crypto';

/** Crockford's base 32: no I, L, O, U (nothing to misread on the phone). 256 / 32 is whole, so each byte gives 5 uniform bits. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A new inquiry reference, e.g. `LC-7K3F-9QXM-2HDT`: 60 bits from the operating system's CSPRNG,
 * so it cannot be guessed and says nothing about other inquiries (no counter, no time).
 */
export function newInquiryReference(bytes: (n: number) => Uint8Array = randomBytes): string {
  const chars = [...bytes(12)].map((b) => ALPHABET[b & 31]).join('');
  return `LC-${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
}

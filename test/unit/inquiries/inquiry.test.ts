import { describe, expect, it } from 'vitest';
import { INQUIRY_REFERENCE_PATTERN } from '../../../server/src/contract/inquiries';
import { checkInquiry, checkInquiryPatch } from '../../../server/src/inquiries/inquiry.validation';
import { newInquiryReference } from '../../../server/src/inquiries/reference';

describe('newInquiryReference', () => {
  it('is LC- and 12 Crockford base-32 characters from 60 random bits, different every time', () => {
    const refs = Array.from({ length: 2000 }, () => newInquiryReference());
    for (const r of refs) expect(r).toMatch(new RegExp(INQUIRY_REFERENCE_PATTERN));
    expect(new Set(refs).size).toBe(refs.length);
    // No I, L, O or U; every one of the 32 others appears.
    const chars = new Set(refs.join('').replace(/LC-|-/g, ''));
    expect(chars.size).toBe(32);
  });

  it('maps each random byte to one character (5 uniform bits)', () => {
    const bytes = (n: number) => Uint8Array.from({ length: n }, (_, i) => i * 33);
    expect(newInquiryReference(bytes)).toBe('LC-0123-4567-89AB');
  });
});

describe('checkInquiry', () => {
  const base = { name: ' An ', language: 'en', message: ' Hello\nthere ', email: ' an@example.com ' };

  it('trims texts, turns blank optional ones into null and drops repeated sites', () => {
    const checked = checkInquiry({
      ...base,
      organisation: '  ',
      sites: [
        { collection: 'industrial-clusters', id: 2 },
        { collection: 'industrial-clusters', id: 2 },
      ],
    });
    expect(checked).toEqual({
      valid: true,
      value: {
        name: 'An',
        organisation: null,
        email: 'an@example.com',
        phone: null,
        language: 'en',
        message: 'Hello\nthere',
        sites: [{ collection: 'industrial-clusters', id: 2 }],
      },
    });
  });

  it('accepts a phone instead of an email, in the usual writings', () => {
    for (const phone of ['+84 214 3840 123', '(0214) 384-0123', '0912.345.678']) {
      expect(checkInquiry({ ...base, email: null, phone }).valid, phone).toBe(true);
    }
  });
});

describe('checkInquiryPatch', () => {
  it('takes an inquiry for the signed-in user only, whatever the case they type', () => {
    expect(checkInquiryPatch({ assignee: 'Eddie' }, 'eddie')).toEqual({
      valid: true,
      value: { assignee: 'eddie' },
    });
    expect(checkInquiryPatch({ assignee: null }, 'eddie')).toEqual({
      valid: true,
      value: { assignee: null },
    });
    expect(checkInquiryPatch({ assignee: 'ada' }, 'eddie').valid).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { translator } from '../../../client/src/features/auth/i18n/text';
import editEn from '../../../client/src/features/edit/i18n/en.json';
import editVi from '../../../client/src/features/edit/i18n/vi.json';
import { serverProblemText } from '../../../client/src/features/edit/serverProblemText';
import { FIELD_ERROR_CODES } from '../../../server/src/contract/vocabulary';

const vi = translator(editVi);
const en = translator(editEn);

describe('server field problems in the UI language', () => {
  it('every code the server sends has a message in both languages', () => {
    for (const code of FIELD_ERROR_CODES) {
      expect(Object.keys(editVi)).toContain(`server.error.${code}`);
      expect(Object.keys(editEn)).toContain(`server.error.${code}`);
    }
  });

  it('fills the params, numbers in the locale format and comparisons as symbols', () => {
    const tooLong = {
      field: 'properties.notes',
      code: 'TooLong',
      message: 'must be…',
      params: { limit: 2000 },
    };
    expect(serverProblemText(tooLong, vi, 'vi')).toBe('Tối đa 2.000 ký tự.');
    expect(serverProblemText(tooLong, en, 'en')).toBe('At most 2,000 characters.');
    const range = {
      field: 'properties.support_year',
      code: 'OutOfRange',
      message: 'must be >= 1900',
      params: { comparison: '>=', limit: 1900 },
    };
    expect(serverProblemText(range, vi, 'vi')).toBe('Phải ≥ 1900.');
  });

  it('an unknown code shows the server text, marked as English in the Vietnamese UI', () => {
    const odd = { field: 'properties.x', code: 'SomethingNew', message: 'is odd' };
    expect(serverProblemText(odd, vi, 'vi')).toBe('is odd (tiếng Anh)');
    expect(serverProblemText(odd, en, 'en')).toBe('is odd');
  });
});

import { describe, expect, it } from 'vitest';
import { citationShownLang, langNoteKey } from '../../../client/src/i18n/TextLang';

describe('the note after data text in another language', () => {
  it('says "(tiếng Anh)" after English in Vietnamese and "(in Vietnamese)" after Vietnamese in English, else nothing', () => {
    expect(langNoteKey('en', 'vi')).toBe('details.english');
    expect(langNoteKey('vi', 'en')).toBe('details.vietnamese');
    for (const [text, ui] of [
      ['en', 'en'],
      ['vi', 'vi'],
      ['zxx', 'vi'],
      [undefined, 'vi'],
      [null, 'en'],
      ['fr', 'vi'],
    ] as const)
      expect(langNoteKey(text, ui)).toBeNull();
  });

  it('a citation of web addresses only shows no language, whatever its record says', () => {
    expect(citationShownLang('https://vov.vn/a; https://baochinhphu.vn/b', 'en')).toBeUndefined();
    expect(citationShownLang('Press, May 2023: https://vov.vn/a', 'en')).toBe('en');
    expect(citationShownLang('Press, May 2023', undefined)).toBeUndefined();
  });
});

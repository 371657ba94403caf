import { describe, expect, it } from 'vitest';
import { SORT_KEY_FROM, SORT_KEY_TO, sortKey } from '../../../server/src/store/sort-key';

const byKey = (a: string, b: string) => {
  const [x, y] = [sortKey(a), sortKey(b)];
  return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
};

describe('the sort key of text sortables (store/sort-key.ts)', () => {
  it('orders by the Vietnamese alphabet: a ă â … d đ e ê … o ô ơ … u ư, case and tones aside, digits first', () => {
    const words = [
      'Ưa',
      'Đan lát',
      'ẩn',
      'Vân',
      'Em',
      'Dệt',
      'an',
      'Ăn',
      'Uống',
      'ơi',
      'ô',
      'Ót',
      'Zhe',
      '3 Lò',
      'bản',
      'Bát',
      'Ếch',
    ];
    expect([...words].sort(byKey)).toEqual([
      '3 Lò',
      'an',
      'Ăn',
      'ẩn',
      'bản',
      'Bát',
      'Dệt',
      'Đan lát',
      'Em',
      'Ếch',
      'Ót',
      'ô',
      'ơi',
      'Uống',
      'Ưa',
      'Vân',
      'Zhe',
    ]);
  });

  it('is one character per character, the same for either case and every tone, other text unchanged', () => {
    expect([...SORT_KEY_FROM]).toHaveLength([...SORT_KEY_TO].length);
    expect(sortKey('Đ')).toBe(sortKey('đ'));
    expect(new Set(['a', 'à', 'á', 'ả', 'ã', 'ạ', 'A', 'Ạ'].map(sortKey)).size).toBe(1);
    expect(sortKey('ă')).not.toBe(sortKey('a'));
    expect(sortKey('Lào Cai – 2012 (Ⅱ) 老街')).toHaveLength('Lào Cai – 2012 (Ⅱ) 老街'.length);
    expect(sortKey('– 2012 (Ⅱ) 老街')).toBe('– 2012 (Ⅱ) 老街');
  });
});

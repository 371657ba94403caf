/**
 * The sort key of text sortables (`sortby`), the same in both stores: each letter of the
 * Vietnamese alphabet (a ă â b c d đ e ê … u ư v x y, with f j w z at their Latin places), in
 * either case and with any tone mark, becomes one Private Use Area character in alphabet order;
 * every other character stays itself. So `Đ` sorts after `D` and before `E`, `Ư` after `U`, case and
 * tones do not separate words (the value itself then breaks ties, by code point), and digits and
 * punctuation come before letters. SQLite computes it with this function registered on the
 * connection (sqlite/sort-indexes.ts), PostgreSQL with `translate()` over the same table (a
 * function of PostGIS migration 7); both index it. The table is part of those indexes and of a
 * shipped migration: never change it — a new key needs new indexes and a new function.
 */

const GROUPS: readonly string[] = [
  'aàáảãạ',
  'ăằắẳẵặ',
  'âầấẩẫậ',
  'b',
  'c',
  'd',
  'đ',
  'eèéẻẽẹ',
  'êềếểễệ',
  'f',
  'g',
  'h',
  'iìíỉĩị',
  'j',
  'k',
  'l',
  'm',
  'n',
  'oòóỏõọ',
  'ôồốổỗộ',
  'ơờớởỡợ',
  'p',
  'q',
  'r',
  's',
  't',
  'uùúủũụ',
  'ưừứửữự',
  'v',
  'w',
  'x',
  'yỳýỷỹỵ',
  'z',
];

/** The first code point of the keys (U+E000, Private Use Area: above every script in use). */
const KEY_BASE = 0xe000;

/** The translation table as two equal-length strings (PostgreSQL `translate(text, from, to)`). */
export const SORT_KEY_FROM: string = GROUPS.map((g) => g + g.toUpperCase()).join('');
export const SORT_KEY_TO: string = GROUPS.map((g, i) =>
  String.fromCodePoint(KEY_BASE + i).repeat([...g].length * 2),
).join('');

const TABLE = new Map<string, string>([...SORT_KEY_FROM].map((c, i) => [c, [...SORT_KEY_TO][i]!]));

/** The sort key of a text (see above); code point by code point, as `translate()` does. */
export function sortKey(text: string): string {
  let out = '';
  for (const c of text) out += TABLE.get(c) ?? c;
  return out;
}

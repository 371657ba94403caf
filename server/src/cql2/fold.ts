/**
 * ACCENTI and CASEI as this server defines them (CQL2 leaves the exact folding to the server).
 * ACCENTI folds exactly like contract/text.ts normalizeText does, minus its lower-casing and
 * whitespace collapsing: NFD, strip every combining mark (\p{M}), đ → d and Đ → D. CASEI is
 * JavaScript's toLowerCase() (Unicode default case mapping). So
 * `foldCase(foldAccents(s))` equals normalizeText(s) for text without runs of whitespace, and
 * `ACCENTI(CASEI(name)) = ACCENTI(CASEI('Bản Phố'))` matches "BAN PHO", "bản phố", "Ban Pho".
 * Both stores apply the same functions to the property side (SQLite: these JS functions as SQL
 * functions; PostGIS: normalize(…, NFD), a regexp of the same marks, lower() under ICU).
 */
const MARKS_AND_D = /\p{M}+|[đĐ]/gu;

export function foldAccents(input: string): string {
  return input.normalize('NFD').replace(MARKS_AND_D, (m) => (m === 'đ' ? 'd' : m === 'Đ' ? 'D' : ''));
}

export function foldCase(input: string): string {
  return input.toLowerCase();
}

/** Both folds in the fixed order accents → case (they commute for every input we know of). */
export function foldText(input: string, fold: { casei: boolean; accenti: boolean }): string {
  const unaccented = fold.accenti ? foldAccents(input) : input;
  return fold.casei ? foldCase(unaccented) : unaccented;
}

let markRanges: string | undefined;

/**
 * A regular-expression bracket class of every code point JavaScript's \p{M} matches, as ranges
 * (`[\u0300-\u036f…]` written with the characters themselves), for databases without \p{M}.
 * Computed once (≈ 40 ms) on first use.
 */
export function combiningMarkClass(): string {
  if (markRanges === undefined) {
    const isMark = /^\p{M}$/u;
    const parts: string[] = [];
    let start = -1;
    for (let cp = 0; cp <= 0x110000; cp++) {
      const mark = cp < 0x110000 && !(cp >= 0xd800 && cp <= 0xdfff) && isMark.test(String.fromCodePoint(cp));
      if (mark && start < 0) start = cp;
      if (!mark && start >= 0) {
        const end = cp - 1;
        parts.push(
          start === end
            ? String.fromCodePoint(start)
            : `${String.fromCodePoint(start)}-${String.fromCodePoint(end)}`,
        );
        start = -1;
      }
    }
    markRanges = `[${parts.join('')}]`;
  }
  return markRanges;
}

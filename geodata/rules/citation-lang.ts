import { SOURCE_LANGS, type SourceLang } from '../../server/src/contract/vocabulary';

/**
 * The language of a citation's own words (`source_lang`): what a reader of the citation text
 * reads, not the language of the page it links to. Web addresses, bare host names ("danso.info")
 * and quoted titles (which keep their own language) are not the citation's words; proper names
 * are in both languages, so only common words count. Pure.
 */

/** Common English words of our citations (function words first). */
const ENGLISH = new Set(
  (
    'the of and on in by from as at for with to a an is are was its this that which not no ' +
    'page pages press article news item published census population source sources general ' +
    'knowledge name list dated provincial government inferred trade undated about plus ' +
    'boundaries dataset extraction simplified outline merge housing official area communes units ' +
    'research notes zone cluster recorded states gives photo caption programme total split share'
  ).split(' '),
);

/** Common Vietnamese words (syllables) of citations. */
const VIETNAMESE = new Set(
  (
    'của và các những được theo trong với cho là có từ về năm ngày tháng bài tin trang nguồn ' +
    'số liệu tại đã này một để không khi đến trên ra vào báo điều tra dân thống kê quyết định ' +
    'kế hoạch công bố văn bản danh sách đơn vị hành chính tổng'
  ).split(' '),
);

const URL = /https?:\/\/[^\s;,)"<>]+/g;
const HOST = /\b[\p{L}\d-]+(?:\.[\p{L}\d-]+)+\b/gu;
const QUOTED = /"[^"]*"|“[^”]*”|«[^»]*»/g;

/** The words a citation uses itself: without web addresses, host names and quoted titles. */
export function citationWords(text: string): string[] {
  const bare = text.replace(URL, ' ').replace(QUOTED, ' ').replace(HOST, ' ');
  return (bare.match(/\p{L}+/gu) ?? []).map((w) => w.toLowerCase());
}

/**
 * The language a citation text is obviously written in: `zxx` when it has no words of its own
 * (addresses only), `en` or `vi` when at least two common words of that language and three times
 * as many as of the other, else undefined (too short or mixed to say).
 */
export function detectCitationLang(text: string): SourceLang | undefined {
  const words = citationWords(text);
  if (words.length === 0) return 'zxx';
  const en = words.filter((w) => ENGLISH.has(w)).length;
  const vi = words.filter((w) => VIETNAMESE.has(w)).length;
  if (en >= 2 && en >= 3 * vi) return 'en';
  if (vi >= 2 && vi >= 3 * en) return 'vi';
  return undefined;
}

/** The properties a collection schema marks as citations (`x-citation: true`), in schema order. */
export function citationKeys(schema: object): string[] {
  const props = (schema as { properties?: Record<string, { 'x-citation'?: unknown }> }).properties ?? {};
  return Object.entries(props)
    .filter(([, def]) => def['x-citation'] === true)
    .map(([key]) => key);
}

/** The non-empty citation texts of a record's properties. */
export function citationTexts(properties: Record<string, unknown>, keys: readonly string[]): string[] {
  return keys.flatMap((k) => {
    const v = properties[k];
    return typeof v === 'string' && v.trim() !== '' ? [v] : [];
  });
}

export function isSourceLang(value: unknown): value is SourceLang {
  return (SOURCE_LANGS as readonly unknown[]).includes(value);
}

/**
 * The language one record's citation texts agree on: `zxx` when none has words, else the one
 * clear language of those with words (`zxx` texts agree with any). Undefined when one is unclear
 * or two disagree (`problem` says which).
 */
export function recordCitationLang(
  texts: readonly string[],
): { lang: SourceLang } | { lang: undefined; problem: string } {
  const found = new Set<SourceLang>();
  for (const t of texts) {
    const d = detectCitationLang(t);
    if (d === undefined)
      return { lang: undefined, problem: `the language of "${t.slice(0, 80)}" is unclear` };
    if (d !== 'zxx') found.add(d);
  }
  if (found.size > 1) return { lang: undefined, problem: 'its citations are in both Vietnamese and English' };
  return { lang: [...found][0] ?? 'zxx' };
}

/**
 * Problems of a record's declared `source_lang` against its citation texts: missing (when
 * `required`), not a language code, or contradicting what the texts obviously are.
 */
export function checkCitationLang(declared: unknown, texts: readonly string[], required: boolean): string[] {
  if (declared === undefined || declared === null) {
    return required
      ? [
          `source_lang is missing: give the language of its citation text (${SOURCE_LANGS.join(', ')}; zxx = web addresses only)`,
        ]
      : [];
  }
  if (!isSourceLang(declared))
    return [`source_lang "${String(declared)}" is not one of ${SOURCE_LANGS.join(', ')}`];
  const problems: string[] = [];
  const clear = texts.map((t) => ({ t, d: detectCitationLang(t) }));
  const worded = clear.filter((c) => c.d !== 'zxx');
  if (declared === 'zxx' && worded.length > 0) {
    problems.push(`source_lang is zxx (web addresses only) but "${worded[0]?.t.slice(0, 80)}" has words`);
  }
  if (declared !== 'zxx' && texts.length > 0 && worded.length === 0) {
    problems.push(`source_lang is ${declared} but its citations are web addresses only (zxx)`);
  }
  for (const c of worded) {
    if (c.d !== undefined && c.d !== declared && declared !== 'zxx') {
      problems.push(`source_lang is ${declared} but "${c.t.slice(0, 80)}" is obviously ${c.d}`);
    }
  }
  return problems;
}

/**
 * A write's properties with `source_lang` left out when a citation text changed and the language
 * did not (it was declared for the old words: unknown now, not wrong); otherwise unchanged.
 */
export function withoutStaleSourceLang(
  properties: Record<string, unknown>,
  current: Record<string, unknown> | undefined,
  keys: readonly string[],
): Record<string, unknown> {
  if (!current || properties.source_lang === undefined || properties.source_lang !== current.source_lang)
    return properties;
  if (keys.every((k) => properties[k] === current[k])) return properties;
  const { source_lang: _stale, ...rest } = properties;
  return rest;
}

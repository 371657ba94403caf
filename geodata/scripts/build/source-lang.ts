import type { Feature } from 'geojson';
import { citationTexts, recordCitationLang } from '../../rules/citation-lang';
import type { IndicatorFileRow, IndicatorRow } from '../../rules/indicator-rows';

function langOf(texts: string[], what: string) {
  const found = recordCitationLang(texts);
  if (found.lang === undefined) throw new Error(`${what}: ${found.problem}; reword its citation`);
  return found.lang;
}

/**
 * Each feature with `source_lang`, the language its citation texts are written in, read from the
 * texts themselves (rules/citation-lang.ts), placed after `source_url` (else after `source`). The
 * build stops on a record whose citations are unclear or in two languages.
 */
export function withSourceLang<F extends Feature>(collection: string, features: F[], keys: string[]): F[] {
  return features.map((f) => {
    const p = f.properties ?? {};
    const texts = citationTexts(p, keys);
    const lang = langOf(texts, `${collection} ${String(f.id)}`);
    const after = 'source_url' in p ? 'source_url' : 'source';
    const entries = Object.entries(p).flatMap(([k, v]) =>
      k === after ? [[k, v] as const, ['source_lang', lang] as const] : [[k, v] as const],
    );
    return { ...f, properties: Object.fromEntries(entries) };
  });
}

/** Each indicator row with the language of its source's words. */
export function rowsWithSourceLang(rows: readonly IndicatorRow[]): IndicatorFileRow[] {
  return rows.map((r) => ({
    ...r,
    source_lang: langOf([r.source], `indicators.csv ${r.indicator} ${r.year} ${r.district_code}`),
  }));
}

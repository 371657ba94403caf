import type { Feature } from 'geojson';
import { SOURCE_LANGS } from '../../../server/src/contract/vocabulary';
import { checkCitationLang, citationKeys, citationTexts } from '../../rules/citation-lang';
import type { RawIndicatorRow } from '../../rules/indicator-rows';
import { featureIdOf, label, type Problem } from './problem';

/**
 * Every shipped record says what language its citations' words are in (`source_lang`), and it
 * does not contradict what the texts obviously are (rules/citation-lang.ts): the Vietnamese UI
 * marks English citations by it. A schema with citations (`x-citation`) declares `source_lang`
 * with the shared list (SOURCE_LANGS, or null). Pure.
 */
export function checkCitationLangs(
  collection: string,
  features: readonly Feature[],
  schema: object,
): Problem[] {
  const keys = citationKeys(schema);
  if (keys.length === 0) return [];
  const declared = (schema as { properties?: Record<string, { enum?: unknown }> }).properties?.source_lang;
  const expected = JSON.stringify([...SOURCE_LANGS, null]);
  if (JSON.stringify(declared?.enum) !== expected) {
    return [
      {
        check: 'citation_lang',
        collection,
        message: `the schema has citations (${keys.join(', ')}) but no source_lang with enum ${expected}`,
      },
    ];
  }
  return features.flatMap((f) =>
    checkCitationLang(f.properties?.source_lang, citationTexts(f.properties ?? {}, keys), true).map(
      (message) => ({
        check: 'citation_lang',
        collection,
        featureId: featureIdOf(f),
        message: `${label(f)}: ${message}`,
      }),
    ),
  );
}

/** The same for the rows of indicators.csv (its `source_lang` column). */
export function checkRowCitationLangs(rows: readonly RawIndicatorRow[]): Problem[] {
  return rows.flatMap((r, i) =>
    checkCitationLang(r.source_lang, [r.source], true).map((message) => ({
      check: 'citation_lang',
      collection: 'indicators',
      message: `line ${i + 2} (${r.indicator} ${r.year} ${r.district_code}): ${message}`,
    })),
  );
}

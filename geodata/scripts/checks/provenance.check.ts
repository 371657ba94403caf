import type { Feature } from 'geojson';
import { CONFIDENCE, isOneOf } from '../../../server/src/contract/vocabulary';
import { checkFactProvenance, checkFactSchema, factSpecs } from '../../rules/facts';
import { PROVINCE_CODE, type RawIndicatorRow } from '../../rules/indicator-rows';
import { featureIdOf, label, type Problem, stringProp } from './problem';

/** Checks every feature has a non-empty `source` and a known `confidence`. */
export function checkProvenance(collection: string, features: Feature[]): Problem[] {
  const problems: Problem[] = [];
  for (const f of features) {
    const featureId = featureIdOf(f);
    if (!stringProp(f, 'source')?.trim()) {
      problems.push({ check: 'source_missing', collection, featureId, message: `${label(f)} has no source` });
    }
    if (!isOneOf(CONFIDENCE, stringProp(f, 'confidence'))) {
      problems.push({
        check: 'confidence_missing',
        collection,
        featureId,
        message: `${label(f)} has no valid confidence (${CONFIDENCE.join('|')})`,
      });
    }
  }
  return problems;
}

/**
 * Checks the site facts of a collection (`x-fact` in its schema, rules/facts.ts): the annotations
 * name declared properties of the right types, and on every feature a fact with a value has a
 * source and a confidence while one without a value ("not published") has neither.
 */
export function checkFacts(collection: string, features: Feature[], schema: object): Problem[] {
  const problems: Problem[] = checkFactSchema(schema).map((message) => ({
    check: 'fact_schema',
    collection,
    message,
  }));
  const specs = factSpecs(schema);
  if (specs.length === 0) return problems;
  for (const f of features) {
    for (const p of checkFactProvenance(f.properties ?? {}, specs)) {
      problems.push({
        check: p.code,
        collection,
        featureId: featureIdOf(f),
        message: `${label(f)}: ${p.property} ${p.message}`,
      });
    }
  }
  return problems;
}

/**
 * Checks indicator rows: every row has a source and a status; a district row of an indicator the
 * province reports as a total (a split of it) is `illustrative`; a source that says "illustrative"
 * has status `illustrative` and vice versa.
 */
export function checkIndicatorProvenance(rows: RawIndicatorRow[]): Problem[] {
  const totals = new Set(
    rows.filter((r) => r.district_code === PROVINCE_CODE).map((r) => `${r.indicator}|${r.year}`),
  );
  const problems: Problem[] = [];
  rows.forEach((r, i) => {
    const featureId = `row ${i + 1}`;
    const add = (check: string, message: string) =>
      problems.push({
        check,
        collection: 'indicators',
        featureId,
        message: `${r.indicator} ${r.year} ${r.district_code}: ${message}`,
      });
    if (!r.source.trim()) add('source_missing', 'has no source');
    if (!isOneOf(CONFIDENCE, r.status))
      add('confidence_missing', `status "${r.status}" is not one of ${CONFIDENCE.join('|')}`);
    const isSplit = r.district_code !== PROVINCE_CODE && totals.has(`${r.indicator}|${r.year}`);
    if (isSplit && r.status !== 'illustrative')
      add('illustrative_unmarked', 'is a district split of a province total but is not marked illustrative');
    const saysIllustrative = /illustrative/i.test(r.source);
    if (saysIllustrative !== (r.status === 'illustrative'))
      add('illustrative_mismatch', 'status and source disagree about being illustrative');
  });
  return problems;
}

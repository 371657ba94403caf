import { PROVINCE_CODE, type RawIndicatorRow } from '../../rules/indicator-rows';
import type { Problem } from './problem';

/** The article's stated growth: ratio 2012/2008 and the tolerance allowed for rounding. */
export const ARTICLE_GROWTH: { indicator: string; ratio: number; tolerance: number; stated: string }[] = [
  { indicator: 'establishments', ratio: 2, tolerance: 0.05, stated: '"tăng gấp đôi" (doubled)' },
  { indicator: 'workers', ratio: 1.29, tolerance: 0.005, stated: '+29 %' },
  { indicator: 'production_value', ratio: 2.41, tolerance: 0.01, stated: '+141 %' },
];

const key = (r: RawIndicatorRow) => `${r.indicator}|${r.year}`;

/** Checks that district rows add up exactly to the province row for each indicator and year that has both. */
export function checkIndicatorSums(rows: RawIndicatorRow[]): Problem[] {
  const totals = new Map<string, number>();
  const sums = new Map<string, number>();
  for (const r of rows) {
    if (r.district_code === PROVINCE_CODE) totals.set(key(r), r.value);
    else sums.set(key(r), (sums.get(key(r)) ?? 0) + r.value);
  }
  const problems: Problem[] = [];
  for (const [k, total] of totals) {
    const sum = sums.get(k);
    if (sum === undefined || Math.abs(sum - total) < 1e-9) continue;
    const [indicator, year] = k.split('|');
    problems.push({
      check: 'split_sum',
      collection: 'indicators',
      featureId: k,
      message: `${indicator} ${year}: districts add up to ${sum}, province total is ${total}`,
    });
  }
  return problems;
}

/** Recomputes the article's growth figures from the province rows (2008 → 2012). */
export function checkArticleGrowth(rows: RawIndicatorRow[]): Problem[] {
  const value = (indicator: string, year: number) =>
    rows.find((r) => r.district_code === PROVINCE_CODE && r.indicator === indicator && r.year === year)
      ?.value;
  const problems: Problem[] = [];
  for (const g of ARTICLE_GROWTH) {
    const before = value(g.indicator, 2008);
    const after = value(g.indicator, 2012);
    if (before === undefined || after === undefined || before === 0) {
      problems.push({
        check: 'growth_missing',
        collection: 'indicators',
        featureId: g.indicator,
        message: `${g.indicator}: province rows for 2008 and 2012 are missing`,
      });
      continue;
    }
    const ratio = after / before;
    if (Math.abs(ratio - g.ratio) > g.tolerance) {
      problems.push({
        check: 'growth_mismatch',
        collection: 'indicators',
        featureId: g.indicator,
        message: `${g.indicator}: ${after} / ${before} = ×${ratio.toFixed(3)}, but the article says ${g.stated} (×${g.ratio} ± ${g.tolerance})`,
      });
    }
  }
  return problems;
}

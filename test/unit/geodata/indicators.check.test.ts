import { describe, expect, it } from 'vitest';
import type { RawIndicatorRow } from '../../../geodata/rules/indicator-rows';
import { checkArticleGrowth, checkIndicatorSums } from '../../../geodata/scripts/checks/index';

const row = (district_code: string, indicator: string, year: number, value: number): RawIndicatorRow => ({
  district_code,
  indicator,
  year,
  value,
  unit: 'u',
  status: district_code === '10' ? 'reported' : 'illustrative',
  source: district_code === '10' ? 'province total' : 'illustrative split',
});

const articleTotals = (): RawIndicatorRow[] => [
  row('10', 'establishments', 2008, 3368),
  row('10', 'establishments', 2012, 6892),
  row('10', 'workers', 2008, 13593),
  row('10', 'workers', 2012, 17500),
  row('10', 'production_value', 2008, 1302),
  row('10', 'production_value', 2012, 3150),
];

describe('checkIndicatorSums', () => {
  it('accepts district rows that add up to the province total', () => {
    expect(
      checkIndicatorSums([
        row('10', 'workers', 2008, 10),
        row('082', 'workers', 2008, 4),
        row('086', 'workers', 2008, 6),
      ]),
    ).toEqual([]);
  });

  it('finds a split that does not add up', () => {
    const problems = checkIndicatorSums([
      row('10', 'workers', 2008, 10),
      row('082', 'workers', 2008, 4),
      row('086', 'workers', 2008, 5),
    ]);
    expect(problems).toEqual([
      {
        check: 'split_sum',
        collection: 'indicators',
        featureId: 'workers|2008',
        message: 'workers 2008: districts add up to 9, province total is 10',
      },
    ]);
  });
});

describe('checkArticleGrowth', () => {
  it("recomputes the article's figures (×2, +29 %, +141 %)", () => {
    expect(checkArticleGrowth(articleTotals())).toEqual([]);
  });

  it('finds a total that no longer matches the stated growth', () => {
    const rows = articleTotals().map((r) =>
      r.indicator === 'workers' && r.year === 2012 ? { ...r, value: 19000 } : r,
    );
    const problems = checkArticleGrowth(rows);
    expect(problems.map((p) => p.check)).toEqual(['growth_mismatch']);
    expect(problems[0]?.message).toContain('+29 %');
  });

  it('reports missing province rows', () => {
    expect(checkArticleGrowth([]).map((p) => p.check)).toEqual([
      'growth_missing',
      'growth_missing',
      'growth_missing',
    ]);
  });
});

import { type IndicatorRow, PROVINCE_CODE } from '../../rules/indicator-rows';
import { FACT_DISTRICT_BY_CODE, type Facts, factByName, numberFigure } from './facts';

export const ARTICLE_SOURCE =
  'Đoan Hà, "Hiệu quả từ công tác khuyến công" (Lào Cai), article of 2012 on the khuyến công programme';

/** The article's province totals (all `reported`). `note` qualifies the year where needed. */
export const ARTICLE_TOTALS: {
  indicator: string;
  year: number;
  value: number;
  unit: string;
  note?: string;
}[] = [
  { indicator: 'establishments', year: 2008, value: 3368, unit: 'establishments' },
  { indicator: 'establishments', year: 2012, value: 6892, unit: 'establishments' },
  { indicator: 'workers', year: 2008, value: 13593, unit: 'persons' },
  { indicator: 'workers', year: 2012, value: 17500, unit: 'persons' },
  { indicator: 'production_value', year: 2008, value: 1302, unit: 'billion VND' },
  { indicator: 'production_value', year: 2012, value: 3150, unit: 'billion VND' },
  {
    indicator: 'khuyen_cong_budget',
    year: 2012,
    value: 5739,
    unit: 'million VND',
    note: 'period 2008–2012, local budget',
  },
  { indicator: 'supported_facilities', year: 2012, value: 237, unit: 'facilities', note: 'period 2008–2012' },
];

export const SPLIT_SOURCE =
  'illustrative split of the province total by 2019 census population share (largest-remainder method); not a statistic';

/**
 * Splits an integer total into integers proportional to `weights` that add up exactly to the
 * total (largest-remainder method; ties broken by key order, so the result is deterministic).
 */
export function largestRemainder(total: number, weights: [string, number][]): Map<string, number> {
  const sum = weights.reduce((s, [, w]) => s + w, 0);
  const parts = weights.map(([key, w], index) => {
    const exact = (total * w) / sum;
    return { key, index, floor: Math.floor(exact), rest: exact - Math.floor(exact) };
  });
  let left = total - parts.reduce((s, p) => s + p.floor, 0);
  const order = [...parts].sort((a, b) => b.rest - a.rest || a.index - b.index);
  const out = new Map(parts.map((p) => [p.key, p.floor]));
  for (const p of order) {
    if (left <= 0) break;
    out.set(p.key, (out.get(p.key) ?? 0) + 1);
    left -= 1;
  }
  return out;
}

const CODES = Object.keys(FACT_DISTRICT_BY_CODE);

/** Builds indicators.csv rows: article totals, illustrative splits, population and official area. */
export function buildIndicatorRows(facts: Facts): IndicatorRow[] {
  const stats = (code: string) => factByName(facts.district_stats, FACT_DISTRICT_BY_CODE[code] ?? '');
  const weights: [string, number][] = CODES.map((c) => [c, numberFigure(stats(c), 'population_2019_census')]);
  const rows: IndicatorRow[] = [];
  for (const t of ARTICLE_TOTALS) {
    const period = t.note ? ` (${t.note})` : '';
    rows.push({
      district_code: PROVINCE_CODE,
      year: t.year,
      indicator: t.indicator,
      value: t.value,
      unit: t.unit,
      status: 'reported',
      source: `province total${period}; ${ARTICLE_SOURCE}`,
    });
    const split = largestRemainder(t.value, weights);
    for (const code of CODES) {
      rows.push({
        district_code: code,
        year: t.year,
        indicator: t.indicator,
        value: split.get(code) ?? 0,
        unit: t.unit,
        status: 'illustrative',
        source: `${SPLIT_SOURCE}${period}`,
      });
    }
  }
  for (const code of CODES) {
    const s = stats(code);
    rows.push({
      district_code: code,
      year: 2018,
      indicator: 'population',
      value: numberFigure(s, 'population_2018'),
      unit: 'persons',
      status: 'official',
      source: 'Lào Cai provincial population 2018: http://www.laocai.gov.vn/dan-so/dan-so-nam-2018-902655',
    });
    rows.push({
      district_code: code,
      year: 2019,
      indicator: 'population',
      value: numberFigure(s, 'population_2019_census'),
      unit: 'persons',
      status: 'official',
      source: 'Population and housing census 2019 (as published by https://danso.info/dan-so-lao-cai)',
    });
    rows.push({
      district_code: code,
      year: 2019,
      indicator: 'area_km2_official',
      value: numberFigure(s, 'area_km2_2019'),
      unit: 'km²',
      status: 'official',
      source: 'Official area 2019 (as published by https://danso.info/dan-so-lao-cai)',
    });
  }
  return rows;
}

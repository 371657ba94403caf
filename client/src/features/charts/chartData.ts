import type { IndicatorValuesResponse } from '../../../../server/src/contract/api';

/** One bar: a district's value in one year (null year: a computed indicator, "now"). */
export interface Bar {
  code: string;
  name: string;
  year: number | null;
  value: number;
  illustrative: boolean;
  source: string | null;
}

/** A district's change between the first and the last year with data. */
export interface Change {
  code: string;
  name: string;
  from: number;
  to: number;
  abs: number;
  /** Percent of the first value; null when the first value is 0 (no finite growth). */
  pct: number | null;
  illustrative: boolean;
}

/** Every known value of every year given, as bars (unknown values make no bar, never 0). */
export function barsOf(series: readonly IndicatorValuesResponse[], name: (code: string) => string): Bar[] {
  return series.flatMap((s) =>
    s.values.flatMap((v) =>
      v.value === null
        ? []
        : [
            {
              code: v.district_code,
              name: name(v.district_code),
              year: s.year,
              value: v.value,
              illustrative: v.status === 'illustrative',
              source: v.source,
            },
          ],
    ),
  );
}

/** District codes, largest value of the latest year first (districts without one last, by name). */
export function districtOrder(series: readonly IndicatorValuesResponse[]): string[] {
  const last = series.at(-1);
  if (!last) return [];
  return [...last.values]
    .sort(
      (a, b) =>
        (b.value ?? -Infinity) - (a.value ?? -Infinity) || a.district_code.localeCompare(b.district_code),
    )
    .map((v) => v.district_code);
}

/** Change from `first` to `last` for the districts with both values, largest growth (by `measure`) first. */
export function changesOf(
  first: IndicatorValuesResponse,
  last: IndicatorValuesResponse,
  name: (code: string) => string,
  measure: 'pct' | 'abs' = 'pct',
): Change[] {
  const out: Change[] = [];
  for (const b of last.values) {
    const a = first.values.find((v) => v.district_code === b.district_code);
    if (!a || a.value === null || b.value === null) continue;
    out.push({
      code: b.district_code,
      name: name(b.district_code),
      from: a.value,
      to: b.value,
      abs: b.value - a.value,
      pct: a.value === 0 ? null : ((b.value - a.value) / a.value) * 100,
      illustrative: a.status === 'illustrative' || b.status === 'illustrative',
    });
  }
  return measure === 'pct'
    ? out.sort((x, y) => (y.pct ?? -Infinity) - (x.pct ?? -Infinity) || y.abs - x.abs)
    : out.sort((x, y) => y.abs - x.abs || x.code.localeCompare(y.code));
}

/**
 * The change as indicator values (percent, or absolute), so the map can colour it like any
 * indicator; districts without both values are "no data".
 */
export function changeAsValues(
  first: IndicatorValuesResponse,
  last: IndicatorValuesResponse,
  measure: 'pct' | 'abs',
): IndicatorValuesResponse {
  const changes = changesOf(first, last, (c) => c);
  return {
    ...last,
    values: last.values.map((v) => {
      const c = changes.find((x) => x.code === v.district_code);
      const value = c ? (measure === 'pct' ? c.pct : c.abs) : null;
      return { ...v, value: value === null ? null : Math.round(value * 10) / 10, status: v.status };
    }),
    province: null,
  };
}

import type { Choropleth, ChoroplethClass } from './choropleth';
import { NO_DATA_COLOR } from './palette';

/**
 * Diverging palette for change (ColorBrewer PuOr, 5 classes, colour-blind safe): strong decline,
 * decline, no change, growth, strong growth. Orange is decline, purple growth.
 */
export const DIVERGING_5 = ['#b35806', '#f1a340', '#f7f7f7', '#998ec3', '#542788'] as const;

/** The class of a change: beyond half the largest change either way is "strong"; 0 is its own class. */
function classOf(v: number, max: number): number {
  if (v === 0) return 2;
  if (v < 0) return -v > max / 2 ? 0 : 1;
  return v > max / 2 ? 4 : 3;
}

/**
 * Classes changes around 0 (never a class mixing decline and growth); each class's range is the
 * smallest to largest value in it, like the sequential choropleth. Unknown → "no data".
 */
export function buildChangeChoropleth(
  values: readonly { district_code: string; value: number | null }[],
): Choropleth {
  const known = values.flatMap((v) => (v.value === null ? [] : [v.value]));
  const max = Math.max(0, ...known.map(Math.abs));
  const classes: ChoroplethClass[] = DIVERGING_5.map((color) => ({
    from: Infinity,
    to: -Infinity,
    color,
    count: 0,
  }));
  const colorByCode: Record<string, string> = {};
  let hasNoData = false;
  for (const v of values) {
    if (v.value === null) {
      hasNoData = true;
      colorByCode[v.district_code] = NO_DATA_COLOR;
      continue;
    }
    const cls = classes[classOf(v.value, max)]!;
    cls.count += 1;
    cls.from = Math.min(cls.from, v.value);
    cls.to = Math.max(cls.to, v.value);
    colorByCode[v.district_code] = cls.color;
  }
  const used = classes.filter((c) => c.count > 0);
  const allEqual = used.length === 1 && used[0]!.from === used[0]!.to ? used[0]!.from : undefined;
  return {
    method: 'diverging',
    classes: used,
    colorByCode,
    hasNoData,
    ...(allEqual !== undefined ? { allEqual } : {}),
  };
}

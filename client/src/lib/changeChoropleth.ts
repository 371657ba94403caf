import { assignClasses, type Choropleth } from './choropleth';

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
  const max = Math.max(0, ...values.map((v) => Math.abs(v.value ?? 0)));
  return assignClasses(values, DIVERGING_5, (v) => classOf(v, max), 'diverging');
}

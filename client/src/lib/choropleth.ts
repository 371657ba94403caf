import { type ClassMethod, classIndex, classify } from './classify';
import { NO_DATA_COLOR, sequentialColors } from './palette';

export interface ChoroplethClass {
  /** The smallest and largest value of the districts in this class (so ranges never overlap). */
  from: number;
  to: number;
  color: string;
  /** How many districts fall in this class. */
  count: number;
}

export interface Choropleth {
  /** How the classes were made; 'diverging': around 0 (lib/changeChoropleth). */
  method: ClassMethod | 'diverging';
  classes: ChoroplethClass[];
  /** Fill colour per district code; districts without a value get NO_DATA_COLOR. */
  colorByCode: Record<string, string>;
  hasNoData: boolean;
  /** Every district with a value has this same value (one class): the legend says so plainly. */
  allEqual?: number;
}

/**
 * Classes district values into (at most) `k` classes with the sequential palette. A class's range
 * is the smallest to the largest value in it, so two classes never share a number ("12–21 | 21–24"
 * cannot happen). Districts without a value (null: unknown, never counted as 0) are "no data".
 */
export function buildChoropleth(
  values: readonly { district_code: string; value: number | null }[],
  method: ClassMethod,
  k = 5,
): Choropleth {
  const { breaks } = classify(
    values.map((v) => v.value),
    k,
    method,
  );
  const n = Math.max(0, breaks.length - 1);
  return assignClasses(values, sequentialColors(n), (v) => classIndex(breaks, v), method);
}

/**
 * Puts each district in the class `indexOf` gives (−1 or beyond: none), each class's range the
 * smallest to largest of its values; unknown values are "no data". Empty classes are dropped.
 */
export function assignClasses(
  values: readonly { district_code: string; value: number | null }[],
  colors: readonly string[],
  indexOf: (value: number) => number,
  method: Choropleth['method'],
): Choropleth {
  const classes: ChoroplethClass[] = colors.map((color) => ({
    from: Infinity,
    to: -Infinity,
    color,
    count: 0,
  }));
  const colorByCode: Record<string, string> = {};
  let hasNoData = false;
  for (const v of values) {
    const cls = v.value === null ? undefined : classes[indexOf(v.value)];
    if (!cls || v.value === null) {
      hasNoData = true;
      colorByCode[v.district_code] = NO_DATA_COLOR;
      continue;
    }
    cls.count += 1;
    cls.from = Math.min(cls.from, v.value);
    cls.to = Math.max(cls.to, v.value);
    colorByCode[v.district_code] = cls.color;
  }
  const used = classes.filter((c) => c.count > 0);
  const allEqual = used.length === 1 && used[0]!.from === used[0]!.to ? used[0]!.from : undefined;
  return { method, classes: used, colorByCode, hasNoData, ...(allEqual !== undefined ? { allEqual } : {}) };
}

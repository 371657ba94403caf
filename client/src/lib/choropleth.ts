import { type ClassMethod, classIndex, classify } from './classify';
import { NO_DATA_COLOR, sequentialColors } from './palette';

export interface ChoroplethClass {
  from: number;
  to: number;
  color: string;
  /** How many districts fall in this class. */
  count: number;
}

export interface Choropleth {
  method: ClassMethod;
  classes: ChoroplethClass[];
  /** Fill colour per district code; districts without a value get NO_DATA_COLOR. */
  colorByCode: Record<string, string>;
  hasNoData: boolean;
}

/** Classes district values into (at most) `k` classes with the sequential palette. */
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
  const colors = sequentialColors(n === 0 && breaks.length === 1 ? 1 : n);
  const classes: ChoroplethClass[] =
    breaks.length === 1
      ? [{ from: breaks[0]!, to: breaks[0]!, color: colors[0]!, count: 0 }]
      : colors.map((color, i) => ({ from: breaks[i]!, to: breaks[i + 1]!, color, count: 0 }));
  const colorByCode: Record<string, string> = {};
  let hasNoData = false;
  for (const v of values) {
    const idx = breaks.length === 1 && v.value !== null ? 0 : classIndex(breaks, v.value);
    if (idx < 0) {
      hasNoData = true;
      colorByCode[v.district_code] = NO_DATA_COLOR;
    } else {
      classes[idx]!.count += 1;
      colorByCode[v.district_code] = classes[idx]!.color;
    }
  }
  return { method, classes, colorByCode, hasNoData };
}

/**
 * Classification of indicator values into classes for a choropleth.
 * Input values may contain null (no data); those are ignored for the breaks.
 * Output `breaks` has (classes + 1) numbers: class i covers [breaks[i], breaks[i+1]] (the lower
 * bound is exclusive for every class but the first). Breaks rise strictly, except that the first
 * class may be the minimum alone (breaks[0] === breaks[1], e.g. the districts with 0). Distinct
 * values are never merged just because of ties: with at least k distinct values there are k
 * classes, never an empty one; with fewer, one class per distinct value.
 */
export type ClassMethod = 'quantile' | 'jenks';

export interface Classification {
  method: ClassMethod;
  breaks: number[];
}

export function classify(values: readonly (number | null)[], k: number, method: ClassMethod): Classification {
  const data = values.filter((v): v is number => v !== null && Number.isFinite(v)).sort((a, b) => a - b);
  if (data.length === 0) return { method, breaks: [] };
  const distinct = Array.from(new Set(data));
  const classes = Math.max(1, Math.min(k, distinct.length));
  const inner = method === 'jenks' ? jenksInnerBreaks(data, classes) : quantileInnerBreaks(data, classes);
  const breaks = dedupe([data[0]!, ...inner, data[data.length - 1]!]);
  return { method, breaks };
}

/** Index of the class of `value` (0-based), or -1 for null / outside the breaks. */
export function classIndex(breaks: readonly number[], value: number | null): number {
  if (value === null || breaks.length < 2) return -1;
  if (value < breaks[0]! || value > breaks[breaks.length - 1]!) return -1;
  for (let i = 1; i < breaks.length; i++) {
    if (value <= breaks[i]!) return i - 1;
  }
  return breaks.length - 2;
}

/**
 * Upper bounds of the first k-1 quantile classes. A bound that ties with the previous one (many
 * equal values) moves up to the next distinct value, so no class is empty and no two distinct
 * values share a class only because of ties (0 ha and 700 ha never share a colour).
 */
function quantileInnerBreaks(sorted: number[], k: number): number[] {
  const distinct = Array.from(new Set(sorted));
  const max = sorted[sorted.length - 1]!;
  const out: number[] = [];
  for (let i = 1; i < k; i++) {
    const pos = (sorted.length * i) / k;
    let bound = sorted[Math.max(0, Math.ceil(pos) - 1)]!;
    const previous = out[out.length - 1];
    if (previous !== undefined && bound <= previous) {
      const next = distinct.find((v) => v > previous);
      if (next === undefined || next >= max) break;
      bound = next;
    }
    out.push(bound);
  }
  return out;
}

/** Fisher–Jenks natural breaks (optimal: minimises within-class squared deviations). */
function jenksInnerBreaks(sorted: number[], k: number): number[] {
  const n = sorted.length;
  // cost[j][i]: minimal SSD for the first i values in j classes; back[j][i]: start of the last class.
  const cost: number[][] = Array.from({ length: k + 1 }, () => new Array<number>(n + 1).fill(Infinity));
  const back: number[][] = Array.from({ length: k + 1 }, () => new Array<number>(n + 1).fill(0));
  const prefix = [0];
  const prefixSq = [0];
  for (const v of sorted) {
    prefix.push(prefix[prefix.length - 1]! + v);
    prefixSq.push(prefixSq[prefixSq.length - 1]! + v * v);
  }
  const ssd = (from: number, to: number): number => {
    const count = to - from;
    const sum = prefix[to]! - prefix[from]!;
    return prefixSq[to]! - prefixSq[from]! - (sum * sum) / count;
  };
  cost[0]![0] = 0;
  for (let j = 1; j <= k; j++) {
    for (let i = j; i <= n; i++) {
      for (let s = j - 1; s < i; s++) {
        const c = cost[j - 1]![s]! + ssd(s, i);
        if (c < cost[j]![i]!) {
          cost[j]![i] = c;
          back[j]![i] = s;
        }
      }
    }
  }
  const out: number[] = [];
  let end = n;
  for (let j = k; j > 1; j--) {
    const start = back[j]![end]!;
    out.unshift(sorted[start - 1]!);
    end = start;
  }
  return out;
}

/** Strictly rising breaks, except that breaks[1] may equal breaks[0] (the minimum as a class of its own). */
function dedupe(breaks: number[]): number[] {
  return breaks.filter((b, i) => i <= 1 || b > breaks[i - 1]!);
}

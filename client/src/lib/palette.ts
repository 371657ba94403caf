/**
 * Colour-blind-safe palettes.
 * Sequential: ColorBrewer YlGnBu (5 classes), light → dark; safe for the common colour-vision
 * deficiencies and in greyscale. Categorical: Okabe–Ito without black (7, designed
 * for CVD; black is kept for landmarks) followed by five of Paul Tol's muted scheme.
 */
export const SEQUENTIAL_5 = ['#ffffcc', '#a1dab4', '#41b6c4', '#2c7fb8', '#253494'] as const;

export const NO_DATA_COLOR = '#d9d9d9';

export const CATEGORICAL = [
  '#E69F00',
  '#56B4E9',
  '#009E73',
  '#F0E442',
  '#0072B2',
  '#D55E00',
  '#CC79A7',
  '#882255',
  '#44AA99',
  '#999933',
  '#332288',
  '#DDCC77',
] as const;

/** `n` colours of the sequential palette (n ≤ 5), spread over its range. */
export function sequentialColors(n: number): string[] {
  if (n <= 0) return [];
  if (n >= SEQUENTIAL_5.length) return [...SEQUENTIAL_5];
  if (n === 1) return [SEQUENTIAL_5[2]];
  return Array.from({ length: n }, (_, i) => SEQUENTIAL_5[Math.round((i * 4) / (n - 1))]!);
}

/** A stable colour per category, in the order given (cycles after 12). */
export function categoricalColors(categories: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  categories.forEach((c, i) => {
    out[c] = CATEGORICAL[i % CATEGORICAL.length]!;
  });
  return out;
}

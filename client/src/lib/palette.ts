/**
 * Colour-blind-safe palettes.
 * Sequential: ColorBrewer YlGnBu (5 classes), light → dark; safe for the common colour-vision
 * deficiencies and in greyscale. Categorical (the catalog's `categorical` palette, e.g. crafts):
 * Paul Tol's muted and light schemes, without the three Okabe–Ito hues the shipped catalog gives
 * cluster statuses, so no category colour equals a status colour.
 */
export const SEQUENTIAL_5 = ['#ffffcc', '#a1dab4', '#41b6c4', '#2c7fb8', '#253494'] as const;

export const NO_DATA_COLOR = '#d9d9d9';

export const CATEGORICAL = [
  '#CC6677',
  '#332288',
  '#DDCC77',
  '#117733',
  '#AA4499',
  '#44AA99',
  '#999933',
  '#882255',
  '#6699CC',
  '#EE8866',
  '#661100',
  '#888888',
] as const;

/** `n` colours of the sequential palette (n ≤ 5), spread over its range. */
export function sequentialColors(n: number): string[] {
  if (n <= 0) return [];
  if (n >= SEQUENTIAL_5.length) return [...SEQUENTIAL_5];
  if (n === 1) return [SEQUENTIAL_5[2]];
  return Array.from({ length: n }, (_, i) => SEQUENTIAL_5[Math.round((i * 4) / (n - 1))]!);
}

/** A round distance (1, 2 or 5 × 10^n metres) no longer than `maxMeters`, for a scale bar. */
export function niceDistance(maxMeters: number): number {
  if (!(maxMeters > 0)) return 0;
  const pow = 10 ** Math.floor(Math.log10(maxMeters));
  const steps = [5, 2, 1];
  for (const s of steps) if (s * pow <= maxMeters) return s * pow;
  return pow;
}

/** "500 m" or "10 km". */
export function distanceLabel(meters: number, format: (n: number) => string): string {
  return meters >= 1000 ? `${format(meters / 1000)} km` : `${format(meters)} m`;
}

/** Length and area of the measured points (turf: geodesic length, spherical area). Pure. */
import { area, length, lineString, polygon } from '@turf/turf';
import { formatNumber, type Lang } from '../../lib/format';

export type LonLat = [number, number];

export function measure(points: readonly LonLat[]): { km: number; areaM2: number | null } {
  const km = points.length >= 2 ? length(lineString(points.map((p) => [...p])), { units: 'kilometers' }) : 0;
  const areaM2 = points.length >= 3 ? area(polygon([[...points.map((p) => [...p]), [...points[0]!]]])) : null;
  return { km, areaM2 };
}

export function lengthText(km: number, lang: Lang): string {
  return km < 1 ? `${formatNumber(km * 1000, lang, 0)} m` : `${formatNumber(km, lang, 2)} km`;
}

/** Hectares below 100 km², else km² (with hectares too). */
export function areaText(m2: number, lang: Lang): string {
  const ha = m2 / 10_000;
  if (ha < 10_000) return `${formatNumber(ha, lang, 2)} ha`;
  return `${formatNumber(m2 / 1_000_000, lang, 2)} km² (${formatNumber(ha, lang, 0)} ha)`;
}

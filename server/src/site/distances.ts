import { coordAll, distance } from '@turf/turf';
import type { Geometry, Position } from 'geojson';
import { representativePosition } from '../../../geodata/rules/districts';

/**
 * Straight-line distances between features, with the location precision of both ends (issue 15).
 * Pure. Positions are CRS84 [lon, lat]; distances are great-circle kilometres from turf
 * `distance` (haversine, earth radius 6,371.0088 km), so they are what a ruler on a globe says,
 * not a road distance.
 */

/** Where a feature is, for measuring: its representative position and how far the truth may be from it. */
export interface Located {
  coordinates: [number, number];
  /**
   * ± km: the stated `location_uncertainty_km` of an approximate location (0 for a surveyed one),
   * plus, for an area or a line, the farthest vertex from the representative position (the site
   * is all of it). null when an approximate location states no uncertainty.
   */
  uncertaintyKm: number | null;
  /** `location_precision` is not `surveyed`. */
  approximate: boolean;
}

/** A measured distance: km rounded to 0.1, its ± bound rounded up to 0.1, and whether to show "≈". */
export interface Measured {
  km: number;
  uncertaintyKm: number | null;
  approximate: boolean;
}

/** Great-circle distance in km between two [lon, lat] positions (turf). */
export function straightLineKm(a: Position, b: Position): number {
  return distance(a, b, { units: 'kilometers' });
}

/** km rounded to 0.1. */
export const roundKm = (km: number): number => Math.round(km * 10) / 10;
/** A bound rounded up to 0.1 km, so "± 3.1 km" never understates it (float noise 3.0000001 stays 3). */
export const roundUpKm = (km: number): number => Math.ceil(Math.round(km * 1e6) / 1e5) / 10;

/** How far the farthest vertex of a geometry lies from `from` (0 for a point). */
function spreadKm(geometry: Geometry, from: Position): number {
  if (geometry.type === 'Point') return 0;
  let max = 0;
  for (const p of coordAll(geometry)) max = Math.max(max, straightLineKm(from, p));
  return max;
}

/**
 * Locates a feature for measuring. `location_precision: "surveyed"` counts as exact; anything
 * else (approximate, or not stated) as approximate with `location_uncertainty_km` (null when that
 * is not a number). Throws for a geometry without a position (as representativePosition does).
 */
export function locate(geometry: Geometry, properties: Record<string, unknown>): Located {
  const at = representativePosition(geometry);
  const coordinates: [number, number] = [at[0] ?? 0, at[1] ?? 0];
  const spread = spreadKm(geometry, coordinates);
  const approximate = properties.location_precision !== 'surveyed';
  const stated = properties.location_uncertainty_km;
  const own = approximate ? (typeof stated === 'number' && stated >= 0 ? stated : null) : 0;
  return { coordinates, uncertaintyKm: own === null ? null : own + spread, approximate };
}

/**
 * The distance between two located features. The true distance differs from the measured one by
 * at most the sum of both ends' uncertainties (triangle inequality), so that sum is the bound:
 * an approximate cluster (± 3 km) to a surveyed station gives "≈ 12 km ± 3 km". Unknown when
 * either end's uncertainty is. `approximate` is true when either end is, or the bound is not 0.
 */
export function measure(from: Located, to: Located): Measured {
  const km = roundKm(straightLineKm(from.coordinates, to.coordinates));
  const bound =
    from.uncertaintyKm === null || to.uncertaintyKm === null ? null : from.uncertaintyKm + to.uncertaintyKm;
  const uncertaintyKm = bound === null ? null : roundUpKm(bound);
  return { km, uncertaintyKm, approximate: from.approximate || to.approximate || uncertaintyKm !== 0 };
}

import type { Feature } from 'geojson';
import type { LocationPrecision } from '../../../server/src/contract/vocabulary';
import { round5 } from './format';

/** Location fields every point layer carries. */
export interface PointLocation {
  lon: number;
  lat: number;
  location_precision: LocationPrecision;
  location_uncertainty_km: number | null;
  location_method: string;
}

/** Standard method text for a commune centre placed from general knowledge. */
export const COMMUNE_CENTRE_METHOD =
  'placed at the approximate centre of the named commune from general knowledge; no source gives the site';

/** Standard method text for a record that can only be placed at district level. */
export const DISTRICT_LEVEL_METHOD =
  'no source names the commune; placed at the district seat as a district-level location, uncertainty covers most of the district';

/**
 * Builds a GeoJSON Point feature. Properties keep the given key order, with the location
 * fields appended, so the output is deterministic.
 */
export function pointFeature(id: number, loc: PointLocation, properties: Record<string, unknown>): Feature {
  return {
    type: 'Feature',
    id,
    properties: {
      ...properties,
      location_precision: loc.location_precision,
      location_uncertainty_km: loc.location_uncertainty_km,
      location_method: loc.location_method,
    },
    geometry: { type: 'Point', coordinates: [round5(loc.lon), round5(loc.lat)] },
  };
}

/** Shorthand for an approximate location. */
export function approx(lon: number, lat: number, km: number, method: string): PointLocation {
  return {
    lon,
    lat,
    location_precision: 'approximate',
    location_uncertainty_km: km,
    location_method: method,
  };
}

import type { Geometry } from 'geojson';
import { CRS84, type SupportedCrs } from './registry';
import { geometryFromCrs84 } from './transform';

/**
 * GeoJSON Features as JSON texts joined by commas (a store's page, in CRS84) → the same in `crs`
 * (every geometry reprojected, axis order of the CRS). CRS84 returns the text untouched.
 */
export function featuresJsonFromCrs84(featuresJson: string, crs: SupportedCrs): string {
  if (crs === CRS84 || featuresJson === '') return featuresJson;
  const features = JSON.parse(`[${featuresJson}]`) as { geometry: Geometry | null }[];
  for (const f of features) if (f.geometry) f.geometry = geometryFromCrs84(f.geometry, crs);
  return JSON.stringify(features).slice(1, -1);
}

/** The `Content-Crs` header value for `crs` (OGC API – Features Part 2: the URI in angle brackets). */
export function contentCrs(crs: SupportedCrs): string {
  return `<${crs.uri}>`;
}

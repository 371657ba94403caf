import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';

/** One thing wrong with the data. `check` is a constant code; `message` is readable. */
export interface Problem {
  check: string;
  collection: string;
  featureId?: number | string;
  message: string;
}

export type AreaFeature = Feature<Polygon | MultiPolygon>;

/** A district polygon with its GSO code (e.g. "086"). */
export interface DistrictArea {
  code: string;
  name: string;
  feature: AreaFeature;
}

/** One row of indicators.csv, typed. */
export interface IndicatorRecord {
  district_code: string;
  year: number;
  indicator: string;
  value: number;
  unit: string;
  status: string;
  source: string;
}

/** Reads a string property of a feature, or undefined. */
export function stringProp(f: Feature, key: string): string | undefined {
  const v = f.properties?.[key];
  return typeof v === 'string' ? v : undefined;
}

/** Converts district features (with `code` and `name`) into DistrictArea values; skips non-areas. */
export function toDistrictAreas(fc: FeatureCollection): DistrictArea[] {
  const out: DistrictArea[] = [];
  for (const f of fc.features) {
    const t = f.geometry?.type;
    if (t !== 'Polygon' && t !== 'MultiPolygon') continue;
    out.push({
      code: stringProp(f, 'code') ?? '?',
      name: stringProp(f, 'name') ?? '?',
      feature: f as AreaFeature,
    });
  }
  return out;
}

/** A readable label for a feature in messages: its name and id. */
export function label(f: Feature): string {
  const name = stringProp(f, 'name');
  return name ? `"${name}" (id ${String(f.id)})` : `id ${String(f.id)}`;
}

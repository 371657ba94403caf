import type { Feature } from 'geojson';

/** One thing wrong with the data. `check` is a constant code; `message` is readable. */
export interface Problem {
  check: string;
  collection: string;
  featureId?: number | string;
  message: string;
}

/** Reads a string property of a feature, or undefined. */
export function stringProp(f: Feature, key: string): string | undefined {
  const v = f.properties?.[key];
  return typeof v === 'string' ? v : undefined;
}

/** The id of a feature for a problem report, when it has one. */
export function featureIdOf(f: Feature): number | string | undefined {
  return typeof f.id === 'number' || typeof f.id === 'string' ? f.id : undefined;
}

/** A readable label for a feature in messages: its name and id. */
export function label(f: Feature): string {
  const name = stringProp(f, 'name');
  return name ? `"${name}" (id ${String(f.id)})` : `id ${String(f.id)}`;
}

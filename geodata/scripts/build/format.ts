import type { Feature, Geometry } from 'geojson';

/** Rounds a lon/lat number to 5 decimals (about 1 m); -0 becomes 0. */
export function round5(value: number): number {
  const r = Math.round(value * 1e5) / 1e5;
  return Object.is(r, -0) ? 0 : r;
}

function roundPositions(value: unknown): unknown {
  if (typeof value === 'number') return round5(value);
  if (Array.isArray(value)) return value.map(roundPositions);
  return value;
}

/** Returns a copy of the geometry with every coordinate rounded to 5 decimals. */
export function roundGeometry<G extends Geometry>(geometry: G): G {
  if (geometry.type === 'GeometryCollection') throw new Error('GeometryCollection is not used');
  return { ...geometry, coordinates: roundPositions(geometry.coordinates) } as G;
}

/**
 * Serialises a FeatureCollection deterministically: one feature per line, keys in the
 * order the builder created them, coordinates already rounded by the caller.
 */
export function serializeCollection(name: string, features: Feature[]): string {
  const head = JSON.stringify({ type: 'FeatureCollection', name }).slice(0, -1);
  const lines = features.map((f) => JSON.stringify(f));
  return `${head},"features":[\n${lines.join(',\n')}\n]}\n`;
}

import { isJsonObject, jsonEqual } from './json-equal';

/**
 * What changed between two versions of a feature, for the conflict dialog and the history panel.
 * One entry per changed property (`properties.<name>`), in the order of `before` then new names,
 * and one entry `geometry` when the geometry changed at all (coordinates are not itemised).
 * A side where the property is absent is `undefined` (absent in JSON). `null` for a whole feature
 * means "did not exist" (a create or a delete): every property and the geometry are listed.
 */
export interface FeatureChange {
  path: string;
  before: unknown;
  after: unknown;
}

interface FeatureLike {
  geometry?: unknown;
  properties?: unknown;
}

function propertiesOf(f: FeatureLike | null): Record<string, unknown> {
  return f && isJsonObject(f.properties) ? f.properties : {};
}

export function diffFeatures(before: FeatureLike | null, after: FeatureLike | null): FeatureChange[] {
  const a = propertiesOf(before);
  const b = propertiesOf(after);
  const names = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  const changes: FeatureChange[] = [];
  for (const name of names) {
    const was = Object.hasOwn(a, name) ? a[name] : undefined;
    const is = Object.hasOwn(b, name) ? b[name] : undefined;
    if (!jsonEqual(was, is)) changes.push({ path: `properties.${name}`, before: was, after: is });
  }
  const geometryBefore = before ? (before.geometry ?? null) : undefined;
  const geometryAfter = after ? (after.geometry ?? null) : undefined;
  if (!jsonEqual(geometryBefore, geometryAfter)) {
    changes.push({ path: 'geometry', before: geometryBefore, after: geometryAfter });
  }
  return changes;
}

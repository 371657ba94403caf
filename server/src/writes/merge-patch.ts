import { isJsonObject } from './json-equal';

/**
 * RFC 7396 JSON Merge Patch. Returns a new value; neither `target` nor `patch` is modified and
 * the result shares no objects with them. An object patch merges into an object target (or into
 * `{}` when the target is not an object); `null` members delete; any other patch replaces the
 * target whole (arrays are replaced, never merged). A `__proto__` key is an ordinary member.
 */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isJsonObject(patch)) return structuredClone(patch);
  const result: Record<string, unknown> = isJsonObject(target) ? structuredClone(target) : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) {
      delete result[key];
      continue;
    }
    const merged = applyMergePatch(Object.hasOwn(result, key) ? result[key] : undefined, value);
    // defineProperty, not assignment: `result.__proto__ = …` would change the prototype.
    Object.defineProperty(result, key, {
      value: merged,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return result;
}

import { isJsonObject } from './json-equal';
import { applyMergePatch } from './merge-patch';

/**
 * PATCH on a feature: RFC 7396 merge patch, then one normalisation. In a merge patch `null`
 * deletes a member, so `{ "properties": { "commune": null } }` would remove `commune`, yet our
 * schemas require such nullable properties to be present (null = unknown). So a property the
 * patch sets to null that the schema both requires and allows to be null is kept, as null.
 * Anything else follows the RFC. The result still has to pass validateFeatureWrite.
 */
export function applyFeaturePatch(current: object, patch: unknown, schema: object): unknown {
  if (!isJsonObject(schema)) throw new TypeError('schema must be a JSON Schema object');
  const merged = applyMergePatch(current, patch);
  if (!isJsonObject(merged) || !isJsonObject(patch) || !isJsonObject(patch.properties)) return merged;
  if (!isJsonObject(merged.properties)) return merged;
  const properties = merged.properties;
  const declared = isJsonObject(schema.properties) ? schema.properties : {};
  const required = new Set(Array.isArray(schema.required) ? schema.required : []);
  for (const [name, value] of Object.entries(patch.properties)) {
    if (value === null && required.has(name) && allowsNull(declared[name])) properties[name] = null;
  }
  return merged;
}

/** Does this property schema accept null (`type` null or including null, or null in `enum`)? */
function allowsNull(propertySchema: unknown): boolean {
  if (!isJsonObject(propertySchema)) return false;
  const { type } = propertySchema;
  if (type === 'null' || (Array.isArray(type) && type.includes('null'))) return true;
  return type === undefined && Array.isArray(propertySchema.enum) && propertySchema.enum.includes(null);
}

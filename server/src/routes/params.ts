import { type CollectionDef, propertySchema } from '../catalog/catalog';
import { invalidParameter } from '../errors';
import type { Bbox, PropertyFilter } from '../store/feature-store';

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 10_000;

/** `limit` → page size: default 100; above 10,000 is clamped (OGC API Features: never an error). */
export function clampLimit(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_LIMIT;
  return Math.min(Math.max(1, Math.trunc(limit)), MAX_LIMIT);
}

/**
 * `bbox=minLon,minLat,maxLon,maxLat` (CRS84 degrees) → Bbox, or undefined when absent.
 * Throws a 400 naming `bbox` for anything else (wrong count, not numbers, out of range, min > max).
 */
export function parseBbox(value: string | undefined): Bbox | undefined {
  if (value === undefined) return undefined;
  const parts = value.split(',').map((s) => s.trim());
  if (parts.length !== 4) {
    throw invalidParameter(
      'bbox',
      `Parameter 'bbox' must be 4 comma-separated numbers minLon,minLat,maxLon,maxLat (got ${parts.length} values)`,
    );
  }
  const nums = parts.map((s) => (s === '' ? Number.NaN : Number(s)));
  if (nums.some((n) => !Number.isFinite(n))) {
    throw invalidParameter('bbox', "Parameter 'bbox' must contain only numbers");
  }
  const [minLon, minLat, maxLon, maxLat] = nums as Bbox;
  if ([minLon, maxLon].some((x) => x < -180 || x > 180) || [minLat, maxLat].some((y) => y < -90 || y > 90)) {
    throw invalidParameter(
      'bbox',
      "Parameter 'bbox' is out of range: longitudes −180..180, latitudes −90..90 (CRS84 lon,lat order)",
    );
  }
  if (minLon > maxLon || minLat > maxLat) {
    throw invalidParameter(
      'bbox',
      "Parameter 'bbox' must have minLon ≤ maxLon and minLat ≤ maxLat (boxes across the antimeridian are not supported)",
    );
  }
  return [minLon, minLat, maxLon, maxLat];
}

/** `q` → trimmed free text or undefined; at most 200 characters. */
export function parseQ(value: string | undefined): string | undefined {
  const q = value?.trim();
  if (!q) return undefined;
  if (q.length > 200) throw invalidParameter('q', "Parameter 'q' must be at most 200 characters");
  return q;
}

function schemaTypes(schema: Record<string, unknown> | undefined): string[] {
  const type = schema?.type;
  return Array.isArray(type) ? type.map(String) : typeof type === 'string' ? [type] : ['string'];
}

/** One filter value, typed from the property's JSON Schema; throws 400 naming the parameter. */
export function parseFilterValue(
  collection: CollectionDef,
  name: string,
  raw: string,
): PropertyFilter['value'] {
  const schema = propertySchema(collection, name);
  const types = schemaTypes(schema);
  let value: PropertyFilter['value'] = raw;
  if (types.includes('integer') && /^-?\d+$/.test(raw)) value = Number(raw);
  else if (types.includes('number') && raw.trim() !== '' && Number.isFinite(Number(raw))) value = Number(raw);
  else if (types.includes('boolean') && (raw === 'true' || raw === 'false')) value = raw === 'true';
  else if (!types.includes('string')) {
    throw invalidParameter(
      name,
      `Parameter '${name}' must be of type ${types.filter((t) => t !== 'null').join(' or ')}`,
    );
  }
  const allowed = Array.isArray(schema?.enum) ? schema.enum : undefined;
  if (allowed && !allowed.includes(value)) {
    throw invalidParameter(
      name,
      `Parameter '${name}' must be one of: ${allowed.filter((v) => v !== null).join(', ')}`,
    );
  }
  return value;
}

/**
 * Property filters from the query: every parameter not in `reserved` must be a queryable of this
 * collection (the route schema already rejected names no collection defines).
 */
export function parseFilters(
  collection: CollectionDef,
  query: Record<string, unknown>,
  reserved: readonly string[],
): PropertyFilter[] {
  const filters: PropertyFilter[] = [];
  for (const [name, raw] of Object.entries(query)) {
    if (reserved.includes(name) || raw === undefined) continue;
    if (!collection.queryables.includes(name)) {
      throw invalidParameter(
        name,
        `Parameter '${name}' is not a queryable of collection '${collection.id}' (queryables: ${collection.queryables.join(', ')})`,
      );
    }
    filters.push({ property: name, value: parseFilterValue(collection, name, String(raw)) });
  }
  return filters;
}

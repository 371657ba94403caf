import { type CollectionDef, propertySchema } from '../catalog/catalog';
import { filterableNames } from '../cql2/queryables';
import { invalidParameter } from '../errors';
import type { Bbox, PropertyFilter } from '../store/feature-store';

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 10_000;
/** Largest `limit` accepted (then served as MAX_LIMIT, as OGC API – Features asks) and largest `offset`. */
export const MAX_LIMIT_PARAM = 1_000_000;
export const MAX_OFFSET = 1_000_000_000;

/**
 * Numbers in the query and path. Every route parameter a route schema declares `integer` or
 * `number` is parsed here (plugins/numeric-params.ts calls these before schema validation), as
 * are bbox and numeric queryables, so one rule holds everywhere:
 * - integers: ASCII digits, no sign, no leading zero, no exponent, no point (`-` only where the
 *   range allows negatives), a safe integer within the schema's minimum…maximum;
 * - numbers: the same plus an optional fraction and exponent (`-12.5`, `1.5e-5`; what GDAL's
 *   `%.18g` writes), finite, at most 40 characters, within the range;
 * - one value: a repeated parameter (`limit=5&limit=6`) is refused.
 * Anything else (`1e19`, `Infinity`, `NaN`, `0x10`, `+5`, `5.0` for an integer, `٥`, empty,
 * spaces) is a 400 InvalidParameterValue naming the parameter.
 */
export interface NumberRange {
  min?: number;
  max?: number;
}

const INTEGER = /^-?(0|[1-9][0-9]{0,15})$/;
const DECIMAL = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]{1,3})?$/;

function rangeText(range: NumberRange): string {
  const { min, max } = range;
  if (min !== undefined && max !== undefined) return ` from ${min} to ${max}`;
  if (min !== undefined) return ` ≥ ${min}`;
  if (max !== undefined) return ` ≤ ${max}`;
  return '';
}

/** Integer text → safe integer, or undefined when not in the strict form or out of range. */
export function toInteger(raw: string, range: NumberRange = {}): number | undefined {
  if (!INTEGER.test(raw) || raw === '-0') return undefined;
  const n = Number(raw);
  if (!Number.isSafeInteger(n)) return undefined;
  if ((range.min !== undefined && n < range.min) || (range.max !== undefined && n > range.max))
    return undefined;
  return n;
}

/** Decimal text → finite number, or undefined when not in the strict form or out of range. */
export function toDecimal(raw: string, range: NumberRange = {}): number | undefined {
  if (raw.length > 40 || !DECIMAL.test(raw)) return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n)) return undefined;
  if ((range.min !== undefined && n < range.min) || (range.max !== undefined && n > range.max))
    return undefined;
  return n;
}

function single(name: string, raw: unknown): string {
  if (Array.isArray(raw)) throw invalidParameter(name, `Parameter '${name}' must be given once`);
  return String(raw);
}

/** A query/path integer parameter (see above); throws 400 naming it. */
export function parseIntegerParam(name: string, raw: unknown, range: NumberRange = {}): number {
  const n = toInteger(single(name, raw), range);
  if (n === undefined) {
    throw invalidParameter(name, `Parameter '${name}' must be a whole number${rangeText(range)}, in digits`);
  }
  return n;
}

/** A query/path number parameter (see above); throws 400 naming it. */
export function parseNumberParam(name: string, raw: unknown, range: NumberRange = {}): number {
  const n = toDecimal(single(name, raw), range);
  if (n === undefined) {
    throw invalidParameter(
      name,
      `Parameter '${name}' must be a decimal number${rangeText(range)}, e.g. 22.5`,
    );
  }
  return n;
}

/** `limit` → page size: default 100; above 10,000 is clamped (OGC API Features: never an error). */
export function clampLimit(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_LIMIT;
  return Math.min(Math.max(1, Math.trunc(limit)), MAX_LIMIT);
}

/**
 * `bbox` → its 4 or 6 numbers as given (the axis order of `bbox-crs`; with 6 the third and sixth
 * are heights), or undefined when absent. Throws a 400 naming `bbox` for another count or a value
 * that is not a decimal number; ranges are checked once the box is in CRS84 (routes/items-query.ts).
 */
export function parseBbox(value: string | undefined): number[] | undefined {
  if (value === undefined) return undefined;
  const parts = value.split(',').map((s) => s.trim());
  if (parts.length !== 4 && parts.length !== 6) {
    throw invalidParameter(
      'bbox',
      `Parameter 'bbox' must be 4 or 6 comma-separated numbers, e.g. minLon,minLat,maxLon,maxLat (got ${parts.length} values)`,
    );
  }
  const nums = parts.map((s) => toDecimal(s) ?? Number.NaN);
  if (nums.some((n) => Number.isNaN(n))) {
    throw invalidParameter('bbox', "Parameter 'bbox' must contain only decimal numbers such as 103.5");
  }
  return nums;
}

/**
 * A CRS84 box (lon, lat; minLon > maxLon crosses the antimeridian) → the boxes it covers: itself,
 * or its two halves either side of ±180°. Throws a 400 naming `bbox` when out of range or when
 * minLat > maxLat.
 */
export function crs84Boxes(box: readonly [number, number, number, number]): Bbox[] {
  const [minLon, minLat, maxLon, maxLat] = box;
  if ([minLon, maxLon].some((x) => x < -180 || x > 180) || [minLat, maxLat].some((y) => y < -90 || y > 90)) {
    throw invalidParameter(
      'bbox',
      "Parameter 'bbox' is out of range: longitudes −180..180, latitudes −90..90 (CRS84 lon,lat order unless bbox-crs says otherwise)",
    );
  }
  if (minLat > maxLat) throw invalidParameter('bbox', "Parameter 'bbox' must have its lower latitude first");
  if (minLon <= maxLon) return [[minLon, minLat, maxLon, maxLat]];
  return [
    [minLon, minLat, 180, maxLat],
    [-180, minLat, maxLon, maxLat],
  ];
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
  const asInteger = types.includes('integer') ? toInteger(raw) : undefined;
  const asNumber = types.includes('number') ? toDecimal(raw) : undefined;
  if (asInteger !== undefined) value = asInteger;
  else if (asNumber !== undefined) value = asNumber;
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
    const queryables = filterableNames(collection);
    if (!queryables.includes(name)) {
      throw invalidParameter(
        name,
        `Parameter '${name}' is not a queryable of collection '${collection.id}' (queryables: ${queryables.join(', ')})`,
      );
    }
    filters.push({ property: name, value: parseFilterValue(collection, name, single(name, raw)) });
  }
  return filters;
}

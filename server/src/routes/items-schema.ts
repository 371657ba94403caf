import { type TOptional, type TSchema, Type } from 'typebox';
import { type CollectionDef, propertySchema } from '../catalog/catalog';
import { sortablesOf } from '../catalog/sortables';
import { FILTER_LANGS } from '../cql2/parse';
import { filterableNames } from '../cql2/queryables';
import { supportedCrsUris } from '../crs/registry';
import { EXPORT_FORMATS } from '../export/formats';
import { MAX_SORT_KEYS } from '../params/sortby';
import { temporalProperty } from '../params/temporal';
import { querySchema } from './common';
import { DEFAULT_LIMIT, MAX_LIMIT, MAX_LIMIT_PARAM, MAX_OFFSET } from './params';

/** A queryable's JSON Schema as a query parameter: its type (without null), range and enum. */
function queryableParam(collection: CollectionDef, name: string): TSchema {
  const schema = propertySchema(collection, name) ?? {};
  const raw = schema.type;
  const types = (Array.isArray(raw) ? raw : [raw]).filter((t) => t !== 'null' && typeof t === 'string');
  const type = types.length === 1 ? types[0] : 'string';
  const param: Record<string, unknown> = {
    type: type === 'integer' || type === 'number' || type === 'boolean' ? type : 'string',
    description: `Equals filter on property ${name}${typeof schema.title === 'string' ? ` (${schema.title})` : ''}`,
  };
  for (const key of ['minimum', 'maximum', 'format'] as const) if (key in schema) param[key] = schema[key];
  if (Array.isArray(schema.enum)) param.enum = schema.enum.filter((v) => v !== null);
  return Type.Unsafe(param);
}

/** The items query of one collection: paging, bbox, q, filter, datetime, sortby, crs and its own queryables. */
export function itemsQuerySchema(collection: CollectionDef) {
  const queryables: Record<string, TOptional<TSchema>> = {};
  for (const name of filterableNames(collection))
    queryables[name] = Type.Optional(queryableParam(collection, name));
  const crsList = supportedCrsUris();
  const temporal = temporalProperty(collection);
  return querySchema({
    f: Type.Optional(
      Type.Enum(['json', 'geojson', ...Object.keys(EXPORT_FORMATS)], {
        description: `Output format: json or geojson (a page, the default), or a download of every matching feature in CRS84 (limit and offset honoured when given): ${Object.entries(
          EXPORT_FORMATS,
        )
          .map(([f, d]) => `${f} (${d.title})`)
          .join(', ')}`,
      }),
    ),
    limit: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: MAX_LIMIT_PARAM,
        description: `Page size, default ${DEFAULT_LIMIT}; values above ${MAX_LIMIT} are served as ${MAX_LIMIT}`,
      }),
    ),
    offset: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: MAX_OFFSET,
        description: 'Features to skip (paging; follow the next link)',
      }),
    ),
    bbox: Type.Optional(
      Type.String({
        description:
          'minLon,minLat,maxLon,maxLat (or 6 numbers with heights, ignored) in CRS84 unless bbox-crs is given; minLon > maxLon crosses the antimeridian',
      }),
    ),
    'bbox-crs': Type.Optional(
      Type.Enum(crsList, { description: 'CRS of bbox (its axis order); default CRS84' }),
    ),
    datetime: Type.Optional(
      Type.String({
        description: temporal
          ? `An RFC 3339 instant or interval (open ends ..); filters on the year in '${temporal}'`
          : 'An RFC 3339 instant or interval (open ends ..); this collection has no temporal property, so every feature matches',
      }),
    ),
    filter: Type.Optional(
      Type.String({
        description: `CQL2 filter on the queryables (${filterableNames(collection).join(', ')}) and geometry`,
      }),
    ),
    'filter-lang': Type.Optional(Type.Enum([...FILTER_LANGS], { description: 'Default cql2-text' })),
    'filter-crs': Type.Optional(
      Type.Enum(crsList, { description: 'CRS of spatial literals in filter; default CRS84' }),
    ),
    crs: Type.Optional(Type.Enum(crsList, { description: "CRS of the answer's geometries; default CRS84" })),
    sortby: Type.Optional(
      Type.String({
        description: `Order (OGC API – Features Part 8): up to ${MAX_SORT_KEYS} comma-separated sortables (${sortablesOf(
          collection,
        )
          .map((s) => s.name)
          .join(
            ', ',
          )}; see /sortables), each optionally prefixed + (ascending, the default) or - (descending), e.g. -${sortablesOf(collection)[0]?.name ?? 'name'}; ties by id, so paging with offset is stable; text in Vietnamese alphabet order (case and tones aside), missing values first ascending`,
      }),
    ),
    q: Type.Optional(
      Type.String({
        description: 'Free text; every word must match; ignores case and Vietnamese diacritics',
      }),
    ),
    ...queryables,
  });
}

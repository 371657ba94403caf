import { type CollectionDef, propertySchema } from '../catalog/catalog';
import type { ScalarType } from './ast';

/** The name CQL2 filters use for a feature's geometry (as pygeoapi and ldproxy do). */
export const GEOMETRY_QUERYABLE = 'geometry';

/** What a filter may name in one collection: its queryables with their types, and the geometry. */
export interface Queryables {
  collection: string;
  /** Queryable name → type derived from its JSON Schema (catalog order). */
  properties: ReadonlyMap<string, ScalarType>;
  /** The spatial queryable, usable only inside S_INTERSECTS. */
  geometry: string;
}

/** The scalar type of a JSON Schema property definition (`null` in a type list is ignored). */
export function scalarTypeOf(schema: Record<string, unknown> | undefined): ScalarType {
  const raw = schema?.type;
  const types = (Array.isArray(raw) ? raw : [raw]).filter((t): t is string => typeof t === 'string');
  if (types.includes('integer') || types.includes('number')) return 'number';
  if (types.includes('boolean')) return 'boolean';
  if (schema?.format === 'date') return 'date';
  if (schema?.format === 'date-time') return 'timestamp';
  return 'string';
}

const filterable = new WeakMap<CollectionDef, readonly string[]>();

/**
 * The properties a request may filter on (OGC API – Features Part 3 queryables: /queryables, the
 * equality parameters, CQL2): the catalog's `queryables`, then the label and the free-text search
 * properties (names, communes: what QGIS and GDAL users filter on, with ACCENTI for Vietnamese),
 * each once and only when the properties schema defines it.
 */
export function filterableNames(collection: CollectionDef): readonly string[] {
  let names = filterable.get(collection);
  if (!names) {
    const all = [...collection.queryables, collection.label, ...collection.search];
    names = Object.freeze([...new Set(all)].filter((n) => propertySchema(collection, n) !== undefined));
    filterable.set(collection, names);
  }
  return names;
}

/** The queryables of a catalog collection (filterableNames, typed from its properties schema). */
export function queryablesOf(collection: CollectionDef): Queryables {
  return {
    collection: collection.id,
    properties: new Map(
      filterableNames(collection).map((name) => [name, scalarTypeOf(propertySchema(collection, name))]),
    ),
    geometry: GEOMETRY_QUERYABLE,
  };
}

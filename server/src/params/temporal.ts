import { type CollectionDef, propertySchema } from '../catalog/catalog';
import type { Cql2Expression, Operand } from '../cql2/ast';
import { type DatetimeInterval, intervalYears } from './datetime';

/**
 * The property `datetime` filters on in this collection (the catalog's `temporal`, a year held as
 * an integer), or undefined when the collection has none. A catalog naming a property that is not
 * an integer year is a programming error (throws at the first request, caught by the API tests).
 */
export function temporalProperty(collection: CollectionDef): string | undefined {
  const name = collection.temporal;
  if (name === undefined) return undefined;
  const type = propertySchema(collection, name)?.type;
  const types = Array.isArray(type) ? type : [type];
  if (!types.includes('integer')) {
    throw new Error(`Catalog: temporal property '${name}' of '${collection.id}' must be an integer year`);
  }
  return name;
}

/**
 * `datetime` as a condition on the collection's temporal property: a feature of year Y (the whole
 * calendar year, UTC) matches when Y lies within the years the interval touches; a feature
 * without a year does not match. Undefined when the collection has no temporal property: then
 * every feature matches any valid `datetime` (OGC API – Features Part 1, 7.15.4).
 */
export function datetimeCondition(
  collection: CollectionDef,
  interval: DatetimeInterval,
): Cql2Expression | undefined {
  const name = temporalProperty(collection);
  if (name === undefined) return undefined;
  const { from, to } = intervalYears(interval);
  const year: Operand = { kind: 'property', name, type: 'number', casei: false, accenti: false };
  const literal = (value: number): Operand => ({ kind: 'literal', type: 'number', value });
  if (from !== undefined && to !== undefined)
    return { op: 'between', value: year, low: literal(from), high: literal(to) };
  if (from !== undefined) return { op: '>=', left: year, right: literal(from) };
  if (to !== undefined) return { op: '<=', left: year, right: literal(to) };
  return { op: 'not', arg: { op: 'isNull', value: year } };
}

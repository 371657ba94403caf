/**
 * What a collection's hints mean for one feature or value: its colour (a fixed palette, or the
 * categorical palette over the values present), its point symbol (`symbolBy`), the values its
 * legend lists. Pure; the map's style builders and the legends both read these, so the legend
 * always shows the map's own symbols.
 */
import type { ApiFeature, PointSymbol } from '../../../server/src/contract/api';
import { enumValues } from '../api/schema';
import { CATEGORICAL } from '../lib/palette';
import type { CatalogCollection } from './catalog';

/** Colours per value of the `colorBy` property; empty without one. */
export type ValueColors = Readonly<Record<string, string>>;

/**
 * The values of a property present in the features, in schema enum order, then any value the
 * enum does not list (in order of appearance). Empty values are left out.
 */
export function presentValues(
  c: CatalogCollection,
  property: string,
  features: readonly ApiFeature[],
): string[] {
  const present = new Set(features.map((f) => String(f.properties?.[property] ?? '')));
  const order = enumValues(c.schema, property);
  return [...order.filter((v) => present.has(v)), ...[...present].filter((v) => v && !order.includes(v))];
}

/**
 * The colour of each value of `colorBy`: the fixed palette as given, or the categorical palette
 * given to the values present in all features (schema order), so colours stay put under filters
 * and a long enum does not exhaust the palette.
 */
export function valueColors(c: CatalogCollection, features: readonly ApiFeature[]): ValueColors {
  const by = c.display.colorBy;
  if (!by) return {};
  if (typeof by.palette === 'object') return by.palette;
  return Object.fromEntries(
    presentValues(c, by.property, features).map((v, i) => [v, CATEGORICAL[i % CATEGORICAL.length]!]),
  );
}

/** A value's colour (the layer's `color` for values the palette does not list). */
export function colorOf(c: CatalogCollection, colors: ValueColors, value: string | undefined): string {
  return (value !== undefined && colors[value]) || c.display.color;
}

/** A value's point symbol (`symbolBy`, else the layer's symbol). */
export function symbolOf(c: CatalogCollection, value: string | undefined): PointSymbol {
  const own = c.display.symbolBy?.symbols[value ?? ''];
  return own ?? pointSymbol(c);
}

/** The layer's own point symbol (`symbol`; an area symbol falls back to a circle). */
export function pointSymbol(c: CatalogCollection): PointSymbol {
  const s = c.display.symbol;
  return s === 'fill' || s === 'outline' ? 'circle' : s;
}

/** The property a `categories` legend lists: the colour property, else the symbol property. */
export function legendProperty(c: CatalogCollection): string | undefined {
  return c.display.colorBy?.property ?? c.display.symbolBy?.property;
}

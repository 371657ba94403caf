import type { CatalogCollection } from '../../../geodata/rules/catalog';
import type { IndicatorFileRow, IndicatorRow } from '../../../geodata/rules/indicator-rows';
import type { LocalizedText } from '../contract/api';
import type { SourceLang } from '../contract/vocabulary';

export type { IndicatorFileRow, IndicatorRow };

/** A JSON Schema object (draft 2020-12) as read from geodata/schema. */
export type JsonSchema = Record<string, unknown>;

/**
 * One collection of the catalog (geodata/schema/collections.json with its defaults applied, see
 * geodata/rules/catalog.ts) plus its properties schema.
 */
export interface CollectionDef extends CatalogCollection {
  /** The collection's `<id>.schema.json`: JSON Schema of a feature's `properties`. */
  propertiesSchema: JsonSchema;
}

/** One entry of geodata/schema/indicators.json. */
export interface IndicatorDef {
  id: string;
  title: LocalizedText;
  unit: LocalizedText;
  description?: LocalizedText;
  computed: boolean;
}

/** Everything the server knows about collections and indicators; built once at start. */
export interface Catalog {
  collections: readonly CollectionDef[];
  indicators: readonly IndicatorDef[];
  /** The collection with this id, or undefined. */
  collection(id: string): CollectionDef | undefined;
  /**
   * The language of an indicator source citation's words, as geodata/indicators.csv declares it
   * for that text (its `source_lang` column); null when no shipped row cites it (an imported
   * source): unknown, and the UI marks nothing.
   */
  citationLang(source: string): SourceLang | null;
}

/** A feature as shipped in geodata/*.geojson, tagged with its collection. */
export interface SeedFeature {
  collection: string;
  id: number;
  properties: Record<string, unknown>;
  geometry: import('geojson').Geometry;
}

export interface SeedData {
  features: SeedFeature[];
  indicators: IndicatorRow[];
}

export function makeCatalog(
  collections: CollectionDef[],
  indicators: IndicatorDef[],
  citationLangs: ReadonlyMap<string, SourceLang> = new Map(),
): Catalog {
  const byId = new Map(collections.map((c) => [c.id, c]));
  return {
    collections: Object.freeze([...collections]),
    indicators: Object.freeze([...indicators]),
    collection: (id) => byId.get(id),
    citationLang: (source) => citationLangs.get(source) ?? null,
  };
}

/**
 * Each source text of the rows and its declared language; a text declared in two languages (or
 * once without one) is left out, so it is unknown rather than wrong.
 */
export function citationLangsOf(rows: readonly IndicatorFileRow[]): Map<string, SourceLang> {
  const seen = new Map<string, SourceLang | null>();
  for (const r of rows) {
    const lang = r.source_lang ?? null;
    const before = seen.get(r.source);
    seen.set(r.source, before === undefined || before === lang ? lang : null);
  }
  return new Map([...seen].flatMap(([text, lang]) => (lang ? [[text, lang] as const] : [])));
}

/** The JSON Schema (property definition) of one property, or undefined. */
export function propertySchema(collection: CollectionDef, name: string): JsonSchema | undefined {
  const props = collection.propertiesSchema.properties;
  if (!props || typeof props !== 'object') return undefined;
  const value = (props as Record<string, unknown>)[name];
  return value && typeof value === 'object' ? (value as JsonSchema) : undefined;
}

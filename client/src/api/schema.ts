import type { LocalizedText } from '../../../server/src/contract/api';
import type { Lang } from '../lib/format';

/** The subset of a collection's JSON Schema (geodata/schema/<id>.schema.json) the UI reads. */
export interface PropertyDef {
  type?: string | string[];
  title?: string;
  'x-title-vi'?: string;
  'x-unit'?: LocalizedText;
  'x-enum-titles'?: Record<string, LocalizedText>;
  'x-computed'?: boolean;
  'x-widget'?: 'textarea' | 'year' | 'url' | string;
  /** The language the text values are written in, when it is not the UI's (e.g. 'en' notes). */
  'x-text-lang'?: string;
  /** A source citation: its words are in the record's `source_lang` (geodata/rules/citation-lang.ts). */
  'x-citation'?: boolean;
  /** A site fact (issue 15): its own source and confidence properties, and values sharing them. */
  'x-fact'?: { source: string; confidence: string; with?: string[] };
  enum?: unknown[];
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  items?: { type?: string; minLength?: number; maxLength?: number };
}

/** A collection's property schema: the details panel reads labels, the editor's form reads the rest. */
export interface PropertySchema {
  title?: string;
  'x-title-vi'?: string;
  properties?: Record<string, PropertyDef>;
  required?: string[];
}

/** The label of a property in the language, falling back to its name. */
export function propertyLabel(schema: PropertySchema | undefined, name: string, lang: Lang): string {
  const def = schema?.properties?.[name];
  if (!def) return name;
  return (lang === 'vi' ? def['x-title-vi'] : def.title) ?? def.title ?? name;
}

export function propertyUnit(
  schema: PropertySchema | undefined,
  name: string,
  lang: Lang,
): string | undefined {
  return schema?.properties?.[name]?.['x-unit']?.[lang];
}

/** The title of an enum value in the language, falling back to the raw value. */
export function enumTitle(
  schema: PropertySchema | undefined,
  name: string,
  value: unknown,
  lang: Lang,
): string {
  const titles = schema?.properties?.[name]?.['x-enum-titles'];
  const key = String(value);
  return titles?.[key]?.[lang] ?? key;
}

/** The enum values of a property, in schema order (empty when not an enum). */
export function enumValues(schema: PropertySchema | undefined, name: string): string[] {
  const def = schema?.properties?.[name];
  return (def?.enum ?? []).filter((v): v is string => typeof v === 'string');
}

/** Whether a property is a source citation (schema `x-citation`). */
export function isCitation(schema: PropertySchema | undefined, name: string): boolean {
  return schema?.properties?.[name]?.['x-citation'] === true;
}

/**
 * The language a property's text values are written in: a citation's is its record's
 * `source_lang` (absent → unknown), any other's what the schema says (`x-text-lang`, e.g. 'en').
 */
export function textLanguage(
  schema: PropertySchema | undefined,
  name: string,
  properties: Record<string, unknown>,
): string | undefined {
  if (isCitation(schema, name)) {
    const lang = properties.source_lang;
    return typeof lang === 'string' ? lang : undefined;
  }
  return schema?.properties?.[name]?.['x-text-lang'];
}

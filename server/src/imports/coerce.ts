import type { JsonSchema } from '../catalog/catalog';
import { normalizeText } from '../contract/text';
import { isJsonObject } from '../writes/json-equal';
import type { SourceValue } from './source';

/**
 * A cell as the value its property's JSON Schema wants (issue 14), best effort: what cannot be
 * read as the wanted type is passed on unchanged, so the schema check reports it with the same
 * codes as a form would. Read are: numbers with a decimal comma or dot and thousands separators
 * ("1.302", "22,48", "1 302,5"), booleans in Vietnamese and English ("có", "không", "x", "yes"),
 * enum values by their code or their title in either language (`x-enum-titles`), lists as JSON
 * or separated by ";", and empty cells as null where the property may be null.
 */

function typesOf(schema: JsonSchema | undefined): string[] {
  const t = schema?.type;
  return Array.isArray(t) ? t.map(String) : typeof t === 'string' ? [t] : [];
}

/** "1.302", "1,302", "22,48", "1 302,5", "-3.5" → number; undefined when the text is not a number. */
export function parseNumber(text: string, integer: boolean): number | undefined {
  let t = text.trim().replace(/[\s\u00a0]/g, '');
  if (!/^[+-]?[\d.,]+$/.test(t) || !/\d/.test(t)) return undefined;
  const lastDot = t.lastIndexOf('.');
  const lastComma = t.lastIndexOf(',');
  if (lastDot >= 0 && lastComma >= 0) {
    const decimal = lastDot > lastComma ? '.' : ',';
    const thousands = decimal === '.' ? ',' : '.';
    t = t.split(thousands).join('').replace(decimal, '.');
  } else if (lastComma >= 0 || lastDot >= 0) {
    const sep = lastComma >= 0 ? ',' : '.';
    const groups = /^[+-]?\d{1,3}([.,]\d{3})+$/.test(t) && t.split(sep).length > 1;
    // "1.302" in an integer column is one thousand three hundred and two; elsewhere a decimal.
    if (groups && (integer || t.split(sep).length > 2)) t = t.split(sep).join('');
    else if (t.split(sep).length === 2) t = t.replace(sep, '.');
    else return undefined;
  }
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

const TRUE_WORDS = new Set(['true', 'yes', 'y', 'co', 'dung', 'x', '1', 'c']);
const FALSE_WORDS = new Set(['false', 'no', 'n', 'khong', 'sai', '0', 'k']);

function parseBoolean(text: string): boolean | undefined {
  const t = normalizeText(text);
  if (TRUE_WORDS.has(t)) return true;
  if (FALSE_WORDS.has(t)) return false;
  return undefined;
}

/** Per enum schema: every normalised name (code, code with spaces, titles in both languages) → code. */
const enumNames = new WeakMap<JsonSchema, Map<string, string>>();

function namesOf(schema: JsonSchema): Map<string, string> {
  const cached = enumNames.get(schema);
  if (cached) return cached;
  const names = new Map<string, string>();
  const allowed = Array.isArray(schema.enum)
    ? schema.enum.filter((v): v is string => typeof v === 'string')
    : [];
  const titles = isJsonObject(schema['x-enum-titles'])
    ? (schema['x-enum-titles'] as Record<string, unknown>)
    : {};
  for (const v of allowed) {
    const t = titles[v];
    for (const n of [v, v.replace(/_/g, ' '), ...(isJsonObject(t) ? [t.vi, t.en] : [])]) {
      if (typeof n === 'string' && !names.has(normalizeText(n))) names.set(normalizeText(n), v);
    }
  }
  enumNames.set(schema, names);
  return names;
}

/** An enum value given by its code or by its Vietnamese or English title. */
function enumValue(schema: JsonSchema, text: string): string | undefined {
  if (Array.isArray(schema.enum) && schema.enum.includes(text)) return text;
  return namesOf(schema).get(normalizeText(text));
}

function coerceText(text: string, schema: JsonSchema, types: string[]): unknown {
  const t = text.trim();
  if (t === '') return types.includes('null') ? null : types.includes('string') ? '' : undefined;
  if (types.includes('array')) {
    if (t.startsWith('[')) {
      try {
        return JSON.parse(t);
      } catch {
        return t;
      }
    }
    const items = isJsonObject(schema.items) ? (schema.items as JsonSchema) : {};
    return t.split(';').map((part) => coerceValue(part, items) ?? part.trim());
  }
  if (types.includes('object') && t.startsWith('{')) {
    try {
      return JSON.parse(t);
    } catch {
      return t;
    }
  }
  if (schema.enum !== undefined) return enumValue(schema, t) ?? t;
  if (types.includes('integer') || types.includes('number')) {
    const n = parseNumber(t, !types.includes('number'));
    if (n !== undefined) return n;
  }
  if (types.includes('boolean')) {
    const b = parseBoolean(t);
    if (b !== undefined) return b;
  }
  return types.includes('string') ? t : text;
}

/**
 * The value for a property with JSON Schema `schema` from a cell (undefined: leave the property
 * out — an empty cell of a property that can be neither null nor text).
 */
export function coerceValue(raw: SourceValue | undefined, schema: JsonSchema | undefined): unknown {
  const s = schema ?? {};
  const types = typesOf(s);
  if (raw === null || raw === undefined) return types.includes('null') ? null : undefined;
  if (typeof raw === 'string') return coerceText(raw, s, types);
  if (typeof raw === 'number') {
    if (types.includes('number') || (types.includes('integer') && Number.isInteger(raw))) return raw;
    if (types.includes('boolean') && (raw === 0 || raw === 1)) return raw === 1;
    if (types.includes('string')) return coerceText(String(raw), s, types);
    return raw;
  }
  if (types.includes('boolean')) return raw;
  return types.includes('string') ? String(raw) : raw;
}

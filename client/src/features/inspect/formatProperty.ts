import type { PropertySchema } from '../../api/schema';
import { enumTitle, propertyUnit } from '../../api/schema';
import { formatNumber, formatWithUnit, type Lang } from '../../lib/format';
import { safeHref } from '../../lib/safeLink';

/** Properties shown in the provenance block or the heading, not among the attributes. */
export const PROVENANCE_KEYS = new Set([
  'name',
  'name_en',
  'source',
  'source_url',
  'source_lang',
  'confidence',
  'location_precision',
  'location_uncertainty_km',
  'location_method',
]);

export type DisplayValue = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

const YEAR_LIKE = /(^|_)(year|nam)$/;

/** GSO and district codes (`code`, `district_code`, …). */
function isCode(key: string): boolean {
  return key === 'code' || key.endsWith('_code');
}

/**
 * A property value as readable text in the language: numbers formatted (years left plain), units
 * appended, enum values by their schema titles, booleans as yes/no, arrays joined. null/'' → undefined.
 * URLs become links only through safeHref (http(s) only).
 */
export function formatProperty(
  schema: PropertySchema | undefined,
  key: string,
  value: unknown,
  lang: Lang,
  yesNo: { yes: string; no: string },
): DisplayValue | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  if (typeof value === 'boolean') return { kind: 'text', text: value ? yesNo.yes : yesNo.no };
  if (typeof value === 'number') {
    if (YEAR_LIKE.test(key) || isCode(key)) return { kind: 'text', text: String(value) };
    return { kind: 'text', text: formatWithUnit(value, propertyUnit(schema, key, lang), lang) };
  }
  if (Array.isArray(value)) {
    const items = value.map((v) =>
      typeof v === 'number' ? formatNumber(v, lang) : enumTitle(schema, key, v, lang),
    );
    return items.length ? { kind: 'text', text: items.join(', ') } : undefined;
  }
  if (typeof value === 'string') {
    const href = safeHref(value);
    if (href) return { kind: 'link', text: value, href };
    // Codes show as codes (089), not as the name their vocabulary gives them.
    if (isCode(key)) return { kind: 'text', text: value };
    return { kind: 'text', text: enumTitle(schema, key, value, lang) };
  }
  return { kind: 'text', text: JSON.stringify(value) };
}

/** Splits a citation into text and http(s) URL parts, so URLs can be links (never HTML). */
export function splitCitation(source: string): DisplayValue[] {
  return source
    .split(/(https?:\/\/[^\s;,)]+)/g)
    .filter((part) => part !== '')
    .map((part) => {
      const href = safeHref(part);
      return href ? { kind: 'link', text: part, href } : { kind: 'text', text: part };
    });
}

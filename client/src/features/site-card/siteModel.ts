/**
 * The site card's rows, read from the collection's schema (`x-fact` annotations, issue 15) and the
 * feature: no property or collection is named here. A fact without a value is "not published"
 * (null), never a number made up; each value comes with its own source and confidence. Pure.
 */
import type { ApiFeature, SiteConfig, SiteDistance } from '../../../../server/src/contract/api';
import { type PropertySchema, propertyLabel, textLanguage } from '../../api/schema';
import type { Lang } from '../../lib/format';
import { type DisplayValue, formatProperty, PROVENANCE_KEYS } from '../inspect/formatProperty';

export interface FactRow {
  key: string;
  label: string;
  /** The value (with the values sharing its provenance, e.g. the year), or null: not published. */
  value: DisplayValue | null;
  /** Values of `with` properties (e.g. "2021"), each labelled. */
  extra: { label: string; value: DisplayValue }[];
  source: string | null;
  /** The language of the value's text (schema `x-text-lang`) and of its source's words (`source_lang`). */
  valueLang: string | undefined;
  sourceLang: string | undefined;
  confidence: string | null;
  /** The raw number, for comparisons (best of a row). */
  number: number | null;
  unit: string | null;
}

export interface DistanceRow {
  key: string;
  title: string;
  distance: SiteDistance | null;
}

const YES_NO = { vi: { yes: 'Có', no: 'Không' }, en: { yes: 'Yes', no: 'No' } };

function hasValue(v: unknown): boolean {
  if (v === null || v === undefined) return false;
  if (typeof v === 'string') return v.trim() !== '';
  if (Array.isArray(v)) return v.length > 0;
  return true;
}

function text(v: unknown): string | null {
  return typeof v === 'string' && v.trim() !== '' ? v : null;
}

/** The properties that are some fact's provenance or companion (not rows of their own). */
function factMembers(schema: PropertySchema | undefined): Set<string> {
  const members = new Set<string>();
  for (const def of Object.values(schema?.properties ?? {})) {
    const f = def['x-fact'];
    if (!f) continue;
    members.add(f.source);
    members.add(f.confidence);
    for (const w of f.with ?? []) members.add(w);
  }
  return members;
}

/** Identity rows (type, district…): the schema's enumerated properties that are no fact's part. */
export function identityRows(
  schema: PropertySchema | undefined,
  feature: ApiFeature,
  lang: Lang,
): { key: string; label: string; value: DisplayValue | null }[] {
  const members = factMembers(schema);
  return Object.entries(schema?.properties ?? {})
    .filter(([k, def]) => def.enum && !def['x-fact'] && !members.has(k) && !PROVENANCE_KEYS.has(k))
    .map(([k]) => ({
      key: k,
      label: propertyLabel(schema, k, lang),
      value: formatProperty(schema, k, feature.properties?.[k], lang, YES_NO[lang]) ?? null,
    }));
}

/** One row per fact of the schema, in schema order. */
export function factRows(schema: PropertySchema | undefined, feature: ApiFeature, lang: Lang): FactRow[] {
  const p = feature.properties ?? {};
  return Object.entries(schema?.properties ?? {}).flatMap(([key, def]) => {
    const f = def['x-fact'];
    if (!f) return [];
    const raw = p[key];
    const value = hasValue(raw) ? (formatProperty(schema, key, raw, lang, YES_NO[lang]) ?? null) : null;
    const extra = (f.with ?? []).flatMap((w) => {
      const v = formatProperty(schema, w, p[w], lang, YES_NO[lang]);
      return v ? [{ label: propertyLabel(schema, w, lang), value: v }] : [];
    });
    const valued = value !== null || extra.length > 0;
    return [
      {
        key,
        label: propertyLabel(schema, key, lang),
        value,
        extra,
        source: valued ? text(p[f.source]) : null,
        valueLang: value ? textLanguage(schema, key, p) : undefined,
        sourceLang: textLanguage(schema, f.source, p),
        confidence: valued ? text(p[f.confidence]) : null,
        number: typeof raw === 'number' ? raw : null,
        unit: def['x-unit']?.[lang] ?? null,
      },
    ];
  });
}

/** One row per measure of the catalog's `site` hint, with the API's figure for it (never recomputed). */
export function distanceRows(config: SiteConfig, feature: ApiFeature, lang: Lang): DistanceRow[] {
  const byKey = new Map((feature.site?.distances ?? []).map((d) => [d.key, d]));
  return config.measures.map((m) => ({
    key: m.key,
    title: m.title[lang],
    distance: byKey.get(m.key) ?? null,
  }));
}

/** Every property the site card shows (facts, their provenance and companions, identity rows). */
export function siteCardKeys(schema: PropertySchema | undefined): Set<string> {
  const keys = factMembers(schema);
  for (const [k, def] of Object.entries(schema?.properties ?? {})) {
    if (def['x-fact'] || (def.enum && !PROVENANCE_KEYS.has(k))) keys.add(k);
  }
  return keys;
}

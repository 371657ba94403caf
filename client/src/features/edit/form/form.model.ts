import type { LocalizedText } from '../../../../../server/src/contract/api';
import type { PropertyDef, PropertySchema } from '../../../api/schema';

/** The schema types are defined once, in api/schema.ts; re-exported for the form's users. */
export type { PropertyDef, PropertySchema };

export type FieldKind =
  | 'text'
  | 'textarea'
  | 'url'
  | 'number'
  | 'integer'
  | 'year'
  | 'select'
  | 'checkbox'
  | 'stringList';

export interface EnumOption {
  /** `null` is the "none" choice of a nullable vocabulary. */
  value: string | null;
  title: LocalizedText;
}

/** A form field derived from one schema property. */
export interface FieldDef {
  name: string;
  label: LocalizedText;
  kind: FieldKind;
  required: boolean;
  nullable: boolean;
  computed: boolean;
  /** Set by the server from the feature's location when left empty (or contradicted): `district_code`. */
  fromLocation: boolean;
  unit?: LocalizedText;
  options?: EnumOption[];
  def: PropertyDef;
}

/** What an input holds: text for text/number/select inputs, a flag, or a list of strings. */
export type FormValue = string | boolean | string[];
export type FormValues = Record<string, FormValue>;

function types(def: PropertyDef): string[] {
  if (Array.isArray(def.type)) return def.type;
  return def.type ? [def.type] : [];
}

function kindOf(def: PropertyDef, t: string[]): FieldKind {
  if (def.enum) return 'select';
  if (t.includes('boolean')) return 'checkbox';
  if (t.includes('array')) return 'stringList';
  if (t.includes('integer')) return def['x-widget'] === 'year' ? 'year' : 'integer';
  if (t.includes('number')) return 'number';
  if (def['x-widget'] === 'textarea') return 'textarea';
  if (def['x-widget'] === 'url' || def.format === 'uri') return 'url';
  return 'text';
}

/**
 * Properties the server sets from the location (server/src/validation/district.validation.ts): the
 * form may leave them empty, and says that the location decides.
 */
const FROM_LOCATION = new Set(['district_code']);

/** The form fields of a schema, in schema order. */
export function fieldsFromSchema(schema: PropertySchema): FieldDef[] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).map(([name, def]) => {
    const t = types(def);
    const kind = kindOf(def, t);
    const nullable = t.includes('null') || (def.enum ?? []).includes(null);
    const titles = def['x-enum-titles'] ?? {};
    const options =
      kind === 'select'
        ? (def.enum ?? [])
            .filter((v): v is string | null => typeof v === 'string' || v === null)
            .map((v) => ({
              value: v,
              title: v === null ? { vi: '', en: '' } : (titles[v] ?? { vi: v, en: v }),
            }))
        : undefined;
    const en = def.title ?? name;
    return {
      name,
      label: { en, vi: def['x-title-vi'] ?? en },
      kind,
      required: required.has(name),
      nullable,
      computed: def['x-computed'] === true,
      fromLocation: FROM_LOCATION.has(name),
      unit: def['x-unit'],
      options,
      def,
    };
  });
}

/** Whether the field must be filled in (required, not nullable, and not a string that may be empty). */
export function mustFill(field: FieldDef): boolean {
  if (!field.required || field.nullable || field.computed || field.fromLocation) return false;
  if (field.kind === 'checkbox' || field.kind === 'stringList') return false;
  if (field.kind === 'text' || field.kind === 'textarea') return (field.def.minLength ?? 0) > 0;
  return true;
}

/** The value an input starts with for a stored property value. */
export function toFormValue(field: FieldDef, value: unknown): FormValue {
  switch (field.kind) {
    case 'checkbox':
      return value === true;
    case 'stringList':
      return Array.isArray(value) ? value.map((v) => String(v)) : [];
    default:
      return value === null || value === undefined ? '' : String(value);
  }
}

export function toFormValues(fields: FieldDef[], properties: Record<string, unknown>): FormValues {
  return Object.fromEntries(fields.map((f) => [f.name, toFormValue(f, properties[f.name])]));
}

/**
 * Reads a number typed in either locale: one decimal separator, `.` or `,` (vi writes 1,5);
 * no thousands separators. Undefined when the text is not such a number.
 */
export function parseDecimal(text: string): number | undefined {
  const s = text.trim();
  if (!/^[-+]?(\d+([.,]\d*)?|[.,]\d+)$/.test(s)) return undefined;
  const n = Number(s.replace(',', '.'));
  return Number.isFinite(n) ? n : undefined;
}

/**
 * The property value an input stands for. Empty text is `null` for a nullable field (else the
 * empty string, which validation reports). Numbers that do not parse stay as the typed text, so
 * the server's validation would reject them too; the form never sends them (validateForm first).
 */
export function fromFormValue(field: FieldDef, value: FormValue): unknown {
  if (field.kind === 'checkbox') return value === true;
  if (field.kind === 'stringList') {
    return (Array.isArray(value) ? value : []).map((s) => s.trim()).filter((s) => s !== '');
  }
  const text = typeof value === 'string' ? value : '';
  const blank = text.trim() === '';
  if (blank) return field.nullable ? null : field.kind === 'select' ? null : '';
  if (field.kind === 'number' || field.kind === 'integer' || field.kind === 'year') {
    return parseDecimal(text) ?? text;
  }
  if (field.kind === 'select') return text;
  return field.kind === 'textarea' ? text : text.trim();
}

/**
 * The feature properties for the form's values: the original properties (so computed and
 * unknown ones stay as they were) with every editable field replaced by its input.
 */
export function toProperties(
  fields: FieldDef[],
  values: FormValues,
  original: Record<string, unknown> = {},
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...original };
  for (const f of fields) {
    if (f.computed) continue;
    const v = values[f.name];
    if (v === undefined) continue;
    out[f.name] = fromFormValue(f, v);
  }
  return out;
}

/** The properties whose value differs from `original` (a merge patch's `properties`). */
export function changedProperties(
  next: Record<string, unknown>,
  original: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(next)) {
    if (JSON.stringify(v) !== JSON.stringify(original[k] ?? null) || !(k in original)) out[k] = v;
  }
  return out;
}

/** Maps a server field path (`properties.area_ha`, `properties.industries/0`) to a form field name. */
export function fieldOfPath(path: string): string {
  if (!path.startsWith('properties.') && !path.startsWith('properties/'))
    return path.split(/[./]/)[0] ?? path;
  const rest = path.slice('properties.'.length);
  return rest.split(/[./[]/)[0] ?? rest;
}

import {
  type FieldDef,
  type FormValues,
  fieldsFromSchema,
  type PropertySchema,
  parseDecimal,
} from './form.model';

/** Why a field's input is not acceptable; `params` fill the localized message. Constant codes. */
export type FieldIssueCode =
  | 'required'
  | 'minLength'
  | 'maxLength'
  | 'notNumber'
  | 'notInteger'
  | 'minimum'
  | 'maximum'
  | 'exclusiveMinimum'
  | 'exclusiveMaximum'
  | 'notUrl'
  | 'notInList'
  | 'emptyItem';

export interface FieldIssue {
  code: FieldIssueCode;
  params?: Record<string, string | number>;
}

export type FormIssues = Record<string, FieldIssue>;

function isUrl(text: string): boolean {
  try {
    const u = new URL(text);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

function checkNumber(field: FieldDef, text: string): FieldIssue | undefined {
  const n = parseDecimal(text);
  if (n === undefined) return { code: 'notNumber' };
  if (field.kind !== 'number' && !Number.isInteger(n)) return { code: 'notInteger' };
  const d = field.def;
  if (d.minimum !== undefined && n < d.minimum) return { code: 'minimum', params: { limit: d.minimum } };
  if (d.maximum !== undefined && n > d.maximum) return { code: 'maximum', params: { limit: d.maximum } };
  if (d.exclusiveMinimum !== undefined && n <= d.exclusiveMinimum) {
    return { code: 'exclusiveMinimum', params: { limit: d.exclusiveMinimum } };
  }
  if (d.exclusiveMaximum !== undefined && n >= d.exclusiveMaximum) {
    return { code: 'exclusiveMaximum', params: { limit: d.exclusiveMaximum } };
  }
  return undefined;
}

function checkText(field: FieldDef, text: string): FieldIssue | undefined {
  const d = field.def;
  const length = [...text].length;
  if (d.minLength !== undefined && length < d.minLength) {
    return d.minLength === 1 ? { code: 'required' } : { code: 'minLength', params: { limit: d.minLength } };
  }
  if (d.maxLength !== undefined && length > d.maxLength)
    return { code: 'maxLength', params: { limit: d.maxLength } };
  if (field.kind === 'url' && !isUrl(text.trim())) return { code: 'notUrl' };
  return undefined;
}

/** The issue of one field's input, or undefined when it is acceptable. Computed fields never have one. */
export function validateField(
  field: FieldDef,
  value: FormValues[string] | undefined,
): FieldIssue | undefined {
  if (field.computed) return undefined;
  if (field.kind === 'checkbox') return undefined;
  if (field.kind === 'stringList') {
    const list = Array.isArray(value) ? value : [];
    if (list.some((s) => s.trim() === '')) return { code: 'emptyItem' };
    return undefined;
  }
  const text = typeof value === 'string' ? value.trim() : '';
  if (text === '') {
    if (field.nullable || field.fromLocation) return undefined;
    // A required string without minLength may be empty (e.g. notes: "").
    if (field.kind === 'text' || field.kind === 'textarea') {
      return field.def.minLength ? { code: 'required' } : undefined;
    }
    return { code: 'required' };
  }
  switch (field.kind) {
    case 'number':
    case 'integer':
    case 'year':
      return checkNumber(field, text);
    case 'select':
      return field.options?.some((o) => o.value === text) ? undefined : { code: 'notInList' };
    default:
      return checkText(field, text);
  }
}

/**
 * Checks the form's values against the collection's schema as the user types:
 * `{ field: issue }` for every field that is not acceptable (empty object = valid).
 * Mirrors the server's schema checks that a form can see (types, vocabularies, required, lengths,
 * ranges); the server stays the authority (its 422 `errors[]` are shown next to the same fields).
 */
export function validateForm(schema: PropertySchema | FieldDef[], values: FormValues): FormIssues {
  const fields = Array.isArray(schema) ? schema : fieldsFromSchema(schema);
  const out: FormIssues = {};
  for (const f of fields) {
    const issue = validateField(f, values[f.name]);
    if (issue) out[f.name] = issue;
  }
  return out;
}

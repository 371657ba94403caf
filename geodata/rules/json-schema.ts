import Ajv2020, { type ErrorObject } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

/**
 * Our annotation keywords in geodata/schema (labels, units, enum titles, computed, widget,
 * `x-text-lang`: the language a free-text property's values are written in, when not Vietnamese,
 * `x-fact`: a value with its own source and confidence, see rules/facts.ts, and `x-citation`: a
 * citation, whose words are in the record's `source_lang`, see rules/citation-lang.ts).
 */
export const SCHEMA_ANNOTATIONS = [
  'x-title-vi',
  'x-unit',
  'x-enum-titles',
  'x-computed',
  'x-widget',
  'x-text-lang',
  'x-fact',
  'x-citation',
] as const;

/**
 * A web address that may become a link: absolute `http:` or `https:` with a host, no spaces or
 * control characters. Our `format: uri` (and `iri`) means this, so a stored `javascript:`,
 * `data:` or `file:` URL is refused in the shipped data and in every edit.
 */
export function isWebUrl(value: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what we refuse.
  if (/[\u0000-\u0020\u007f]/.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/**
 * The one JSON Schema compiler of the data checks and the server: ajv for draft 2020-12, strict,
 * every error reported, formats (date, …; `uri` and `iri` as isWebUrl), and our annotation
 * keywords known.
 */
export function createAjv(): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats(ajv);
  for (const format of ['uri', 'iri']) ajv.addFormat(format, { type: 'string', validate: isWebUrl });
  ajv.addVocabulary([...SCHEMA_ANNOTATIONS]);
  return ajv;
}

/** A problem with one value of a list (`index` 1-based), e.g. a CSV data row. */
export interface RowProblem {
  row: number;
  message: string;
}

/** One readable line per ajv error: where, what, and the allowed values of an enum. */
export function describeSchemaError(e: ErrorObject, root: string): string {
  const allowed = Array.isArray(e.params.allowedValues)
    ? ` (one of: ${e.params.allowedValues.join(', ')})`
    : '';
  const extra = e.keyword === 'additionalProperties' ? ` (${String(e.params.additionalProperty)})` : '';
  return `${e.instancePath || root} ${e.message ?? 'is invalid'}${allowed}${extra}`;
}

/** Validates every value of `rows` against `schema`; [] when all are valid. Rows are numbered from 1. */
export function validateEach(
  rows: readonly unknown[],
  schema: object,
  ajv: Ajv2020 = createAjv(),
): RowProblem[] {
  const validate = ajv.compile(schema);
  const problems: RowProblem[] = [];
  rows.forEach((row, i) => {
    if (validate(row)) return;
    for (const e of validate.errors ?? [])
      problems.push({ row: i + 1, message: describeSchemaError(e, '(row)') });
  });
  return problems;
}

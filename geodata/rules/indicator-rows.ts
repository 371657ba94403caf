import type Ajv2020 from 'ajv/dist/2020';
import type { Confidence, SourceLang } from '../../server/src/contract/vocabulary';
import { csvField, parseCsv } from './csv';
import { createAjv, type RowProblem, validateEach } from './json-schema';

/**
 * One row of geodata/indicators.csv, the only definition of it (the build writes it, the checks
 * and the server read it, the store keeps it). Its JSON Schema is geodata/schema/indicators.schema.json.
 */
export interface IndicatorRow {
  /** GSO district code ("080"…"089"), or PROVINCE_CODE for a province total. */
  district_code: string;
  year: number;
  indicator: string;
  value: number;
  unit: string;
  status: Confidence;
  source: string;
}

/**
 * A row of the file: a stored row and, in geodata/indicators.csv, the language of its source's
 * words (rules/citation-lang.ts; the catalog keeps it, the store does not). Optional: a file
 * without the column (an import, a test fixture) has rows of unknown language.
 */
export interface IndicatorFileRow extends IndicatorRow {
  source_lang?: SourceLang;
}

/** A row as read from the file, before validation: any text in `status` and `source_lang`, NaN for a non-number. */
export type RawIndicatorRow = Omit<IndicatorRow, 'status'> & { status: string; source_lang?: string };

/** The columns of indicators.csv, in file order. */
export const INDICATOR_COLUMNS = [
  'district_code',
  'year',
  'indicator',
  'value',
  'unit',
  'status',
  'source',
] as const satisfies readonly (keyof IndicatorRow)[];

export const INDICATOR_HEADER = INDICATOR_COLUMNS.join(',');

/** The header of a file that also gives each row's `source_lang` (geodata/indicators.csv). */
export const INDICATOR_HEADER_WITH_LANG = `${INDICATOR_HEADER},source_lang`;

/** District code of the province-total rows. */
export const PROVINCE_CODE = '10';

/**
 * Reads indicators.csv text into rows with `year` and `value` as numbers (NaN when not numeric)
 * and the other columns as given, unchecked (`readIndicatorRows` also validates them); an empty
 * `source_lang` is left out. Throws when the header is neither INDICATOR_HEADER nor
 * INDICATOR_HEADER_WITH_LANG, or a quote is unclosed.
 */
export function parseIndicatorRows(text: string): RawIndicatorRow[] {
  const [head, ...rows] = parseCsv(text);
  const header = head?.join(',');
  if (header !== INDICATOR_HEADER && header !== INDICATOR_HEADER_WITH_LANG) {
    throw new Error(
      `indicators.csv header must be exactly: ${INDICATOR_HEADER} (optionally followed by ,source_lang)`,
    );
  }
  return rows.map((fields) => {
    const [
      district_code = '',
      year = '',
      indicator = '',
      value = '',
      unit = '',
      status = '',
      source = '',
      source_lang = '',
    ] = fields;
    const num = (s: string) => (s.trim() === '' ? Number.NaN : Number(s));
    const row = { district_code, year: num(year), indicator, value: num(value), unit, status, source };
    return source_lang === '' ? row : { ...row, source_lang };
  });
}

/**
 * Reads and validates indicators.csv text against the row JSON Schema (geodata/schema/
 * indicators.schema.json): the typed rows, or every problem found (header, quoting, or rows).
 */
export function readIndicatorRows(
  text: string,
  schema: object,
  ajv: Ajv2020 = createAjv(),
): { valid: true; rows: IndicatorFileRow[] } | { valid: false; problems: RowProblem[] } {
  let rows: RawIndicatorRow[];
  try {
    rows = parseIndicatorRows(text);
  } catch (err) {
    return { valid: false, problems: [{ row: 0, message: (err as Error).message }] };
  }
  const problems = validateEach(rows, schema, ajv);
  // The schema's `status` and `source_lang` enums are CONFIDENCE and SOURCE_LANGS (checked by
  // geodata:check), so valid rows are IndicatorFileRows.
  return problems.length === 0
    ? { valid: true, rows: rows as IndicatorFileRow[] }
    : { valid: false, problems };
}

/**
 * Rows as indicators.csv text: the header, then one line per row; LF line endings. With
 * `source_lang` (the column and each row's value) when any row has one.
 */
export function serializeIndicatorRows(rows: readonly IndicatorFileRow[]): string {
  const withLang = rows.some((r) => r.source_lang !== undefined);
  const lines = rows.map((r) => {
    const cells = INDICATOR_COLUMNS.map((c) => csvField(r[c]));
    return (withLang ? [...cells, csvField(r.source_lang ?? '')] : cells).join(',');
  });
  return `${withLang ? INDICATOR_HEADER_WITH_LANG : INDICATOR_HEADER}\n${lines.join('\n')}\n`;
}

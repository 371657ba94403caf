import type Ajv2020 from 'ajv/dist/2020';
import type { Confidence } from '../../server/src/contract/vocabulary';
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

/** A row as read from the file, before validation: any text in `status`, NaN for a non-number. */
export type RawIndicatorRow = Omit<IndicatorRow, 'status'> & { status: string };

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

/** District code of the province-total rows. */
export const PROVINCE_CODE = '10';

/**
 * Reads indicators.csv text into rows with `year` and `value` as numbers (NaN when not numeric)
 * and the other columns as given, unchecked (`readIndicatorRows` also validates them).
 * Throws when the header is not INDICATOR_HEADER or a quote is unclosed.
 */
export function parseIndicatorRows(text: string): RawIndicatorRow[] {
  const [head, ...rows] = parseCsv(text);
  if (head?.join(',') !== INDICATOR_HEADER) {
    throw new Error(`indicators.csv header must be exactly: ${INDICATOR_HEADER}`);
  }
  return rows.map((fields) => {
    const [district_code = '', year = '', indicator = '', value = '', unit = '', status = '', source = ''] =
      fields;
    const num = (s: string) => (s.trim() === '' ? Number.NaN : Number(s));
    return { district_code, year: num(year), indicator, value: num(value), unit, status, source };
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
): { valid: true; rows: IndicatorRow[] } | { valid: false; problems: RowProblem[] } {
  let rows: RawIndicatorRow[];
  try {
    rows = parseIndicatorRows(text);
  } catch (err) {
    return { valid: false, problems: [{ row: 0, message: (err as Error).message }] };
  }
  const problems = validateEach(rows, schema, ajv);
  // The schema's `status` enum is CONFIDENCE (checked by geodata:check), so valid rows are IndicatorRows.
  return problems.length === 0 ? { valid: true, rows: rows as IndicatorRow[] } : { valid: false, problems };
}

/** Rows as indicators.csv text: the header, then one line per row; LF line endings. */
export function serializeIndicatorRows(rows: readonly IndicatorRow[]): string {
  const lines = rows.map((r) => INDICATOR_COLUMNS.map((c) => csvField(r[c])).join(','));
  return `${INDICATOR_HEADER}\n${lines.join('\n')}\n`;
}

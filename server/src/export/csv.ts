import Papa from 'papaparse';
import type { Cell } from './rows';

/**
 * CSV for spreadsheets (issue 14): UTF-8 with a BOM (so Excel reads Vietnamese), CRLF rows,
 * fields quoted where needed (papaparse), and text that a spreadsheet would run as a formula
 * (starting with = + - @ or a tab/CR) prefixed with an apostrophe — the import removes it again.
 * Numbers and booleans are written as they are (a negative number is not text).
 */

export const CSV_BOM = '\ufeff';

/** A text cell that starts like a formula, made inert. */
export function neutralised(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function text(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'string') return neutralised(value);
  return String(value);
}

/** Rows as CSV lines (each ends with CRLF). */
export function csvLines(rows: readonly Cell[][]): string {
  if (rows.length === 0) return '';
  return `${Papa.unparse(
    rows.map((r) => r.map(text)),
    { newline: '\r\n', quotes: false },
  )}\r\n`;
}

import type { IndicatorRecord } from './problem';

/**
 * Minimal RFC 4180 CSV parser: comma separated, double-quoted fields may hold commas, quotes ("")
 * and newlines. Returns rows of raw strings; the first row is the header. Throws on an unclosed quote.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  while (i < body.length) {
    const ch = body[i];
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else field += ch;
      i += 1;
      continue;
    }
    if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && body[i + 1] === '\n') i += 1;
      row.push(field);
      if (row.length > 1 || row[0] !== '') rows.push(row);
      row = [];
      field = '';
    } else field += ch;
    i += 1;
  }
  if (quoted) throw new Error('CSV: unclosed quoted field');
  row.push(field);
  if (row.length > 1 || row[0] !== '') rows.push(row);
  return rows;
}

/**
 * Parses indicators.csv text into typed rows. `year` and `value` become numbers (NaN when not
 * numeric, which the schema check reports). Throws when the header is not the expected one.
 */
export function parseIndicatorsCsv(text: string, header: string): IndicatorRecord[] {
  const [head, ...rows] = parseCsv(text);
  if (head?.join(',') !== header) throw new Error(`indicators.csv header must be exactly: ${header}`);
  return rows.map((fields) => {
    const [district_code = '', year = '', indicator = '', value = '', unit = '', status = '', source = ''] =
      fields;
    return { district_code, year: Number(year), indicator, value: Number(value), unit, status, source };
  });
}

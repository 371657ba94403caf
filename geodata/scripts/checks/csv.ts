import type { IndicatorRecord } from './problem';

/** Splits one CSV line into fields (RFC 4180 quotes, no embedded newlines). */
export function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(field);
      field = '';
    } else field += c;
  }
  out.push(field);
  return out;
}

/**
 * Parses indicators.csv text into typed rows. `year` and `value` become numbers (NaN when not
 * numeric, which the schema check reports). Throws when the header is not the expected one.
 */
export function parseIndicatorsCsv(text: string, header: string): IndicatorRecord[] {
  const lines = text.split('\n').filter((l) => l.length > 0);
  if (lines[0] !== header) throw new Error(`indicators.csv header must be exactly: ${header}`);
  return lines.slice(1).map((line) => {
    const [district_code = '', year = '', indicator = '', value = '', unit = '', status = '', source = ''] =
      splitCsvLine(line);
    return { district_code, year: Number(year), indicator, value: Number(value), unit, status, source };
  });
}

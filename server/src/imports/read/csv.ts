import Papa from 'papaparse';
import { decodeText, type EncodingChoice } from '../encoding';
import { MAX_IMPORT_ROWS } from '../limits';
import { ImportFileError, type SourceTable } from '../source';
import { uniqueColumns, unneutralised } from './columns';

/**
 * CSV (papaparse): the encoding decoded or detected (encoding.ts), the delimiter guessed among
 * `, ; TAB |` (Vietnamese Excel writes `;`), the first row as the header. A quote left open and
 * rows with another number of fields than the header (ragged rows) make the whole file
 * malformed (400), naming the first such row; blank lines are skipped.
 */
export function readCsv(bytes: Uint8Array, encoding: EncodingChoice): SourceTable {
  const { text, report } = decodeText(bytes, encoding);
  const parsed = Papa.parse<string[]>(text, {
    header: false,
    skipEmptyLines: 'greedy',
    delimitersToGuess: [',', ';', '\t', '|'],
  });
  const quoting = parsed.errors.find((e) => e.type === 'Quotes');
  if (quoting) {
    throw new ImportFileError(400, 'MalformedCsv', `the CSV is malformed at row ${(quoting.row ?? 0) + 1}`, {
      row: (quoting.row ?? 0) + 1,
      reason: quoting.message,
    });
  }
  const [header, ...rows] = parsed.data;
  if (!header || rows.length === 0) throw new ImportFileError(422, 'NoRows', 'the file holds no data rows');
  if (rows.length > MAX_IMPORT_ROWS) {
    throw new ImportFileError(413, 'TooManyRows', `more than ${MAX_IMPORT_ROWS} rows`, {
      limit: MAX_IMPORT_ROWS,
    });
  }
  const ragged = rows.flatMap((r, i) =>
    r.length === header.length ? [] : [{ row: i + 2, fields: r.length }],
  );
  const first = ragged[0];
  if (first) {
    throw new ImportFileError(400, 'RaggedRows', `row ${first.row} has ${first.fields} fields`, {
      row: first.row,
      fields: first.fields,
      expected: header.length,
      count: ragged.length,
    });
  }
  const columns = uniqueColumns(header);
  const delimiter = parsed.meta.delimiter === '\t' ? 'tab' : `“${parsed.meta.delimiter}”`;
  return {
    format: 'csv',
    columns,
    records: rows.map((r, i) => ({
      row: i + 2,
      values: Object.fromEntries(columns.map((c, j) => [c, unneutralised(r[j] ?? '')])),
    })),
    encoding: report,
    notes: [`delimiter ${delimiter}`],
  };
}

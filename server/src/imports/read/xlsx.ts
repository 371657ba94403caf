import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { detectFontEncoding, type EncodingChoice, type EncodingReport, fontDecoded } from '../encoding';
import { MAX_IMPORT_ROWS } from '../limits';
import { ImportFileError, type SourceRecord, type SourceTable, type SourceValue } from '../source';
import { uniqueColumns } from './columns';

/** A cell value of exceljs as a plain value: rich text joined, a formula's cached result, a link's text, a date as YYYY-MM-DD. */
export function cellValue(value: ExcelJS.CellValue): SourceValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('result' in value) return cellValue((value.result ?? null) as ExcelJS.CellValue);
  if ('formula' in value || 'sharedFormula' in value) return null;
  if ('text' in value && typeof value.text === 'string') return value.text;
  if ('error' in value) return null;
  return null;
}

/** Text cells converted from a TCVN3 font when that was asked for or detected. */
function withFontEncoding(table: SourceTable, choice: EncodingChoice): SourceTable {
  const samples = table.records
    .slice(0, 2000)
    .flatMap((r) => Object.values(r.values).filter((v) => typeof v === 'string'));
  const report: EncodingReport =
    choice === 'auto'
      ? detectFontEncoding([...table.columns, ...samples])
      : { used: choice === 'tcvn3' ? 'tcvn3' : 'utf-8', detected: false, confident: true, alternatives: [] };
  if (report.used !== 'tcvn3') return { ...table, encoding: report };
  const fix = (v: SourceValue) => (typeof v === 'string' ? fontDecoded(v) : v);
  const columns = uniqueColumns(table.columns.map(fontDecoded));
  return {
    ...table,
    columns,
    encoding: report,
    records: table.records.map((r) => ({
      ...r,
      values: Object.fromEntries(
        table.columns.map((c, i) => [columns[i] as string, fix(r.values[c] ?? null)]),
      ),
    })),
  };
}

export { withFontEncoding };

/**
 * XLSX (exceljs, streaming reader: rows are read one at a time, so a large sheet is never held
 * as a whole document): the first worksheet that has rows; its first non-empty row is the
 * header. A file that is not a readable workbook is malformed (400).
 */
export async function readXlsx(bytes: Uint8Array, encoding: EncodingChoice): Promise<SourceTable> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(Buffer.from(bytes)), {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
    entries: 'emit',
  });
  let header: string[] | undefined;
  let sheetName = '';
  const records: SourceRecord[] = [];
  try {
    for await (const sheet of reader) {
      for await (const row of sheet) {
        const cells = (row.values as ExcelJS.CellValue[]).slice(1).map(cellValue);
        if (cells.every((c) => c === null || c === '')) continue;
        if (!header) {
          header = uniqueColumns(cells);
          sheetName = (sheet as unknown as { name?: string }).name ?? '';
          continue;
        }
        if (records.length >= MAX_IMPORT_ROWS) {
          throw new ImportFileError(413, 'TooManyRows', `more than ${MAX_IMPORT_ROWS} rows`, {
            limit: MAX_IMPORT_ROWS,
          });
        }
        const columns = header;
        records.push({
          row: row.number,
          values: Object.fromEntries(columns.map((c, i) => [c, cells[i] ?? null])),
        });
      }
      if (header) break;
    }
  } catch (err) {
    if (err instanceof ImportFileError) throw err;
    throw new ImportFileError(400, 'UnreadableFile', 'not a readable XLSX workbook', {
      format: 'XLSX',
      reason: (err as Error).message.slice(0, 200),
    });
  }
  if (!header || records.length === 0)
    throw new ImportFileError(422, 'NoRows', 'the file holds no data rows');
  const table: SourceTable = {
    format: 'xlsx',
    columns: header,
    records,
    encoding: { used: 'utf-8', detected: true, confident: true, alternatives: [] },
    notes: sheetName ? [`sheet “${sheetName}”`] : [],
  };
  return withFontEncoding(table, encoding);
}

import ExcelJS from 'exceljs';
import { INDICATOR_COLUMNS, PROVINCE_CODE } from '../../../geodata/rules/indicator-rows';
import type { IndicatorValuesResponse } from '../contract/api';
import { CSV_BOM, csvLines } from './csv';
import type { Cell } from './rows';

/**
 * One indicator's values as a table (issue 16): the columns of geodata/indicators.csv (so a
 * download imports again) with the district's name after its code; one row per district, then the
 * province total when there is one. Computed indicators have no year (empty cell).
 */
export const INDICATOR_TABLE_COLUMNS = [
  'district_code',
  'district_name',
  ...INDICATOR_COLUMNS.slice(1),
] as const;

export function indicatorRows(v: IndicatorValuesResponse): Cell[][] {
  const rows: Cell[][] = v.values.map((d) => [
    d.district_code,
    d.district_name,
    v.year,
    v.indicator,
    d.value,
    v.unit.en,
    d.status,
    d.source,
  ]);
  if (v.province)
    rows.push([
      PROVINCE_CODE,
      'Lào Cai',
      v.year,
      v.indicator,
      v.province.value,
      v.unit.en,
      v.province.status,
      v.province.source,
    ]);
  return rows;
}

/** CSV for spreadsheets: UTF-8 with BOM, CRLF, quoted where needed, formula-leading text neutralised. */
export function indicatorCsv(v: IndicatorValuesResponse): string {
  return CSV_BOM + csvLines([[...INDICATOR_TABLE_COLUMNS], ...indicatorRows(v)]);
}

/** The same table as an XLSX workbook (one sheet named after the indicator, typed cells). */
export async function indicatorXlsx(v: IndicatorValuesResponse): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(v.indicator.slice(0, 31));
  sheet.addRow([...INDICATOR_TABLE_COLUMNS]);
  for (const row of indicatorRows(v)) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

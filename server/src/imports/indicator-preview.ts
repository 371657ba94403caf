import type { IndicatorRow } from '../catalog/catalog';
import { normalizeText } from '../contract/text';
import type { ImportWarningCode, ProblemFieldCode } from '../contract/vocabulary';
import { parseNumber } from './coerce';
import type { EncodingChoice, EncodingReport } from './encoding';
import { messageFor } from './messages';
import { ImportFileError, type SourceTable, type SourceValue } from './source';

/**
 * Indicator imports (issue 14, admin): official per-district figures in the long format
 * `district_code, year, indicator, value, unit, source` replace stored ones. The preview compares
 * each row with the value stored now and runs the province-totals check: where the article gives
 * a province total, the districts' values after the import must add up to it, else a warning
 * names the difference (official figures may differ from the article — shown, never silently
 * accepted). Runs in a worker thread like feature previews.
 */

export interface IndicatorPreviewInput {
  bytes: Uint8Array;
  format: 'csv' | 'xlsx';
  encoding: EncodingChoice;
  /** Stored (not computed) indicators: id, titles, and the unit their rows use. */
  indicators: { id: string; unit: string; names: string[] }[];
  /** District codes, and the code of province-total rows. */
  districts: { code: string; names: string[] }[];
  provinceCode: string;
  /** Every stored indicator row now. */
  current: IndicatorRow[];
}

export interface IndicatorProblem {
  row: number;
  field: string;
  column: string | null;
  code: ProblemFieldCode;
  message: string;
  params?: Record<string, string | number>;
}

export interface IndicatorPreviewRow {
  row: number;
  value: {
    district_code: string;
    year: number;
    indicator: string;
    value: number;
    unit: string;
    source: string | null;
  } | null;
  change: 'new' | 'changed' | 'unchanged' | null;
  current: IndicatorRow | null;
  problems: IndicatorProblem[];
}

export interface IndicatorWarning {
  code: ImportWarningCode;
  message: string;
  params: Record<string, string | number>;
}

export interface IndicatorPreviewResult {
  format: 'csv' | 'xlsx';
  encoding: EncodingReport;
  columns: string[];
  notes: string[];
  rows: IndicatorPreviewRow[];
  warnings: IndicatorWarning[];
}

const COLUMNS = ['district_code', 'year', 'indicator', 'value', 'unit', 'source'] as const;
type Column = (typeof COLUMNS)[number];
const COLUMN_NAMES: Record<Column, string[]> = {
  district_code: ['district_code', 'district code', 'ma huyen', 'huyen', 'district'],
  year: ['year', 'nam'],
  indicator: ['indicator', 'chi tieu', 'ma chi tieu'],
  value: ['value', 'gia tri', 'so lieu'],
  unit: ['unit', 'don vi', 'don vi tinh', 'dvt'],
  source: ['source', 'nguon', 'nguon so lieu'],
};

const key = (t: string) =>
  normalizeText(t)
    .replace(/[_\-./]+/g, ' ')
    .trim();
const rowKey = (r: Pick<IndicatorRow, 'indicator' | 'year' | 'district_code'>) =>
  `${r.indicator}|${r.year}|${r.district_code}`;

function findColumns(table: SourceTable): Record<Column, string | undefined> {
  const out = {} as Record<Column, string | undefined>;
  for (const c of COLUMNS) out[c] = table.columns.find((col) => COLUMN_NAMES[c].map(key).includes(key(col)));
  for (const c of COLUMNS.filter((x) => x !== 'source')) {
    if (!out[c]) throw new ImportFileError(400, 'MissingColumn', `the column ${c} is missing`, { column: c });
  }
  return out;
}

const text = (v: SourceValue | undefined) => (v === null || v === undefined ? '' : String(v).trim());
const round = (n: number) => Math.round(n * 1e6) / 1e6;

function problem(
  row: number,
  field: Column,
  column: string | null,
  code: ProblemFieldCode,
  params: Record<string, string | number> = {},
): IndicatorProblem {
  return {
    row,
    field,
    column,
    code,
    message: messageFor(code, params, 'en'),
    ...(Object.keys(params).length ? { params } : {}),
  };
}

/** One file row as an indicator value, or its problems. */
function readRow(
  values: Record<string, SourceValue>,
  row: number,
  cols: Record<Column, string | undefined>,
  input: IndicatorPreviewInput,
  stored: Map<string, IndicatorRow>,
) {
  const problems: IndicatorProblem[] = [];
  const rawDistrict = text(values[cols.district_code as string]);
  const padded =
    /^\d{1,3}$/.test(rawDistrict) && rawDistrict !== input.provinceCode
      ? rawDistrict.padStart(3, '0')
      : rawDistrict;
  const district =
    padded === input.provinceCode
      ? input.provinceCode
      : input.districts.find((d) => d.code === padded || d.names.some((n) => key(n) === key(rawDistrict)))
          ?.code;
  if (!district)
    problems.push(
      problem(row, 'district_code', cols.district_code ?? null, 'UnknownPlace', { value: rawDistrict }),
    );
  const yearText = text(values[cols.year as string]);
  const year = /^\d{4}$/.test(yearText) ? Number(yearText) : Number.NaN;
  if (!Number.isInteger(year))
    problems.push(problem(row, 'year', cols.year ?? null, 'InvalidType', { type: 'integer' }));
  else if (year < 1900 || year > 2100)
    problems.push(
      problem(row, 'year', cols.year ?? null, 'OutOfRange', { comparison: '1900…2100', limit: year }),
    );
  const rawIndicator = text(values[cols.indicator as string]);
  const indicator = input.indicators.find(
    (i) => i.id === rawIndicator || i.names.some((n) => key(n) === key(rawIndicator)),
  );
  if (!indicator) {
    problems.push(
      problem(row, 'indicator', cols.indicator ?? null, 'UnknownIndicator', {
        value: rawIndicator,
        allowed: input.indicators.map((i) => i.id).join(', '),
      }),
    );
  }
  const rawValue = values[cols.value as string];
  const value = typeof rawValue === 'number' ? rawValue : parseNumber(text(rawValue), false);
  if (value === undefined)
    problems.push(problem(row, 'value', cols.value ?? null, 'InvalidType', { type: 'number' }));
  else if (value < 0)
    problems.push(problem(row, 'value', cols.value ?? null, 'OutOfRange', { comparison: '>=', limit: 0 }));
  const unit = text(values[cols.unit as string]);
  if (indicator && key(unit) !== key(indicator.unit)) {
    problems.push(problem(row, 'unit', cols.unit ?? null, 'UnitMismatch', { expected: indicator.unit }));
  }
  if (problems.length > 0 || !district || !indicator || value === undefined) return { problems, value: null };
  const source = cols.source ? text(values[cols.source]) || null : null;
  const v = { district_code: district, year, indicator: indicator.id, value, unit: indicator.unit, source };
  const current = stored.get(rowKey(v)) ?? null;
  const unchanged =
    current !== null &&
    current.value === value &&
    current.status !== 'illustrative' &&
    (source === null || source === current.source);
  return {
    problems,
    value: v,
    current,
    change: current === null ? ('new' as const) : unchanged ? ('unchanged' as const) : ('changed' as const),
  };
}

/** Province totals after the import against the stored province rows (the article's figures). */
export function totalsWarnings(
  rows: readonly IndicatorPreviewRow[],
  current: readonly IndicatorRow[],
  provinceCode: string,
): IndicatorWarning[] {
  const after = new Map(current.map((r) => [rowKey(r), r.value]));
  const imported = rows.flatMap((r) => (r.value ? [r.value] : []));
  for (const v of imported) if (v.district_code !== provinceCode) after.set(rowKey(v), v.value);
  const touched = new Set(imported.map((v) => `${v.indicator}|${v.year}`));
  const warnings: IndicatorWarning[] = [];
  for (const group of touched) {
    const [indicator = '', yearText = ''] = group.split('|');
    const year = Number(yearText);
    const total = current.find(
      (r) => r.indicator === indicator && r.year === year && r.district_code === provinceCode,
    );
    if (!total) continue;
    const province = imported.find(
      (v) => v.indicator === indicator && v.year === year && v.district_code === provinceCode,
    );
    if (province && province.value !== total.value) {
      const params = {
        indicator,
        year,
        value: province.value,
        total: total.value,
        difference: round(province.value - total.value),
      };
      warnings.push({
        code: 'ProvinceTotalDiffers',
        message: messageFor('ProvinceTotalDiffers', params, 'en'),
        params,
      });
    }
    let sum = 0;
    for (const [k, value] of after) {
      const [i, y, d] = k.split('|');
      if (i === indicator && Number(y) === year && d !== provinceCode) sum += value;
    }
    if (Math.abs(sum - total.value) > 1e-9) {
      const params = {
        indicator,
        year,
        sum: round(sum),
        total: total.value,
        difference: round(sum - total.value),
      };
      warnings.push({
        code: 'ProvinceTotalMismatch',
        message: messageFor('ProvinceTotalMismatch', params, 'en'),
        params,
      });
    }
  }
  return warnings;
}

export async function runIndicatorPreview(
  input: IndicatorPreviewInput,
  progress: (phase: 'reading' | 'checking', done: number, total: number) => void,
): Promise<IndicatorPreviewResult> {
  progress('reading', 0, 1);
  const table =
    input.format === 'csv'
      ? (await import('./read/csv')).readCsv(input.bytes, input.encoding)
      : await (await import('./read/xlsx')).readXlsx(input.bytes, input.encoding);
  const cols = findColumns(table);
  const stored = new Map(input.current.map((r) => [rowKey(r), r]));
  const seen = new Map<string, number>();
  const rows: IndicatorPreviewRow[] = [];
  for (const [i, record] of table.records.entries()) {
    if (i % 1000 === 0) progress('checking', i, table.records.length);
    const read = readRow(record.values, record.row, cols, input, stored);
    if (!read.value) {
      rows.push({ row: record.row, value: null, change: null, current: null, problems: read.problems });
      continue;
    }
    const k = rowKey(read.value);
    const first = seen.get(k);
    if (first !== undefined) {
      rows.push({
        row: record.row,
        value: null,
        change: null,
        current: null,
        problems: [problem(record.row, 'indicator', null, 'DuplicateRow', { row: first })],
      });
      continue;
    }
    seen.set(k, record.row);
    rows.push({
      row: record.row,
      value: read.value,
      change: read.change ?? null,
      current: read.current ?? null,
      problems: [],
    });
  }
  progress('checking', table.records.length, table.records.length);
  return {
    format: input.format,
    encoding: table.encoding,
    columns: table.columns,
    notes: table.notes,
    rows,
    warnings: totalsWarnings(rows, input.current, input.provinceCode),
  };
}

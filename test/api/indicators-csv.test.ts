import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, FIXTURE_GEODATA, type TestApp } from '../helpers/server';

// A copy of the fixture datasets whose 2012 sources hold what a CSV writer must get right.
const HOSTILE = "=cmd|' /C calc'!A0";
const TRICKY = 'Sở Công Thương, "báo cáo"\nline two';
let dir: string;
let t: TestApp;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'ind-csv-'));
  cpSync(FIXTURE_GEODATA, dir, { recursive: true });
  const file = path.join(dir, 'indicators.csv');
  const q = (s: string) => `"${s.replaceAll('"', '""')}"`;
  const lines = readFileSync(file, 'utf8')
    .split('\n')
    .map((line) =>
      line.startsWith('080,2012,establishments')
        ? `080,2012,establishments,60,establishments,illustrative,${q(HOSTILE)}`
        : line.startsWith('082,2012,establishments')
          ? `082,2012,establishments,100,establishments,illustrative,${q(TRICKY)}`
          : line,
    );
  writeFileSync(file, lines.join('\n'));
  t = await buildTestApp({ geodataDir: dir });
});
afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

function parse(body: string): string[][] {
  return Papa.parse<string[]>(body.slice(1), { skipEmptyLines: true }).data;
}

describe('indicators as CSV and XLSX (f=csv|xlsx)', () => {
  it('answers UTF-8 CSV with a BOM, the header, one row per district and the province total', async () => {
    const res = await t.app.inject('/api/indicators/establishments?year=2008&f=csv');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="establishments-2008.csv"');
    expect(res.body.charCodeAt(0)).toBe(0xfeff);
    expect(res.body).toContain('\r\n');
    const rows = parse(res.body);
    expect(rows[0]).toEqual([
      'district_code',
      'district_name',
      'year',
      'indicator',
      'value',
      'unit',
      'status',
      'source',
    ]);
    expect(rows.slice(1).map((r) => [r[0], r[2], r[4], r[6]])).toEqual([
      ['080', '2008', '30', 'illustrative'],
      ['082', '2008', '50', 'illustrative'],
      ['086', '2008', '20', 'illustrative'],
      ['10', '2008', '100', 'reported'],
    ]);
  });

  it('honours the year and quotes commas, quotes and newlines; neutralises a formula-leading cell', async () => {
    const res = await t.app.inject('/api/indicators/establishments?year=2012&f=csv');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body).toContain('"Sở Công Thương, ""báo cáo""\nline two"');
    const rows = parse(res.body);
    expect(rows.slice(1).every((r) => r[2] === '2012')).toBe(true);
    const byCode = Object.fromEntries(rows.slice(1).map((r) => [r[0], r]));
    expect(byCode['082']?.[7]).toBe(TRICKY);
    expect(byCode['080']?.[7]).toBe(`'${HOSTILE}`);
    expect(res.body).not.toMatch(/(^|,)=cmd/m);
  });

  it('answers a year without data with a 400 problem, as JSON does', async () => {
    const res = await t.app.inject('/api/indicators/establishments?year=1999&f=csv');
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ status: 400, code: 'InvalidParameterValue' });
    expect((await t.app.inject('/api/indicators/establishments?f=pdf')).statusCode).toBe(400);
  });

  it('gives computed indicators without a year column value', async () => {
    const res = await t.app.inject('/api/indicators/cluster_count?f=csv');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toContain('filename="cluster_count.csv"');
    const rows = parse(res.body);
    expect(rows.slice(1).map((r) => [r[0], r[2], r[4], r[6]])).toEqual([
      ['080', '', '1', 'computed'],
      ['082', '', '0', 'computed'],
      ['086', '', '2', 'computed'],
    ]);
  });

  it('writes an XLSX workbook that a reader opens with the same rows', async () => {
    const res = await t.app.inject('/api/indicators/establishments?year=2012&f=xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('establishments');
    const values = (sheet?.getSheetValues() ?? []).filter(Boolean) as unknown[][];
    expect(values).toHaveLength(5);
    expect(values[0]?.slice(1)).toEqual([
      'district_code',
      'district_name',
      'year',
      'indicator',
      'value',
      'unit',
      'status',
      'source',
    ]);
    expect(values.slice(1).map((r) => [r[1], r[3], r[5]])).toEqual([
      ['080', 2012, 60],
      ['082', 2012, 100],
      ['086', 2012, 40],
      ['10', 2012, 200],
    ]);
  });

  it('advertises the downloads as alternate links and in the OpenAPI document', async () => {
    const res = await t.app.inject('/api/indicators/establishments?year=2012');
    expect(res.headers.link).toContain(
      '</api/indicators/establishments?year=2012&f=csv>; rel="alternate"; type="text/csv"',
    );
    expect(res.headers.link).toContain('f=xlsx>; rel="alternate"');
    const api = (await t.app.inject('/api/openapi.json')).json<Record<string, unknown>>();
    expect(JSON.stringify(api)).toContain('a download of the same table: csv');
  });
});

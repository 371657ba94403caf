import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BatchResponse } from '../../server/src/contract/batches';
import type { IndicatorValuesResponse } from '../../server/src/contract/indicators';
import { csvText, MEDIA, xlsxBytes } from '../fixtures/imports/make';
import { signIn } from '../helpers/auth';
import { buildTestApp, type TestApp } from '../helpers/server';
import { commit, indicatorPreview, problemOf, upload } from './import-helpers';

/** Indicator imports (issue 14, admin): official figures replace illustrative ones, with the province-totals check. */
let t: TestApp;
const who = { editor: '', admin: '' };
beforeEach(async () => {
  t = await buildTestApp();
  who.editor = await signIn(t.app, { username: 'eddie', role: 'editor' });
  who.admin = await signIn(t.app, { username: 'ada', role: 'admin' });
});
afterEach(async () => t.close());

const HEADER = ['district_code', 'year', 'indicator', 'value', 'unit', 'source'];
const SOURCE = 'Niên giám thống kê tỉnh Lào Cai 2008 (Cục Thống kê)';

async function values(year: number) {
  const res = await t.app.inject(`/api/indicators/establishments?year=${year}`);
  return res.json<IndicatorValuesResponse>();
}

describe('indicator imports', () => {
  it('official figures that add up to the article’s total: previewed against the stored values, committed, illustrative marking gone exactly for them', async () => {
    const now = await values(2008);
    const official = now.values.map((v, i) => [
      v.district_code,
      2008,
      'establishments',
      (v.value ?? 0) + (i === 0 ? 8 : i === 1 ? -8 : 0),
      'establishments',
      '',
    ]);
    const p = indicatorPreview(
      await upload(t.app, who.admin, csvText(HEADER, official), MEDIA.csv, { indicators: true }),
    );
    expect(p).toMatchObject({ kind: 'indicators', status: 'ready', warnings: [] });
    expect(p.summary).toEqual({ rowsRead: 9, valid: 9, invalid: 0, new: 0, changed: 9, unchanged: 0 });
    expect(p.changes.items[0]).toMatchObject({
      row: 2,
      indicator: 'establishments',
      year: 2008,
      districtCode: '080',
      value: (now.values[0]?.value ?? 0) + 8,
      change: 'changed',
      current: { value: now.values[0]?.value, status: 'illustrative' },
    });
    const missing = await commit(t.app, who.admin, p.id, {});
    expect(missing.statusCode).toBe(422);
    expect(problemOf(missing).errors?.map((e) => e.field)).toEqual(['source', 'confidence']);
    const res = await commit(t.app, who.admin, p.id, { source: SOURCE, confidence: 'official' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<BatchResponse>().batch).toMatchObject({
      kind: 'indicators',
      counts: { indicators: 9 },
      details: { source: SOURCE, confidence: 'official' },
    });
    const after = await values(2008);
    expect(after.values.every((v) => v.status === 'official' && v.source === SOURCE)).toBe(true);
    expect((await values(2012)).values.every((v) => v.status === 'illustrative')).toBe(true);
  });

  it('a partial import is a warning naming the difference from the article’s total; it commits only when accepted, and reverts', async () => {
    const now = await values(2008);
    const three = ['082', '083', '086'];
    const rows = three.map((code) => [
      code,
      2008,
      'Cơ sở sản xuất CN-TTCN',
      100,
      'establishments',
      'Phòng Kinh tế huyện',
    ]);
    const p = indicatorPreview(
      await upload(t.app, who.admin, csvText(HEADER, rows), MEDIA.csv, { indicators: true }),
    );
    const before = three.reduce(
      (sum, c) => sum + (now.values.find((v) => v.district_code === c)?.value ?? 0),
      0,
    );
    const difference = 300 - before;
    expect(p.warnings).toEqual([
      {
        code: 'ProvinceTotalMismatch',
        message: `establishments 2008: tổng các huyện là ${3368 + difference}, tổng tỉnh theo bài báo là 3368 (chênh ${difference})`,
        params: { indicator: 'establishments', year: 2008, sum: 3368 + difference, total: 3368, difference },
      },
    ]);
    const refused = await commit(t.app, who.admin, p.id, { source: SOURCE, confidence: 'official' });
    expect(refused.statusCode).toBe(422);
    expect(problemOf(refused).detail).toMatch(/acceptWarnings: true/);
    expect((await values(2008)).values.every((v) => v.status === 'illustrative')).toBe(true);
    const res = await commit(t.app, who.admin, p.id, {
      source: SOURCE,
      confidence: 'official',
      acceptWarnings: true,
    });
    expect(res.statusCode, res.body).toBe(200);
    const batch = res.json<BatchResponse>().batch;
    expect(batch.details.acceptedWarnings).toEqual([expect.stringMatching(/districts add up to/)]);
    const after = await values(2008);
    for (const v of after.values) {
      if (three.includes(v.district_code))
        expect(v).toMatchObject({ value: 100, status: 'official', source: 'Phòng Kinh tế huyện' });
      else expect(v.status).toBe('illustrative');
    }
    expect(after.province).toMatchObject({ value: 3368 });
    const revert = await t.app.inject({
      method: 'POST',
      url: `/api/batches/${batch.id}/revert`,
      headers: { origin: 'http://localhost:80', cookie: who.editor },
    });
    expect(revert.statusCode).toBe(403);
    const undo = await t.app.inject({
      method: 'POST',
      url: `/api/batches/${batch.id}/revert`,
      headers: { origin: 'http://localhost:80', cookie: who.admin },
    });
    expect(undo.statusCode, undo.body).toBe(200);
    expect((await values(2008)).values).toEqual(now.values);
  });

  it('names each bad row (district, indicator, unit, repeated row) and refuses a file without the long-format columns', async () => {
    const rows = [
      ['082', 2008, 'establishments', 50, 'establishments', ''],
      ['999', 2008, 'establishments', 50, 'establishments', ''],
      ['083', 2008, 'happiness', 50, 'points', ''],
      ['083', 2008, 'workers', 50, 'tỷ đồng', ''],
      ['Bát Xát', 2008, 'establishments', 51, 'establishments', ''],
    ];
    const file = await xlsxBytes(HEADER, rows);
    const p = indicatorPreview(
      await upload(t.app, who.admin, file, MEDIA.xlsx, { indicators: true, query: { lang: 'en' } }),
    );
    expect(p.summary).toMatchObject({ rowsRead: 5, valid: 1, invalid: 4 });
    expect(p.problems.items.map((x) => [x.row, x.field, x.code])).toEqual([
      [3, 'district_code', 'UnknownPlace'],
      [4, 'indicator', 'UnknownIndicator'],
      [5, 'unit', 'UnitMismatch'],
      [6, 'indicator', 'DuplicateRow'],
    ]);
    expect(p.problems.items[2]?.message).toBe('the unit must be “persons”');
    const res = await upload(
      t.app,
      who.admin,
      csvText(['district', 'year', 'value'], [['082', 2008, 1]]),
      MEDIA.csv,
      { indicators: true, query: { lang: 'en' } },
    );
    expect(res.statusCode).toBe(400);
    expect(problemOf(res)).toMatchObject({
      detail: 'the column indicator is missing',
      errors: [{ code: 'MissingColumn' }],
    });
  });

  it('is for admins: 401 anonymous, 403 editor, 415 for GeoJSON', async () => {
    const file = csvText(HEADER, [['082', 2008, 'establishments', 1, 'establishments', '']]);
    expect((await upload(t.app, undefined, file, MEDIA.csv, { indicators: true })).statusCode).toBe(401);
    expect((await upload(t.app, who.editor, file, MEDIA.csv, { indicators: true })).statusCode).toBe(403);
    expect((await upload(t.app, who.admin, '{}', MEDIA.geojson, { indicators: true })).statusCode).toBe(415);
  });
});

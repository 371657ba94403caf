import { describe, expect, it } from 'vitest';
import type { ApiFeature, IndicatorValuesResponse, ItemsResponse } from '../../server/src/contract/api';
import { csvText, encodeText, facilityRows, MEDIA, VI_HEADERS, viCells } from '../fixtures/imports/make';
import { TEST_PASSWORD } from '../helpers/auth';
import { ImportDriver, type UploadFile } from './driver/import.driver';
import { pageSuite } from './driver/suite';

// The Import tab in the browser (issue 14): accounts made for this run only.
const suite = pageSuite({
  users: [
    { username: 'ines', role: 'editor' },
    { username: 'adam', role: 'admin' },
  ],
});

const HOSTILE = '<img src=x onerror=alert(1)>';
const HEADERS = VI_HEADERS.map((h) => (h === 'Tên tiếng Anh' ? 'Tên giao dịch (EN)' : h));
const ROWS = 1000;
/** Spreadsheet row of data row i (the header is row 1). */
const rowOf = (i: number) => i + 2;

async function facilityCount(): Promise<number> {
  return (
    (await suite.session().api<ItemsResponse>('/collections/facilities/items?limit=1')).numberMatched ?? -1
  );
}

async function given(viewport = { width: 1440, height: 900 }): Promise<ImportDriver> {
  return new ImportDriver(await suite.given(viewport));
}

/**
 * 1,000 synthetic facilities (Vietnamese headers, English-name column under a header no
 * suggestion knows), one row with a year that is not a number, one row repeating a shipped
 * facility (same name, same place).
 */
async function facilitiesCsv(): Promise<{ file: UploadFile; invalidRow: number; duplicateRow: number }> {
  const shipped = (await suite.session().api<ItemsResponse>('/collections/facilities/items?limit=1'))
    .features[0] as ApiFeature;
  const cells = facilityRows(ROWS).map(viCells);
  const year = VI_HEADERS.indexOf('Năm hỗ trợ');
  (cells[4] as (string | number)[])[year] = 'không rõ';
  if (shipped.geometry?.type !== 'Point') throw new Error('the first shipped facility is not a point');
  const [lon, lat] = shipped.geometry.coordinates;
  const dup = cells[7] as (string | number)[];
  dup[0] = String(shipped.properties.name);
  dup[3] = String(shipped.properties.district_code);
  dup[VI_HEADERS.indexOf('Kinh độ')] = lon;
  dup[VI_HEADERS.indexOf('Vĩ độ')] = lat;
  const text = csvText(HEADERS, cells);
  return {
    file: { name: 'co-so-1000.csv', mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') },
    invalidRow: rowOf(4),
    duplicateRow: rowOf(7),
  };
}

describe('importing in the browser', () => {
  it('an editor imports a CSV of 1,000 facilities: preview with the invalid row and the duplicate, mapping, map preview, commit, on the map, undo', async () => {
    const before = await facilityCount();
    const imp = await given();
    await imp.app.open('');
    await imp.openAs('ines', TEST_PASSWORD);
    const { file, invalidRow, duplicateRow } = await facilitiesCsv();
    await imp.importFile('facilities', file);

    await expect.poll(() => imp.summary('read').textContent()).toBe('1.000');
    // The English name's column was not recognised: map it by hand (PATCH, read again).
    const nameEn = imp.page.locator(
      '[data-testid="import-mapping-row"][data-column="Tên giao dịch (EN)"] select',
    );
    await imp.page.locator('.import-panel details > summary').click();
    expect(await nameEn.inputValue()).toBe('');
    await imp.mapColumn('Tên giao dịch (EN)', 'name_en');
    await expect.poll(() => imp.summary('valid').textContent()).toBe('999');
    expect(await imp.summary('invalid').textContent()).toBe('1');
    expect(await imp.summary('duplicates').textContent()).toBe('1');
    const problem = imp.problems().first();
    expect(await imp.problems().count()).toBe(1);
    expect(await problem.getAttribute('data-row')).toBe(String(invalidRow));
    expect(await problem.textContent()).toContain('Năm hỗ trợ');
    expect(await imp.duplicates().first().getAttribute('data-row')).toBe(String(duplicateRow));

    // The rows are drawn on the map as a preview layer (valid and invalid alike).
    await imp.app.waitForSettled();
    await expect
      .poll(async () => (await imp.previewRowsDrawn()).length, { timeout: 20_000 })
      .toBeGreaterThan(10);
    await imp.app.screenshot('import-preview-1440-vi.png');
    await imp.app.switchLanguage('en');
    await expect.poll(() => problem.textContent()).toContain('must be');
    await imp.app.screenshot('import-preview-1440-en.png');
    await imp.app.switchLanguage('vi');

    await imp.excludeRow(rowOf(0));
    await imp.page.getByTestId('import-commit').scrollIntoViewIfNeeded();
    expect(await imp.page.getByTestId('import-commit').textContent()).toContain('997');
    await imp.commit();
    expect(await facilityCount()).toBe(before + 997);
    const done = await imp.page.getByTestId('import-done').textContent();
    const batchId = Number(/(\d+)/.exec(done ?? '')?.[1]);
    expect(batchId).toBeGreaterThan(0);
    expect(await imp.previewRowsDrawn()).toEqual([]);

    // Found on the map: the search finds an imported facility and the map draws it.
    const name = 'Cơ sở thử nghiệm 0010';
    const created = (
      await suite.session().api<ItemsResponse>(`/collections/facilities/items?q=${encodeURIComponent(name)}`)
    ).features.find((f) => f.properties.name === name) as ApiFeature;
    expect(created.properties.name_en).toBe('Test facility 0010');
    await imp.app.search(name);
    await imp.app.chooseSearchResult(name);
    await imp.app.waitForSettled();
    await expect.poll(() => imp.featuresDrawn('facilities'), { timeout: 20_000 }).toContain(created.id);

    // Undo the whole batch from the import history: the features go.
    await imp.page.getByTestId('tab-import').click();
    await imp.revertBatch(batchId);
    await expect.poll(facilityCount).toBe(before);
    const item = imp.page.locator(`[data-testid="batch"][data-batch="${batchId}"]`);
    await expect.poll(() => item.getAttribute('data-reverted')).toBe('true');
    await imp.app.waitForSettled();
    await expect.poll(() => imp.featuresDrawn('facilities'), { timeout: 20_000 }).not.toContain(created.id);
  });

  it('asks for the encoding when the file could be read two ways, and reads it again as chosen', async () => {
    const imp = await given({ width: 390, height: 844 });
    await imp.app.open('');
    await imp.openAs('ines', TEST_PASSWORD);
    // Property names as headers and codes as values: only the names carry Vietnamese letters,
    // too few for the server to be sure between Windows-1258 and TCVN3.
    const header = [
      'name',
      'name_en',
      'sector',
      'district_code',
      'commune',
      'owner',
      'khuyen_cong_supported',
      'support_type',
      'support_year',
      'support_amount_million_vnd',
      'source',
      'source_url',
      'confidence',
      'location_precision',
      'location_uncertainty_km',
      'location_method',
      'notes',
      'lon',
      'lat',
    ];
    const rows = facilityRows(3).map((r, i) => [
      `Mộc ${i + 1}`,
      r.name_en,
      'wood_processing',
      r.districtCode,
      '',
      '',
      'no',
      '',
      '',
      '',
      'test fixture (synthetic)',
      '',
      'illustrative',
      'approximate',
      '1',
      'synthetic',
      'synthetic',
      r.lon,
      r.lat,
    ]);
    const buffer = encodeText(csvText(header, rows), 'tcvn3');
    await imp.importFile('facilities', { name: 'moc-tcvn3.csv', mimeType: MEDIA.csv, buffer });
    const question = imp.page.getByTestId('import-encoding');
    await question.waitFor();
    expect(await imp.page.getByTestId('import-encoding-samples').textContent()).not.toContain('Mộc 1');
    await question.scrollIntoViewIfNeeded();
    await imp.app.screenshot('import-encoding-390-vi.png');
    await imp.app.switchLanguage('en');
    await imp.app.screenshot('import-encoding-390-en.png');
    await imp.app.switchLanguage('vi');
    await imp.page.getByTestId('import-encoding-tcvn3').click();
    await expect
      .poll(() => imp.page.getByTestId('import-encoding-samples').textContent())
      .toBe(['Mộc 1', 'Mộc 2', 'Mộc 3'].join(''));
    expect(await imp.page.getByTestId('import-encoding-tcvn3').getAttribute('aria-pressed')).toBe('true');
    expect(await imp.summary('valid').textContent()).toBe('3');
  });

  it('an admin imports official district figures: warnings shown, committed only once accepted with a source and a confidence', async () => {
    const session = suite.session();
    const now = await session.api<IndicatorValuesResponse>('/indicators/establishments?year=2008');
    const three = ['082', '083', '086'];
    const rows = three.map((code) => [code, 2008, 'establishments', 100, 'establishments', '']);
    const text = csvText(['district_code', 'year', 'indicator', 'value', 'unit', 'source'], rows);
    const imp = await given();
    await imp.app.open('');
    await imp.openAs('adam', TEST_PASSWORD);
    await imp.section('indicators');
    await imp.page
      .getByTestId('indicator-import-file')
      .setInputFiles({ name: 'co-so-2008.csv', mimeType: MEDIA.csv, buffer: Buffer.from(text, 'utf8') });
    await imp.page.getByTestId('indicator-import-summary').waitFor();
    expect(await imp.page.getByTestId('indicator-change').count()).toBe(3);
    const warning = imp.page.getByTestId('indicator-warning');
    expect(await warning.count()).toBe(1);
    expect(await warning.textContent()).toContain('chênh');
    const commit = imp.page.getByTestId('indicator-commit');
    await imp.page.getByTestId('indicator-source').fill('Phòng Kinh tế huyện (thử nghiệm)');
    await imp.page.getByTestId('indicator-confidence').selectOption('official');
    expect(await commit.isDisabled()).toBe(true);
    await imp.page.getByTestId('indicator-accept').check();
    expect(await commit.isDisabled()).toBe(false);
    await imp.app.screenshot('import-indicators-1440-vi.png');
    await imp.app.switchLanguage('en');
    await imp.app.screenshot('import-indicators-1440-en.png');
    await imp.app.switchLanguage('vi');
    await commit.click();
    await imp.page.getByTestId('indicator-import-done').waitFor();
    const after = await session.api<IndicatorValuesResponse>('/indicators/establishments?year=2008');
    for (const v of after.values) {
      const was = now.values.find((x) => x.district_code === v.district_code);
      if (three.includes(v.district_code)) expect(v).toMatchObject({ value: 100, status: 'official' });
      else expect(v.status).toBe(was?.status);
    }
    // The history lists it; undoing it puts the illustrative values back.
    await imp.section('history');
    const batch = imp.page.getByTestId('batch').first();
    const id = Number(await batch.getAttribute('data-batch'));
    await imp.revertBatch(id);
    await expect
      .poll(
        async () =>
          (await session.api<IndicatorValuesResponse>('/indicators/establishments?year=2008')).values,
      )
      .toEqual(now.values);
    await imp.app.screenshot('import-history-1440-vi.png');
  });

  it('a file over 1 MiB is answered 202 and polled with progress until the preview; file text stays text', async () => {
    const imp = await given({ width: 390, height: 844 });
    await imp.app.open('');
    await imp.openAs('ines', TEST_PASSWORD);
    const cells = facilityRows(6000).map(viCells);
    (cells[0] as (string | number)[])[0] = HOSTILE;
    const buffer = Buffer.from(csvText(VI_HEADERS, cells), 'utf8');
    expect(buffer.length).toBeGreaterThan(1_048_576);
    const answers: { method: string; url: string; status: number }[] = [];
    imp.page.on('response', (r) => {
      if (r.url().includes('/imports'))
        answers.push({ method: r.request().method(), url: r.url(), status: r.status() });
    });
    await imp.page.getByTestId('import-collection').selectOption('facilities');
    await imp.page.getByTestId('import-file').setInputFiles({ name: 'lon.csv', mimeType: MEDIA.csv, buffer });
    await imp.page.getByTestId('import-progress').waitFor();
    await imp.page.getByTestId('import-summary').waitFor({ timeout: 60_000 });
    expect(answers[0]).toMatchObject({ method: 'POST', status: 202 });
    expect(
      answers.filter((a) => a.method === 'GET' && /\/imports\/[^/?]+\?/.test(a.url)).length,
    ).toBeGreaterThan(0);
    expect(await imp.summary('read').textContent()).toBe('6.000');
    const first = imp.page.locator('[data-testid="import-row"][data-row="2"] td').nth(1);
    expect(await first.textContent()).toBe(HOSTILE);
    expect(await imp.page.locator('.import-panel img').count()).toBe(0);
    await imp.page.getByTestId('import-discard').click();
    await imp.page.getByTestId('import-file').waitFor({ state: 'attached' });
  });
});

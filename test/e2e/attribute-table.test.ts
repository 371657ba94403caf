import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ItemsResponse } from '../../server/src/contract/api';
import { SHIPPED_GEODATA } from '../helpers/server';
import { compareValues } from '../helpers/sort-order';
import { pageSuite } from './driver/suite';

// Issue 16: the attribute table. The shipped data plus 240 more facilities (copies a few metres
// apart), so the table has pages to turn.
const EXTRA = 240;
function geodataWithManyFacilities(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'laocai-table-'));
  cpSync(SHIPPED_GEODATA, dir, { recursive: true });
  const file = path.join(dir, 'facilities.geojson');
  const fc = JSON.parse(readFileSync(file, 'utf8')) as GeoJSON.FeatureCollection<GeoJSON.Point>;
  const base = fc.features[0]!;
  const maxId = Math.max(...fc.features.map((f) => Number(f.id)));
  for (let i = 1; i <= EXTRA; i++) {
    const [lon, lat] = base.geometry.coordinates as [number, number];
    fc.features.push({
      ...base,
      id: maxId + i,
      properties: {
        ...base.properties,
        name: `Cơ sở thử ${String(i).padStart(3, '0')}`,
        name_en: `Test facility ${i}`,
      },
      geometry: { type: 'Point', coordinates: [lon + (i % 20) * 0.0004, lat + Math.floor(i / 20) * 0.0004] },
    });
  }
  writeFileSync(file, JSON.stringify(fc));
  return dir;
}
const geodata = geodataWithManyFacilities();
afterAll(() => rmSync(geodata, { recursive: true, force: true }));
const suite = pageSuite({ geodataDir: geodata });
const given = suite.given;

const rowNames = (app: Awaited<ReturnType<typeof given>>) =>
  app.page.locator('[data-testid="attribute-table"] tbody tr td:first-child').allTextContents();

describe('the attribute table', () => {
  it('pages through a layer with the API limit/offset, sorts, filters per column on the server and searches', async () => {
    const app = await given({ width: 1440, height: 900 });
    const requests: string[] = [];
    app.page.on('request', (r) => {
      if (r.url().includes('/items?')) requests.push(r.url());
    });
    await app.open('');
    await app.openTab('table');
    await app.page.getByTestId('table-layer').selectOption('facilities');
    const all = await suite.session().api<ItemsResponse>('/collections/facilities/items?limit=1');
    const status = app.page.getByTestId('table-status');
    await expect.poll(() => status.textContent()).toBe(`Dòng 1–50 / ${all.numberMatched}`);
    expect(await app.page.locator('[data-testid="attribute-table"] tbody tr').count()).toBe(50);
    // Column titles and enum values from the schema, in the UI language.
    const head = await app.page.locator('[data-testid="attribute-table"] thead tr').first().textContent();
    expect(head).toContain('Tên');
    await app.page.getByTestId('table-next').click();
    await expect.poll(() => status.textContent()).toBe(`Dòng 51–100 / ${all.numberMatched}`);
    expect(requests.some((u) => /limit=50&offset=50/.test(u))).toBe(true);
    // Sort by name, both ways: the server orders the whole layer (sortby; Vietnamese alphabet order:
    // Đ after D), so page 1 starts with the layer's first name, then its last — the API's own
    // answers, and the extremes of every name.
    const everyName = (
      await suite.session().api<ItemsResponse>('/collections/facilities/items?limit=1000')
    ).features
      .map((f) => String(f.properties?.name))
      .sort(compareValues);
    const firstOf = async (sortby: string) =>
      (await suite.session().api<ItemsResponse>(`/collections/facilities/items?sortby=${sortby}&limit=1`))
        .features[0]?.properties?.name;
    const nameHeader = app.page.getByTestId('table-col-name');
    expect(await nameHeader.getAttribute('aria-sort')).toBeNull();
    await app.page.getByTestId('table-sort-name').click();
    await expect.poll(() => status.textContent()).toBe(`Dòng 1–50 / ${all.numberMatched}`);
    await expect.poll(async () => (await rowNames(app))[0]).toBe(await firstOf('name'));
    expect((await rowNames(app))[0]).toBe(everyName[0]);
    expect(await nameHeader.getAttribute('aria-sort')).toBe('ascending');
    expect(requests.some((u) => /sortby=name(&|$)/.test(u) && !/offset=[1-9]/.test(u))).toBe(true);
    const up = await rowNames(app);
    expect(up).toEqual(everyName.slice(0, 50));
    await app.page.getByTestId('table-sort-name').click();
    await expect.poll(async () => (await rowNames(app))[0]).toBe(await firstOf('-name'));
    expect((await rowNames(app))[0]).toBe(everyName[everyName.length - 1]);
    expect(await nameHeader.getAttribute('aria-sort')).toBe('descending');
    expect(requests.some((u) => /sortby=-name(&|$)/.test(u))).toBe(true);
    // Page 2 of the sorted layer continues it (the server pages the sorted result).
    await app.page.getByTestId('table-next').click();
    await expect.poll(() => status.textContent()).toBe(`Dòng 51–100 / ${all.numberMatched}`);
    expect(await rowNames(app)).toEqual([...everyName].reverse().slice(50, 100));
    expect(requests.some((u) => /sortby=-name/.test(u) && /offset=50/.test(u))).toBe(true);
    // Downloads carry the order.
    expect(await app.page.getByTestId('table-download-csv').getAttribute('href')).toContain('sortby=-name');
    // A column that is not sortable offers no sort button and no aria-sort.
    expect(await app.page.getByTestId('table-sort-notes').count()).toBe(0);
    expect(await app.page.getByTestId('table-col-notes').getAttribute('aria-sort')).toBeNull();
    await app.screenshot('planner-table-sorted-vi.png');
    // A column filter goes to the server (equality on a queryable).
    await app.page.getByTestId('table-filter-district_code').selectOption('086');
    const in086 = await suite
      .session()
      .api<ItemsResponse>('/collections/facilities/items?district_code=086&limit=100');
    await expect
      .poll(() => status.textContent())
      .toBe(`Dòng 1–${in086.numberReturned} / ${in086.numberMatched}`);
    // The first page (offset 0 is the default, so not sent).
    expect(requests.some((u) => /district_code=086/.test(u) && !/offset=[1-9]/.test(u))).toBe(true);
    // The table's downloads carry its filters (issue 16): the CSV holds exactly the filtered rows
    // (every page, not only the one shown), with the BOM and a header; the GeoJSON is the same set.
    const csvHref = await app.page.getByTestId('table-download-csv').getAttribute('href');
    expect(csvHref).toContain('district_code=086');
    const csv = await fetch(new URL(csvHref ?? '', suite.session().baseUrl));
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).trim().split('\r\n');
    expect(lines).toHaveLength(in086.numberReturned + 1);
    const geojsonHref = await app.page.getByTestId('table-download-geojson').getAttribute('href');
    const fc = (await (
      await fetch(new URL(geojsonHref ?? '', suite.session().baseUrl))
    ).json()) as ItemsResponse;
    expect(fc.features.map((f) => f.id).sort()).toEqual(in086.features.map((f) => f.id).sort());
    await app.page.getByTestId('table-filter-district_code').selectOption('');
    await app.page.getByTestId('table-q').fill('thử 007');
    await expect.poll(() => rowNames(app)).toEqual(['Cơ sở thử 007']);
    await app.screenshot('planner-table-vi.png');
    // The chosen indicator's table downloads from its panel, as the API's f=csv answers it.
    await app.openTab('indicators');
    const indicatorHref = await app.page.getByTestId('indicator-download-csv').getAttribute('href');
    expect(indicatorHref).toMatch(/\/api\/indicators\/[^?]+\?(year=\d{4}&)?f=csv$/);
    const table = await fetch(new URL(indicatorHref ?? '', suite.session().baseUrl));
    expect(table.status).toBe(200);
    // A header, the nine districts and the province row at least.
    expect((await table.text()).trim().split('\r\n').length).toBeGreaterThanOrEqual(10);
  });

  it('marks English notes and citations "(tiếng Anh)" in the Vietnamese table, as the details panel does (issue 8)', async () => {
    const app = await given({ width: 1440, height: 900 });
    await app.open('');
    await app.openTab('table');
    await app.page.getByTestId('table-layer').selectOption('craft-villages');
    const villages = await suite.session().api<ItemsResponse>('/collections/craft-villages/items?limit=50');
    const status = app.page.getByTestId('table-status');
    await expect.poll(() => status.textContent()).toMatch(/^Dòng 1–/);
    const headers = await app.page
      .locator('[data-testid="attribute-table"] thead tr:first-child th')
      .evaluateAll((ths) => ths.map((th) => th.getAttribute('data-testid')));
    const column = (key: string) => headers.indexOf(`table-col-${key}`) + 1;
    const cells = (key: string) =>
      app.page.locator(`[data-testid="attribute-table"] tbody tr td:nth-child(${column(key)})`);
    // notes: x-text-lang en → every non-empty cell ends with the note.
    const withNotes = villages.features.filter(
      (f) => typeof f.properties.notes === 'string' && f.properties.notes !== '',
    );
    expect(withNotes.length).toBeGreaterThan(0);
    expect(await cells('notes').locator('[data-testid="lang-note"]').count()).toBe(withNotes.length);
    // source: the record's source_lang, no note for a citation made only of addresses (zxx).
    const englishSources = villages.features.filter((f) => f.properties.source_lang === 'en');
    expect(await cells('source').locator('[data-testid="lang-note"]').count()).toBe(englishSources.length);
    for (const note of await cells('notes').locator('[data-testid="lang-note"]').allTextContents()) {
      expect(note.trim()).toBe('(tiếng Anh)');
    }
    // The English UI says nothing after English text.
    await app.page.getByRole('button', { name: 'EN' }).click();
    await expect.poll(() => status.textContent()).toMatch(/^Rows 1–/);
    expect(await app.page.locator('[data-testid="attribute-table"] [data-testid="lang-note"]').count()).toBe(
      0,
    );
  });

  it('a row click selects the feature on the map, a map pick marks its row, and "only in view" sends the bbox', async () => {
    const app = await given({ width: 1440, height: 900 }, { locale: 'en-US' });
    const requests: string[] = [];
    app.page.on('request', (r) => {
      if (r.url().includes('/items?')) requests.push(r.url());
    });
    await app.open('#lang=en');
    await app.openTab('table');
    await app.page.getByTestId('table-layer').selectOption('craft-villages');
    const villages = await suite.session().api<ItemsResponse>('/collections/craft-villages/items?limit=100');
    await expect
      .poll(() => app.page.locator('[data-testid="attribute-table"] tbody tr').count())
      .toBe(villages.numberReturned);
    const head = await app.page.locator('[data-testid="attribute-table"] thead tr').first().textContent();
    expect(head).toContain('Name');
    const row = app.page.locator('[data-testid="attribute-table"] tbody tr').nth(2);
    const id = Number(await row.getAttribute('data-id'));
    await row.click();
    await expect.poll(() => app.urlHash()).toContain(`sel=craft-villages/${id}`);
    await expect.poll(() => row.getAttribute('aria-selected')).toBe('true');
    expect(await app.page.getByTestId('attribute-table').isVisible()).toBe(true);
    // And back: a pick on the map marks that feature's row (the table stays open).
    const other =
      villages.features.find((f) => f.id !== id && f.properties.location_precision !== 'approximate') ??
      villages.features[0]!;
    const [lon, lat] = (other.geometry as GeoJSON.Point).coordinates as [number, number];
    await app.page.evaluate(() => window.scrollTo(0, 0));
    await app.open(`#map=15/${lat}/${lon}&layers=villages&lang=en`);
    await app.openTab('table');
    await app.page.getByTestId('table-layer').selectOption('craft-villages');
    await app.clickMapAt(lon, lat);
    const chooser = app.page.getByTestId('chooser-item');
    if (await chooser.count()) await chooser.first().click();
    const selected = app.page.locator('[data-testid="attribute-table"] tbody tr[aria-selected="true"]');
    await expect.poll(() => selected.count()).toBe(1);
    await app.page.getByTestId('table-in-view').check();
    await expect.poll(() => requests.some((u) => /bbox=/.test(u))).toBe(true);
    await app.screenshot('planner-table-en.png');
  });
});

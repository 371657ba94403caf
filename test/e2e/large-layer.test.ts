import { rmSync } from 'node:fs';
import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiFeature, ItemsResponse } from '../../server/src/contract/api';
import { syntheticFacilities } from '../bench/synthetic';
import { TEST_PASSWORD } from '../helpers/auth';
import { seedLargeDataDir } from '../helpers/largeData';
import { MapAppDriver } from './driver/app.driver';
import { EditDriver } from './driver/edit.driver';
import { E2eSession, type PageRecord } from './driver/session';

// Issue 10 in the browser: a facilities layer far above the tiling threshold (the shipped data plus
// 20,000 synthetic facilities) is drawn from vector tiles, searched through the server's `q`, and
// an edit goes into state and the next tiles without fetching the collection again.
const SYNTHETIC = 20_000;
const FACILITIES = '/api/collections/facilities/';

/**
 * Five facilities at one place (four at the very same point, one 0.1 m away), three of them in
 * district 083: drawn as one symbol at any zoom, reachable only through the chooser.
 */
const STACK: [number, number] = [104.2, 22.6];
/** Fourteen at one other place: more than the chooser lists (12). */
const CROWD: [number, number] = [104.05, 22.45];

function stacked(n: number, [lon, lat]: [number, number], name: string) {
  return Array.from({ length: n }, (_, k) => {
    const [f] = syntheticFacilities(1, [lon, lat, lon, lat], ['083'], 100 + k);
    return {
      ...f!,
      geometry: { type: 'Point' as const, coordinates: [k === 4 ? lon + 1e-6 : lon, lat] },
      properties: {
        ...f!.properties,
        name: `${name} ${k + 1}`,
        name_en: `${name} ${k + 1}`,
        district_code: k < 3 ? '083' : '085',
      },
    };
  });
}
const STACKED = stacked(5, STACK, 'Stacked facility');

let session: E2eSession;
let dataDir: string;

beforeAll(async () => {
  dataDir = await seedLargeDataDir(SYNTHETIC, [...STACKED, ...stacked(14, CROWD, 'Crowded facility')]);
  session = await E2eSession.start({ dataDir, users: [{ username: 'lena', role: 'editor' }] });
}, 240_000);

afterAll(async () => {
  await session?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** Every request the page makes to the facilities collection (path and query). */
function recordFacilityRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (r: Request) => {
    const url = new URL(r.url());
    if (url.pathname.startsWith(FACILITIES)) seen.push(`${url.pathname}${url.search}`);
  });
  return seen;
}

async function given(
  viewport = { width: 1280, height: 800 },
): Promise<{ page: Page; record: PageRecord; app: MapAppDriver; requests: string[] }> {
  const { page, record } = await session.newPage(viewport);
  const requests = recordFacilityRequests(page);
  return { page, record, app: new MapAppDriver(page, session.baseUrl), requests };
}

const tileRequests = (rs: string[]) => rs.filter((r) => r.includes('/tiles/WebMercatorQuad/'));
const pageRequests = (rs: string[]) => rs.filter((r) => /\/items\?/.test(r));

/**
 * Screenshots `<name>-<lang>-<width>.png` in Vietnamese and English at 1440×900 and 390×844 (the
 * page starts in Vietnamese at 1440×900); `again` restores what is shown after a change.
 */
async function shootEach(app: MapAppDriver, name: string, again: () => Promise<void> = async () => {}) {
  for (const [width, height] of [
    [1440, 900],
    [390, 844],
  ] as const) {
    // Esc closes a chooser left open (it would cover the phone's sheet handle).
    await app.page.keyboard.press('Escape');
    await app.page.setViewportSize({ width, height });
    // On a phone the panel is a bottom sheet over the map: fold it to see the map.
    const sheet = app.page.getByTestId('sheet-toggle');
    if ((await sheet.isVisible()) && (await sheet.getAttribute('aria-expanded')) === 'true')
      await sheet.click();
    for (const lang of ['vi', 'en'] as const) {
      await app.switchLanguage(lang);
      await app.waitForSettled();
      await again();
      await app.screenshot(`${name}-${lang}-${width}.png`);
    }
  }
  await app.switchLanguage('vi');
}

async function syntheticFacility(n: number): Promise<ApiFeature> {
  const label = `Synthetic facility ${String(n).padStart(5, '0')}`;
  const page = await session.api<ItemsResponse>(
    `/collections/facilities/items?q=${encodeURIComponent(label)}&limit=1`,
  );
  const f = page.features[0];
  if (!f || f.properties.name !== label) throw new Error(`no ${label} in the test data`);
  return f;
}

describe('a layer of tens of thousands of facilities', () => {
  it('is drawn from vector tiles with count bubbles, never downloaded whole', async () => {
    const { page, record, app, requests } = await given();
    await app.open('#map=9/22.35/104.05&layers=facilities');
    await app.waitForSettled();
    // Only the first page that tells the layer is large, then tiles: no paging through the items.
    expect(pageRequests(requests).filter((r) => !r.includes('bbox='))).toEqual([
      `${FACILITIES}items?limit=2000`,
    ]);
    expect(tileRequests(requests).length).toBeGreaterThan(0);
    const drawn = await page.evaluate(() =>
      window.__mapProbe!.renderedFeatures(['facilities-groups', 'facilities-symbol']),
    );
    expect(drawn.filter((f) => f.layer === 'facilities-groups').length).toBeGreaterThan(10);
    const counts = await page.evaluate(() =>
      window.__mapProbe!.layerIds().includes('facilities-group-count'),
    );
    expect(counts).toBe(true);
    await app.screenshot('large-layer-clusters.png');
    // The List tab shows the features in view from the server: a bbox page, not the whole layer.
    expect(requests.some((r) => r.includes('bbox='))).toBe(false);
    await app.openTab('list');
    await expect
      .poll(() => page.getByTestId('feature-list-item').filter({ hasText: 'Synthetic facility' }).count())
      .toBeGreaterThan(0);
    expect(pageRequests(requests).some((r) => r.includes('bbox=') && r.includes('limit=100'))).toBe(true);
    expect(record.consoleErrors).toEqual([]);
    expect(record.foreignRequests).toEqual([]);
    await page.close();
  });

  it('finds a tiled facility through the server search (q) and opens its details by id', async () => {
    const { page, record, app, requests } = await given();
    const target = await syntheticFacility(12_345);
    await app.open('#map=9/22.35/104.05');
    await app.waitForSettled();
    await app.search('synthetic facility 12345');
    await app.chooseSearchResult(String(target.properties.name));
    expect(requests.some((r) => r.includes('q=synthetic+facility+12345'))).toBe(true);
    await expect
      .poll(() => page.getByTestId('details-title').textContent())
      .toContain(String(target.properties.name));
    // Zoomed in on it, it is drawn as a single symbol from the tiles.
    await expect
      .poll(async () => {
        await app.waitForSettled();
        const drawn = await page.evaluate(() => window.__mapProbe!.renderedFeatures(['facilities-symbol']));
        return drawn.some((f) => f.id === target.id);
      })
      .toBe(true);
    expect(record.consoleErrors).toEqual([]);
    await page.close();
  });

  it('an edit goes into state and into fresh tiles, with no refetch of the collection', async () => {
    const { page, record, app, requests } = await given();
    // A shipped facility (the synthetic ones are not valid for the editor's schema checks); the whole layer is tiled.
    const target = (await session.api<ItemsResponse>('/collections/facilities/items?limit=1')).features[0]!;
    const [lon, lat] = (target.geometry as GeoJSON.Point).coordinates as [number, number];
    const edit = new EditDriver(app);
    await app.open(`#map=16/${lat}/${lon}&layers=facilities`);
    await app.waitForSettled();
    await edit.loginAs('lena', TEST_PASSWORD);
    await edit.enterEditMode();
    await edit.pickOnMap(lon, lat);
    await expect.poll(() => edit.field('name').inputValue()).toBe(String(target.properties.name));
    const before = requests.length;
    await edit.fill('name', 'Cơ sở đã sửa');
    await edit.save();
    await expect.poll(() => edit.notice().textContent()).toMatch(/^Đã lưu/);
    await app.waitForSettled();
    const after = requests.slice(before);
    // The save itself and fresh tiles; never the whole collection (no unbounded items page).
    expect(after.some((r) => r.startsWith(`${FACILITIES}items/${target.id}`))).toBe(true);
    expect(pageRequests(after).filter((r) => !r.includes('bbox='))).toEqual([]);
    await expect.poll(() => tileRequests(requests.slice(before)).length).toBeGreaterThan(0);
    expect(
      (await session.api<ApiFeature>(`/collections/facilities/items/${target.id}`)).properties.name,
    ).toBe('Cơ sở đã sửa');
    expect(record.consoleErrors).toEqual([]);
    await page.close();
  });
  it('a filter goes into every tile request, and the count bubbles count only the matches', async () => {
    const matched = await session.api<ItemsResponse>(
      '/collections/facilities/items?district_code=083&limit=1',
    );
    const all = await session.api<ItemsResponse>('/collections/facilities/items?limit=1');
    expect(matched.numberMatched).toBeGreaterThan(1000);
    expect(matched.numberMatched).toBeLessThan(all.numberMatched! / 4);
    const { page, record, app, requests } = await given({ width: 1440, height: 900 });
    await app.open('#map=8/22.36/104.08&layers=facilities&district=083');
    await app.waitForSettled();
    const tiles = tileRequests(requests);
    expect(tiles.length).toBeGreaterThan(0);
    for (const r of tiles) expect(r).toMatch(/\/tiles\/WebMercatorQuad\/\d+\/\d+\/\d+\?district_code=083$/);
    // What the map draws adds up to the server's count of the filtered layer (all of it in view).
    const drawn = await page.evaluate(() =>
      window.__mapProbe!.renderedFeatures(['facilities-groups', 'facilities-symbol']),
    );
    expect(drawn.filter((f) => f.layer === 'facilities-groups').length).toBeGreaterThan(5);
    expect(drawn.reduce((n, f) => n + (f.layer === 'facilities-groups' ? f.count! : 1), 0)).toBe(
      matched.numberMatched,
    );
    // The bubbles show (no note asking to zoom in to see the matches).
    expect(await page.getByTestId('map-filtered-groups').count()).toBe(0);
    await shootEach(app, 'large-layer-filtered');
    expect(record.consoleErrors).toEqual([]);
    await page.close();
  });

  it('features at one place on a tiled layer are offered in the chooser, filtered like the layer', async () => {
    const [lon, lat] = STACK;
    const { page, record, app, requests } = await given({ width: 1440, height: 900 });
    await app.open(`#map=17/${lat}/${lon}&layers=facilities`);
    await app.waitForSettled();
    // The tile draws them all at one spot.
    const drawn = await page.evaluate(() => window.__mapProbe!.renderedFeatures(['facilities-symbol']));
    expect(drawn.filter((f) => typeof f.id === 'number' && f.id > SYNTHETIC).length).toBe(5);
    const chooser = page.getByTestId('feature-chooser');
    await app.clickMapAt(lon, lat);
    await chooser.waitFor();
    expect(await chooser.getAttribute('aria-label')).toBe('5 đối tượng ở đây');
    const names = await page.getByTestId('chooser-item').locator('.hit-label').allTextContents();
    expect([...names].sort()).toEqual(STACKED.map((f) => f.properties.name));
    // The server was asked for the features in the click's box.
    expect(pageRequests(requests).some((r) => r.includes('bbox=') && r.includes('limit=12'))).toBe(true);
    await shootEach(app, 'large-layer-chooser', async () => {
      if (!(await chooser.isVisible())) await app.clickMapAt(lon, lat);
      await chooser.waitFor();
    });
    // Choosing one opens its details.
    await app.clickMapAt(lon, lat);
    await chooser.waitFor();
    await page.getByTestId('chooser-item').filter({ hasText: 'Stacked facility 3' }).click();
    await expect.poll(() => page.getByTestId('details-title').textContent()).toContain('Stacked facility 3');
    expect(record.consoleErrors).toEqual([]);
    await page.close();
    // With a filter on, the chooser offers only the matching ones.
    const filtered = await given();
    await filtered.app.open(`#map=17/${lat}/${lon}&layers=facilities&district=083`);
    await filtered.app.waitForSettled();
    await filtered.app.clickMapAt(lon, lat);
    await filtered.page.getByTestId('feature-chooser').waitFor();
    const shown = await filtered.page.getByTestId('chooser-item').locator('.hit-label').allTextContents();
    expect([...shown].sort()).toEqual(['Stacked facility 1', 'Stacked facility 2', 'Stacked facility 3']);
    await filtered.page.close();
  });

  it('a place with more features than the chooser lists says how many there are', async () => {
    const [lon, lat] = CROWD;
    const { page, record, app } = await given({ width: 1440, height: 900 });
    await app.open(`#map=17/${lat}/${lon}&layers=facilities`);
    await app.waitForSettled();
    const chooser = page.getByTestId('feature-chooser');
    const open = async () => {
      if (!(await chooser.isVisible())) await app.clickMapAt(lon, lat);
      await chooser.waitFor();
    };
    await open();
    expect(await chooser.getAttribute('aria-label')).toBe('14 đối tượng ở đây');
    expect(await page.getByTestId('chooser-item').count()).toBe(12);
    expect(await page.getByTestId('chooser-more').textContent()).toContain('12');
    await shootEach(app, 'large-layer-chooser-more', open);
    expect(record.consoleErrors).toEqual([]);
    await page.close();
  });
});

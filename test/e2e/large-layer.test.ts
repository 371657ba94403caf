import { rmSync } from 'node:fs';
import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiFeature, ItemsResponse } from '../../server/src/contract/api';
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

let session: E2eSession;
let dataDir: string;

beforeAll(async () => {
  dataDir = await seedLargeDataDir(SYNTHETIC);
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

async function given(): Promise<{ page: Page; record: PageRecord; app: MapAppDriver; requests: string[] }> {
  const { page, record } = await session.newPage();
  const requests = recordFacilityRequests(page);
  return { page, record, app: new MapAppDriver(page, session.baseUrl), requests };
}

const tileRequests = (rs: string[]) => rs.filter((r) => r.includes('/tiles/WebMercatorQuad/'));
const pageRequests = (rs: string[]) => rs.filter((r) => /\/items\?/.test(r));

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
});

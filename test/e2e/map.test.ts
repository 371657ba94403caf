import { describe, expect, it } from 'vitest';
import { geometryBbox } from '../../client/src/lib/geometry';
import { SEQUENTIAL_5 } from '../../client/src/lib/palette';
import type { ItemsResponse } from '../../server/src/contract/api';
import { pageSuite } from './driver/suite';

const suite = pageSuite();
const given = suite.given;

/** A choropleth colour as drawn: fill-opacity 0.85 over the offline basemap's province fill. */
function drawn(hex: string): string {
  const base = [0xfa, 0xf8, 0xf2];
  const rgb = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
  return `#${rgb
    .map((c, k) =>
      Math.round(c * 0.85 + base[k]! * 0.15)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

async function point(collection: string, pick: (p: Record<string, unknown>) => boolean) {
  const items = await suite.session().api<ItemsResponse>(`/collections/${collection}/items?limit=1000`);
  const f = items.features.find((x) => pick(x.properties));
  if (f?.geometry.type !== 'Point') throw new Error(`no point in ${collection} matching`);
  const [lon, lat] = f.geometry.coordinates as [number, number];
  return { id: f.id, name: String(f.properties.name), lon, lat, all: items.features };
}

describe('the map, as a user sees it', () => {
  it('draws the district choropleth inside the province and shows the legend classes', async () => {
    const app = await given();
    await app.open();
    const png = await app.screenshot('desktop-vi.png');
    const province = await suite.session().api<ItemsResponse>('/collections/province/items');
    const [w, s, e, n] = geometryBbox(province.features[0]!.geometry)!;
    const nw = await app.project(w, n);
    const se = await app.project(e, s);
    const counts = await app.countColours(png, SEQUENTIAL_5.map(drawn), [nw.x, nw.y, se.x, se.y]);
    // At least three of the five class colours cover a visible area inside the province.
    expect(counts.filter((c) => c > 400).length).toBeGreaterThanOrEqual(3);

    const classes = app.legendClasses();
    expect(await classes.count()).toBeGreaterThanOrEqual(3);
    expect(await classes.count()).toBeLessThanOrEqual(5);
    await expect.poll(() => classes.first().textContent()).toMatch(/\d.*–.*\d/);
  });

  it('clicking a craft village on the map opens its details', async () => {
    const app = await given();
    const village = await point('craft-villages', () => true);
    await app.open(`#map=13/${village.lat}/${village.lon}&layers=choropleth,districts,villages`);
    await app.clickMapAt(village.lon, village.lat);
    await expect.poll(() => app.detailsTitle().textContent()).toBe(village.name);
    expect(await app.page.getByTestId('details-provenance').textContent()).toMatch(
      /Gần đúng|Chính thức|Theo báo/,
    );
    expect(await app.urlHash()).toContain(`sel=craft-villages/${village.id}`);
  });

  it('searching "ban pho" and choosing the result with the keyboard opens Bản Phố', async () => {
    const app = await given();
    await app.open();
    await app.search('ban pho');
    const results = app.page.getByTestId('search-result');
    await expect.poll(() => results.count()).toBeGreaterThan(0);
    expect(await results.first().textContent()).toContain('Bản Phố');
    await app.page.getByTestId('search-input').press('Enter');
    await expect.poll(() => app.detailsTitle().textContent()).toContain('Bản Phố');
    await app.waitForSettled();
    const target = await point('craft-villages', (p) => String(p.name).includes('Bản Phố'));
    const view = await app.view();
    expect(Math.abs(view.lat - target.lat)).toBeLessThan(0.05);
    expect(Math.abs(view.lon - target.lon)).toBeLessThan(0.05);
  });

  it('switching to English changes the labels, and the choice is remembered', async () => {
    const app = await given();
    await app.open();
    expect(await app.page.getByTestId('tab-layers').textContent()).toBe('Lớp');
    await app.switchLanguage('en');
    expect(await app.page.getByTestId('tab-layers').textContent()).toBe('Layers');
    expect(await app.page.getAttribute('html', 'lang')).toBe('en');
    await app.waitForSettled();
    await app.screenshot('desktop-en.png');
    await app.reload();
    expect(await app.page.getByTestId('tab-layers').textContent()).toBe('Layers');
  });

  it('reloading a shared URL restores the view, layers, indicator and selection', async () => {
    const app = await given();
    const village = await point('craft-villages', () => true);
    const hash = `#map=11.5/${village.lat}/${village.lon}&layers=choropleth,districts,villages&ind=workers&year=2008&sel=craft-villages/${village.id}`;
    await app.open(hash);
    const view = await app.view();
    expect(view.zoom).toBeCloseTo(11.5, 2);
    expect(view.lat).toBeCloseTo(village.lat, 3);
    expect(view.lon).toBeCloseTo(village.lon, 3);
    expect(await app.detailsTitle().textContent()).toBe(village.name);
    expect(await app.page.getByTestId('layer-toggle-facilities').count()).toBe(0); // details tab is open
    await app.openTab('layers');
    expect(await app.page.getByTestId('layer-toggle-facilities').isChecked()).toBe(false);
    expect(await app.page.getByTestId('layer-toggle-villages').isChecked()).toBe(true);
    await app.openTab('indicators');
    expect(await app.page.getByTestId('indicator-select').inputValue()).toBe('workers');
    expect(await app.page.getByTestId('year-select').inputValue()).toBe('2008');

    await app.reload();
    expect(await app.detailsTitle().textContent()).toBe(village.name);
    expect((await app.view()).zoom).toBeCloseTo(11.5, 2);
  });

  it('a 390×844 phone shows the panel as a bottom sheet over the map', async () => {
    const app = await given({ width: 390, height: 844 });
    await app.open();
    const box = await app.sidePanel().boundingBox();
    expect(box).not.toBeNull();
    expect(box!.x).toBe(0);
    expect(box!.width).toBe(390);
    expect(box!.y + box!.height).toBeCloseTo(844, 0);
    expect(box!.y).toBeGreaterThan(844 * 0.45);
    const map = await app.page.getByTestId('map').boundingBox();
    expect(map!.height).toBeGreaterThan(600);
    await app.screenshot('phone-vi.png');
    await app.switchLanguage('en');
    await app.waitForSettled();
    await app.screenshot('phone-en.png');
  });

  it('everything is reachable by keyboard: tabs, the list of features in view, details', async () => {
    const app = await given();
    await app.open();
    await app.page.getByTestId('tab-layers').focus();
    for (let i = 0; i < 3; i++) await app.page.keyboard.press('ArrowRight');
    expect(await app.page.getByTestId('tab-list').getAttribute('aria-selected')).toBe('true');
    await app.page.keyboard.press('Tab');
    const first = app.page.getByTestId('feature-list-item').first();
    expect(await first.evaluate((el) => el === document.activeElement)).toBe(true);
    const label = await first.textContent();
    await app.page.keyboard.press('Enter');
    await expect.poll(() => app.detailsTitle().textContent()).toBe(label);
  });

  it('the OpenStreetMap basemap carries its attribution (tiles answered locally in this test)', async () => {
    const app = await given();
    const tile = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
      'base64',
    );
    await app.page.route('https://tile.openstreetmap.org/**', (route) =>
      route.fulfill({ status: 200, contentType: 'image/png', body: tile }),
    );
    await app.open();
    await app.page.getByTestId('basemap-osm').check();
    await app.waitForSettled();
    const attribution = app.page.locator('.maplibregl-ctrl-attrib-inner');
    await expect.poll(() => attribution.textContent()).toContain('OpenStreetMap contributors');
    expect(await app.urlHash()).toContain('base=osm');
    // The online basemap is the only thing that left the server, and only because it was chosen.
    const record = suite.record();
    expect(record.foreignRequests.length).toBeGreaterThan(0);
    expect(record.foreignRequests.every((u) => u.startsWith('https://tile.openstreetmap.org/'))).toBe(true);
    record.foreignRequests.length = 0;
  });

  it('hovering a district shows its name and indicator value', async () => {
    const app = await given();
    const districts = await suite.session().api<ItemsResponse>('/collections/districts/items');
    const d = districts.features.find((f) => typeof f.properties.seat_lon === 'number')!;
    await app.open('#layers=choropleth,districts');
    const p = await app.project(Number(d.properties.seat_lon), Number(d.properties.seat_lat));
    await app.page.mouse.move(p.x, p.y);
    const tooltip = app.page.getByTestId('map-tooltip');
    await expect.poll(() => tooltip.textContent()).toContain(String(d.properties.name));
    expect(await tooltip.textContent()).toMatch(/: [\d.,]+ /);
  });

  it('a craft filter narrows the map list, and the URL keeps it', async () => {
    const app = await given();
    const villages = await suite.session().api<ItemsResponse>('/collections/craft-villages/items?limit=1000');
    const craft = String(villages.features[0]!.properties.craft);
    const expected = villages.features.filter((f) => f.properties.craft === craft).length;
    await app.open('#layers=villages');
    await app.openTab('list');
    const items = app.page.getByTestId('feature-list-item');
    await expect.poll(() => items.count()).toBe(villages.features.length);
    await app.openTab('filters');
    await app.page.getByTestId('filter-craft').selectOption(craft);
    await app.openTab('list');
    await expect.poll(() => items.count()).toBe(expected);
    expect(await app.urlHash()).toContain(`craft=${craft}`);
  });
});

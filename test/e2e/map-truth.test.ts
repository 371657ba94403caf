import { describe, expect, it } from 'vitest';
import { labelPoints } from '../../client/src/lib/labelPoints';
import type { ApiFeature, ItemsResponse } from '../../server/src/contract/api';
import { pageSuite } from './driver/suite';

// Issue 8: the map reads right at a glance. One server and browser for the file, a page per test.
const suite = pageSuite();
const given = suite.given;

async function items(collection: string): Promise<ApiFeature[]> {
  return (await suite.session().api<ItemsResponse>(`/collections/${collection}/items?limit=1000`)).features;
}

async function lonLat(collection: string, pick: (p: Record<string, unknown>) => boolean) {
  const f = (await items(collection)).find((x) => pick(x.properties));
  if (f?.geometry.type !== 'Point') throw new Error(`no point in ${collection}`);
  const [lon, lat] = f.geometry.coordinates as [number, number];
  return { id: f.id, name: String(f.properties.name), nameEn: String(f.properties.name_en), lon, lat };
}

describe('features at the same place all stay reachable', () => {
  it('a click where two craft villages share a point offers both ("2 features here")', async () => {
    const app = await given();
    const villages = (await items('craft-villages')).filter((f) =>
      String(f.properties.name).includes('Cát Cát'),
    );
    expect(villages).toHaveLength(2);
    const [lon, lat] = (villages[0]!.geometry as GeoJSON.Point).coordinates as [number, number];
    await app.open(`#map=14/${lat}/${lon}&layers=villages`);
    await app.clickMapAt(lon, lat);
    const chooser = app.page.getByTestId('feature-chooser');
    await chooser.waitFor();
    expect(await chooser.getAttribute('aria-label')).toBe('2 đối tượng ở đây');
    const names = await app.page.getByTestId('chooser-item').locator('.hit-label').allTextContents();
    expect([...names].sort()).toEqual(villages.map((v) => String(v.properties.name)).sort());
    expect(await app.focusedTestId()).toBe('chooser-item');
    await app.screenshot('chooser-vi.png');
    await app.page.getByTestId('chooser-item').nth(1).click();
    await expect.poll(() => app.detailsTitle().textContent()).toBe(names[1]);
  });

  it('each spread symbol is its own feature: hovering it names it (the expressway end is not under the gate)', async () => {
    const app = await given();
    const end = await lonLat('landmarks', (p) => p.kind === 'expressway_end');
    const gate = await lonLat('landmarks', (p) => String(p.name).includes('Kim Thành'));
    expect([end.lon, end.lat]).toEqual([gate.lon, gate.lat]);
    await app.open(`#map=14/${end.lat}/${end.lon}&layers=landmarks`);
    const at = await app.project(end.lon, end.lat);
    const tooltip = app.page.getByTestId('map-tooltip');
    const named: string[] = [];
    for (const dx of [-14, 14]) {
      await app.page.mouse.move(at.x + dx, at.y);
      await expect.poll(() => tooltip.count()).toBe(1);
      named.push(String(await tooltip.textContent()));
    }
    expect(named.sort()).toEqual([end.name, gate.name].sort());
  });
});

describe('the indicator map tells the truth', () => {
  it('opens on an indicator that is not illustrative; an illustrative one is marked on the map and in tooltips', async () => {
    const app = await given();
    await app.open('#layers=choropleth,districts');
    await app.openTab('indicators');
    expect(await app.page.getByTestId('indicator-select').inputValue()).toBe('population_density');
    expect(await app.page.getByTestId('legend-illustrative').count()).toBe(0);
    expect(await app.page.getByTestId('map-illustrative').count()).toBe(0);
    const option = app.page.locator('[data-testid="indicator-select"] option[value="establishments"]');
    expect(await option.textContent()).toContain('(minh hoạ)');

    await app.page.getByTestId('indicator-select').selectOption('establishments');
    await app.page.getByTestId('map-illustrative').waitFor();
    // Văn Bàn's label point: inside the district (point layers are off).
    const vanBan = (await items('districts')).filter((f) => f.properties.code === '089');
    const [lon, lat] = labelPoints({ type: 'FeatureCollection', features: vanBan }).features[0]!.geometry
      .coordinates;
    await app.waitForSettled();
    const p = await app.project(lon!, lat!);
    await app.page.mouse.move(p.x, p.y);
    await expect.poll(() => app.page.getByTestId('map-tooltip').textContent()).toMatch(/\(minh hoạ\)$/);
    expect(await app.layerIds()).toContain('districts-illustrative-hatch');
    await app.screenshot('illustrative-vi.png');
  });
});

describe('words, language and links', () => {
  it('the English UI ranks the districts by their English names', async () => {
    const app = await given();
    await app.open('#lang=en');
    await app.openTab('indicators');
    const names = await app.page
      .getByTestId('district-ranking')
      .locator('tbody td:first-child')
      .allTextContents();
    const english = (await items('districts')).map((f) => String(f.properties.name_en));
    expect(names).toHaveLength(9);
    expect(names.every((n) => english.includes(n))).toBe(true);
    expect(names.some((n) => /Huyện|Thành phố|Thị xã/.test(n))).toBe(false);
  });

  it('the language is part of the link, and an English browser opens in English on a first visit', async () => {
    const app = await given();
    await app.open('#lang=en');
    expect(await app.page.getByTestId('tab-layers').textContent()).toBe('Layers');
    await app.switchLanguage('vi');
    await expect.poll(() => app.urlHash()).toContain('lang=vi');
    const english = await suite.given(undefined, { locale: 'en-US' });
    await english.open();
    expect(await english.page.getByTestId('tab-layers').textContent()).toBe('Layers');
    expect(await english.urlHash()).toContain('lang=en');
  });

  it('search ignores spaces and diacritics ("sapa"), and ranks an industrial zone before a facility', async () => {
    const app = await given();
    await app.open();
    await app.search('sapa');
    const results = app.page.getByTestId('search-result');
    await expect.poll(() => results.count()).toBeGreaterThan(0);
    expect(await results.allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('Sa Pa')]),
    );
    await app.search('tang loong');
    await expect.poll(() => results.first().textContent()).toContain('KCN Tằng Loỏng');
    await app.search('zzzz khong co');
    await app.page.getByTestId('search-empty').waitFor();
    const problems = await app.accessibilityViolations();
    expect(problems.filter((p) => p.startsWith('aria-required-children'))).toEqual([]);
  });

  it('details open scrolled to the top for every newly chosen feature', async () => {
    const app = await given({ width: 1280, height: 600 });
    await app.open();
    await app.search('tang loong');
    await app.chooseSearchResult('KCN Tằng Loỏng');
    await app.detailsTitle().waitFor();
    const panel = app.sidePanel();
    await panel.evaluate((el) => {
      el.scrollTop = el.scrollHeight;
    });
    expect(await panel.evaluate((el) => el.scrollTop)).toBeGreaterThan(100);
    await app.search('dan lat ha nhi');
    await app.chooseSearchResult('Đan lát Hà Nhì Y Tý');
    await expect.poll(() => app.detailsTitle().textContent()).toBe('Đan lát Hà Nhì Y Tý');
    expect(await panel.evaluate((el) => el.scrollTop)).toBe(0);
  });
});

describe('filters say what the map shows', () => {
  it('an unknown district code in a link is reported and not applied', async () => {
    const app = await given();
    await app.open('#district=999&layers=villages');
    await app.page.getByTestId('map-unknown-filter').waitFor();
    expect(await app.page.getByTestId('map-unknown-filter').textContent()).toContain('999');
    await app.openTab('list');
    await expect.poll(() => app.page.getByTestId('feature-list-item').count()).toBeGreaterThan(10);
    await app.page.getByTestId('map-unknown-filter-drop').click();
    await expect.poll(() => app.urlHash()).not.toContain('district=');
  });

  it('a district filter outlines and zooms to the district, and the legends list only what is left', async () => {
    const app = await given();
    await app.open();
    const before = await app.view();
    await app.openTab('filters');
    await app.page.getByTestId('filter-district').selectOption('088');
    await app.waitForSettled();
    expect((await app.view()).zoom).toBeGreaterThan(before.zoom + 0.5);
    expect(await app.layerIds()).toContain('districts-highlight');
    await app.openTab('layers');
    const villagesIn088 = (await items('craft-villages')).filter((f) => f.properties.district_code === '088');
    const crafts = new Set(villagesIn088.map((f) => f.properties.craft));
    expect(await app.page.getByTestId('legend-villages').locator('li').count()).toBe(crafts.size);
    expect(await app.page.getByTestId('tab-filters').textContent()).toBe('Lọc (1)');
  });
});

describe('keyboard and phone', () => {
  it('closing a dialog gives the focus back to the button that opened it', async () => {
    const app = await given();
    await app.open();
    await app.page.getByTestId('staff-login').focus();
    await app.page.keyboard.press('Enter');
    await app.page.getByRole('dialog').waitFor();
    await app.page.keyboard.press('Escape');
    await app.page.getByRole('dialog').waitFor({ state: 'detached' });
    expect(await app.focusedTestId()).toBe('staff-login');
  });

  it('a skip link leads to the panel, and map controls show a focus ring', async () => {
    const app = await given();
    await app.open();
    await app.page.keyboard.press('Tab');
    expect(await app.focusedTestId()).toBe('skip-link');
    await app.page.keyboard.press('Enter');
    expect(await app.focusedTestId()).toBe('side-panel');
    await app.page.locator('.maplibregl-ctrl-zoom-in').focus();
    await app.page.keyboard.press('Shift+Tab');
    await app.page.keyboard.press('Tab');
    const outline = await app.page
      .locator('.maplibregl-ctrl-zoom-in')
      .evaluate((el) => getComputedStyle(el).outlineStyle);
    expect(outline).toBe('solid');
  });

  it('on a phone, tapping a symbol with the sheet collapsed opens its details', async () => {
    const app = await given({ width: 390, height: 844 });
    const village = await lonLat('craft-villages', (p) => String(p.name).includes('Bản Phố'));
    await app.open(`#map=13/${village.lat}/${village.lon}&layers=villages`);
    await app.page.getByTestId('sheet-toggle').click();
    expect(await app.page.getByTestId('sheet-toggle').getAttribute('aria-expanded')).toBe('false');
    await app.waitForSettled();
    await app.clickMapAt(village.lon, village.lat);
    await expect.poll(() => app.detailsTitle().textContent()).toBe(village.name);
    expect(await app.page.getByTestId('sheet-toggle').getAttribute('aria-expanded')).toBe('true');
  });

  it('choosing the online basemap while offline says so and shows the built-in one', async () => {
    const app = await given();
    await app.page.route('https://tile.openstreetmap.org/**', (route) => route.abort('internetdisconnected'));
    await app.open();
    await app.page.getByTestId('basemap-osm').check();
    await app.page.getByTestId('map-basemap-offline').waitFor();
    await app.waitForSettled();
    expect(await app.layerIds()).not.toContain('osm');
    expect(await app.layerIds()).toContain('context-country');
    // The aborted tile requests are the only foreign requests and the browser's only console errors.
    const record = suite.record();
    expect(record.foreignRequests.every((u) => u.startsWith('https://tile.openstreetmap.org/'))).toBe(true);
    expect(record.consoleErrors.every((e) => /Failed to load resource/.test(e))).toBe(true);
    record.foreignRequests.length = 0;
    record.consoleErrors.length = 0;
  });
});

describe('screenshots (looked at in both languages, at both sizes)', () => {
  it('writes issue8-{desktop,phone}-{vi,en}.png with a cluster selected', async () => {
    for (const [size, viewport] of [
      ['desktop', { width: 1440, height: 900 }],
      ['phone', { width: 390, height: 844 }],
    ] as const) {
      const app = await given(viewport);
      const cluster = await lonLat('industrial-clusters', (p) => p.kind === 'industrial_zone');
      await app.open(`#sel=industrial-clusters/${cluster.id}`);
      for (const lang of ['vi', 'en'] as const) {
        await app.switchLanguage(lang);
        await app.waitForSettled();
        await app.screenshot(`issue8-${size}-${lang}.png`);
      }
      expect(await app.detailsTitle().textContent()).toBe(cluster.nameEn);
      if (size === 'phone') {
        // A shared link to a feature shows it above the bottom sheet.
        const at = await app.project(cluster.lon, cluster.lat);
        const sheet = await app.sidePanel().boundingBox();
        expect(at.y).toBeLessThan(sheet!.y);
        expect(at.y).toBeGreaterThan(0);
      }
    }
  });
});

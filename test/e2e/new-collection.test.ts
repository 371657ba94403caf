import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { booleanPointInPolygon, point } from '@turf/turf';
import type { Feature, Polygon } from 'geojson';
import { afterAll, describe, expect, it } from 'vitest';
import type { ApiFeature, CollectionsResponse, ItemsResponse } from '../../server/src/contract/api';
import { TEST_PASSWORD } from '../helpers/auth';
import { SHIPPED_GEODATA } from '../helpers/server';
import type { MapAppDriver } from './driver/app.driver';
import { EditDriver } from './driver/edit.driver';
import { pageSuite } from './driver/suite';

// Issue 9: a collection added to a copy of geodata/ (schema + data + catalog entry) appears on the
// map, in the legend, the layers list, the filters, search, the list, the details and the editor,
// and in the API, with no client code change: the one built client is served as shipped.

const ID = 'cooperatives';
const COOPS = [
  {
    name: 'HTX chè Shan tuyết (thử nghiệm)',
    en: 'Shan tuyet tea cooperative (test)',
    sector: 'tea',
    district: '089',
    at: [104.238, 22.002],
  },
  {
    name: 'HTX mật ong (thử nghiệm)',
    en: 'Honey cooperative (test)',
    sector: 'honey',
    district: '087',
    at: [104.389, 22.223],
  },
  {
    name: 'HTX thổ cẩm (thử nghiệm)',
    en: 'Brocade cooperative (test)',
    sector: 'brocade',
    district: '082',
    at: [103.767, 22.517],
  },
] as const;
const TEA_COLOR = '#0072B2';

/** geodata/ copied to a temp folder, plus the cooperatives: a schema, three points, a catalog entry. */
function geodataWithCooperatives(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'laocai-geodata-'));
  cpSync(SHIPPED_GEODATA, dir, { recursive: true });
  const read = (file: string) => JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
  const write = (file: string, json: unknown) =>
    writeFileSync(path.join(dir, file), JSON.stringify(json, null, 2));
  // Shared property definitions (district code, provenance) as the shipped schemas spell them.
  const shared = read('schema/craft-villages.schema.json').properties;
  const pick = (...names: string[]) => Object.fromEntries(names.map((n) => [n, shared[n]]));
  const required = ['name', 'name_en', 'sector', 'district_code', 'members', 'source', 'confidence'];
  write('schema/cooperatives.schema.json', {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://laocai-industry-map.local/schema/cooperatives.schema.json',
    title: 'Cooperative',
    'x-title-vi': 'Hợp tác xã',
    type: 'object',
    additionalProperties: false,
    required: [...required, 'source_url', 'location_precision', 'location_uncertainty_km'],
    properties: {
      ...pick('name', 'name_en'),
      sector: {
        title: 'Sector',
        'x-title-vi': 'Ngành',
        type: 'string',
        enum: ['tea', 'honey', 'brocade'],
        'x-enum-titles': {
          tea: { vi: 'Chè', en: 'Tea' },
          honey: { vi: 'Mật ong', en: 'Honey' },
          brocade: { vi: 'Thổ cẩm', en: 'Brocade' },
        },
      },
      ...pick('district_code'),
      members: { title: 'Members', 'x-title-vi': 'Số thành viên', type: 'integer', minimum: 1 },
      ...pick('source', 'source_url', 'confidence', 'location_precision', 'location_uncertainty_km'),
    },
  });
  write('cooperatives.geojson', {
    type: 'FeatureCollection',
    name: ID,
    features: COOPS.map((c, i) => ({
      type: 'Feature',
      id: i + 1,
      properties: {
        name: c.name,
        name_en: c.en,
        sector: c.sector,
        district_code: c.district,
        members: 10 + i,
        source: 'Test fixture (made up for this test)',
        source_url: null,
        confidence: 'illustrative',
        location_precision: 'surveyed',
        location_uncertainty_km: null,
      },
      geometry: { type: 'Point', coordinates: c.at },
    })),
  });
  const catalog = read('schema/collections.json');
  catalog.collections.push({
    id: ID,
    title: { vi: 'Hợp tác xã', en: 'Cooperatives' },
    description: { vi: 'Hợp tác xã (dữ liệu thử).', en: 'Cooperatives (test data).' },
    file: 'cooperatives.geojson',
    schema: 'cooperatives.schema.json',
    geometryTypes: ['Point'],
    queryables: ['district_code', 'sector', 'confidence', 'location_precision'],
    search: ['name', 'name_en'],
    editable: true,
    display: {
      symbol: 'triangle',
      size: 15,
      color: '#555555',
      colorBy: { property: 'sector', palette: { tea: TEA_COLOR, honey: '#D55E00', brocade: '#CC79A7' } },
      label: { minZoom: 8, priority: 35 },
      filters: [
        { property: 'district_code', key: 'district' },
        { property: 'sector', key: 'sector', title: { vi: 'Ngành của HTX', en: 'Cooperative sector' } },
      ],
      searchRank: 25,
    },
  });
  write('schema/collections.json', catalog);
  return dir;
}

const geodata = geodataWithCooperatives();
afterAll(() => rmSync(geodata, { recursive: true, force: true }));
const suite = pageSuite({ geodataDir: geodata, users: [{ username: 'hoa', role: 'editor' }] });

/** Distinct cooperatives drawn in the viewport now (read from the map itself). */
async function drawnCooperatives(app: MapAppDriver): Promise<number[]> {
  const drawn = await app.page.evaluate(() => window.__mapProbe!.renderedFeatures());
  return [...new Set(drawn.filter((f) => f.source === ID).map((f) => Number(f.id)))].sort();
}

describe('a collection added to geodata/ with no client code change', () => {
  it('is in the API: the catalog with its hints, its items, its schema and its queryables', async () => {
    const api = suite.session();
    const list = await api.api<CollectionsResponse>('/collections');
    const coop = list.collections.find((c) => c.id === ID);
    expect(list.collections.map((c) => c.id).at(-1)).toBe(ID);
    expect(coop).toMatchObject({
      localized: { title: { vi: 'Hợp tác xã', en: 'Cooperatives' } },
      editable: true,
      geometryTypes: ['Point'],
      display: {
        geometry: 'point',
        symbol: 'triangle',
        toggle: { key: ID, visible: true, title: { vi: 'Hợp tác xã', en: 'Cooperatives' } },
        legend: 'categories',
        spread: true,
      },
    });
    expect((await api.api<{ id: string }>(`/collections/${ID}`)).id).toBe(ID);
    expect((await api.api<ItemsResponse>(`/collections/${ID}/items`)).features).toHaveLength(3);
    const tea = await api.api<ItemsResponse>(`/collections/${ID}/items?sector=tea`);
    expect(tea.features.map((f) => f.properties.name)).toEqual([COOPS[0].name]);
    expect((await api.api<{ title: string }>(`/collections/${ID}/schema`)).title).toBe('Cooperative');
    // The points are inside the districts they name (the editor's save keeps them there).
    const districts = await api.api<ItemsResponse>('/collections/districts/items');
    for (const c of COOPS) {
      const d = districts.features.find((f) => f.properties.code === c.district) as
        | Feature<Polygon>
        | undefined;
      expect(d && booleanPointInPolygon(point([...c.at]), d)).toBe(true);
    }
  });

  it('is drawn on the map with its own symbol and colour, and hovering or clicking it names it', async () => {
    const app = await suite.given({ width: 1440, height: 900 });
    await app.open();
    expect(await drawnCooperatives(app)).toEqual([1, 2, 3]);
    const [lon, lat] = COOPS[0].at;
    const p = await app.project(lon, lat);
    const png = await app.screenshot('new-collection-desktop-vi.png');
    const [tea] = await app.countColours(png, [TEA_COLOR], [p.x - 9, p.y - 9, p.x + 9, p.y + 9], 6);
    expect(tea).toBeGreaterThan(15);
    await app.page.mouse.move(p.x, p.y);
    await expect.poll(() => app.page.getByTestId('map-tooltip').textContent()).toBe(COOPS[0].name);
    await app.page.mouse.click(p.x, p.y);
    await expect.poll(() => app.detailsTitle().textContent()).toBe(COOPS[0].name);
    expect(await app.page.locator('[data-testid="details-panel"] .kicker').textContent()).toBe('Hợp tác xã');
    expect(await app.page.getByTestId('details-props').textContent()).toContain('Chè');
    expect(await app.urlHash()).toContain(`sel=${ID}/1`);
  });

  it('has a layer toggle with a legend of its symbols, in both languages; switching it off hides it', async () => {
    const app = await suite.given({ width: 1440, height: 900 });
    await app.open();
    const toggle = app.page.getByTestId(`layer-toggle-${ID}`);
    expect(await toggle.isChecked()).toBe(true);
    const legend = app.page.getByTestId(`legend-${ID}`);
    expect(await legend.locator('li').allTextContents()).toEqual(['Chè', 'Mật ong', 'Thổ cẩm']);
    expect(await legend.locator('img.symbol-swatch').count()).toBe(3);
    await legend.scrollIntoViewIfNeeded();
    await app.screenshot('new-collection-legend-vi.png');
    await app.switchLanguage('en');
    expect(await app.page.locator('.layer-list li', { has: toggle }).first().textContent()).toContain(
      'Cooperatives',
    );
    expect(await legend.locator('li').allTextContents()).toEqual(['Tea', 'Honey', 'Brocade']);
    await app.screenshot('new-collection-desktop-en.png');
    await toggle.click();
    await app.waitForSettled();
    expect(await drawnCooperatives(app)).toEqual([]);
    expect(await app.urlHash()).not.toMatch(new RegExp(`layers=[^&]*${ID}`));
  });

  it('has its filters: its own sector filter, and the district filter narrows it too', async () => {
    const app = await suite.given();
    await app.open();
    await app.openTab('filters');
    const sector = app.page.getByTestId('filter-sector');
    expect(await app.page.locator('label', { has: sector }).locator('span').textContent()).toBe(
      'Ngành của HTX',
    );
    await sector.selectOption('honey');
    await app.openTab('layers');
    await app.waitForSettled();
    expect(await drawnCooperatives(app)).toEqual([2]);
    expect(await app.page.getByTestId(`legend-${ID}`).locator('li').allTextContents()).toEqual(['Mật ong']);
    expect(await app.urlHash()).toContain('sector=honey');
    // A shared link with the district filter: only the cooperative of that district is left.
    const link = await suite.given();
    await link.open(`#district=089&layers=${ID}`);
    await link.openTab('list');
    await expect
      .poll(() => link.page.getByTestId('feature-list-item').allTextContents())
      .toEqual([COOPS[0].name]);
  });

  it('is found by search (diacritics ignored), with its kind, and choosing it opens it', async () => {
    const app = await suite.given();
    await app.open();
    await app.search('thu nghiem');
    const results = app.page.getByTestId('search-result');
    await expect.poll(() => results.count()).toBe(3);
    expect(await results.locator('.hit-kind').allTextContents()).toEqual([
      'Hợp tác xã',
      'Hợp tác xã',
      'Hợp tác xã',
    ]);
    await app.chooseSearchResult('mật ong');
    await expect.poll(() => app.detailsTitle().textContent()).toBe(COOPS[1].name);
  });

  it('is in the editor: the layer selector, the attribute form from its schema, and a save', async () => {
    const [lon, lat] = COOPS[2].at;
    const edit = new EditDriver(await suite.given({ width: 1440, height: 900 }));
    await edit.app.open(`#map=12/${lat}/${lon}`);
    await edit.loginAs('hoa', TEST_PASSWORD);
    await edit.enterEditMode();
    const options = await edit.page.getByTestId('editor-collection').locator('option').allTextContents();
    expect(options).toContain('Hợp tác xã');
    await edit.chooseCollection(ID);
    expect(await edit.page.getByTestId('editor-new-point').count()).toBe(1);
    expect(await edit.page.getByTestId('editor-new-polygon').count()).toBe(0);
    await edit.pickOnMap(lon, lat);
    await expect.poll(() => edit.field('name').inputValue()).toBe(COOPS[2].name);
    expect(await edit.field('sector').inputValue()).toBe('brocade');
    expect(await edit.field('sector').locator('option').allTextContents()).toEqual(
      expect.arrayContaining(['Chè', 'Mật ong', 'Thổ cẩm']),
    );
    expect(await edit.field('members').inputValue()).toBe('12');
    await edit.fill('members', '40');
    await edit.save();
    await expect.poll(() => edit.notice().textContent()).toMatch(/^Đã lưu \(phiên bản 2\)/);
    await edit.app.screenshot('new-collection-editor-vi.png');
    const saved = await suite.session().api<ApiFeature>(`/collections/${ID}/items/3`);
    expect(saved.properties.members).toBe(40);
  });

  it('shows on a phone in both languages (screenshots looked at)', async () => {
    const app = await suite.given({ width: 390, height: 844 });
    await app.open(`#sel=${ID}/1`);
    for (const lang of ['vi', 'en'] as const) {
      await app.switchLanguage(lang);
      await app.waitForSettled();
      await app.screenshot(`new-collection-phone-${lang}.png`);
    }
    expect(await app.detailsTitle().textContent()).toBe(COOPS[0].en);
    expect(await drawnCooperatives(app)).toContain(1);
  });
});

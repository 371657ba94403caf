import { bbox, booleanPointInPolygon, distance, pointGrid, pointOnFeature } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import type { IndicatorValuesResponse, ItemsResponse } from '../../server/src/contract/api';
import { pageSuite } from './driver/suite';

// Issue 16: the planner's desk — charts (lazy), the change view, district profiles.
const suite = pageSuite();
const given = suite.given;

async function values(id: string, year: number): Promise<IndicatorValuesResponse> {
  return suite.session().api<IndicatorValuesResponse>(`/indicators/${id}?year=${year}`);
}

async function district(code: string) {
  const items = await suite.session().api<ItemsResponse>('/collections/districts/items?limit=100');
  const f = items.features.find((x) => x.properties.code === code);
  if (!f) throw new Error(`no district ${code}`);
  const [lon, lat] = pointOnFeature(f as GeoJSON.Feature).geometry.coordinates as [number, number];
  // A spot inside the district far from every symbol (a click there picks the district).
  const points: GeoJSON.Position[] = [];
  for (const c of ['industrial-clusters', 'craft-villages', 'facilities', 'landmarks']) {
    const page = await suite.session().api<ItemsResponse>(`/collections/${c}/items?limit=1000`);
    for (const x of page.features) if (x.geometry.type === 'Point') points.push(x.geometry.coordinates);
  }
  const poly = f as GeoJSON.Feature<GeoJSON.Polygon | GeoJSON.MultiPolygon>;
  const grid = pointGrid(bbox(poly), 1, { units: 'kilometers' }).features.filter((g) =>
    booleanPointInPolygon(g, poly),
  );
  const clear = (g: GeoJSON.Feature<GeoJSON.Point>) => Math.min(...points.map((p) => distance(g, p)));
  const spot = grid.sort((a, b) => clear(b) - clear(a))[0]?.geometry.coordinates as [number, number];
  return {
    spot,
    id: Number(f.id),
    name: String(f.properties.name),
    nameEn: String(f.properties.name_en),
    lon,
    lat,
  };
}

interface DrawnBar {
  code: string;
  year: string;
  value: number;
  illustrative: boolean;
}

describe('the chart panel', () => {
  it('loads on demand and draws one bar per district and year, equal to the API values, sorted, illustrative hatched', async () => {
    const app = await given({ width: 1440, height: 900 });
    const scripts: string[] = [];
    app.page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(r.url());
    });
    await app.open('#ind=establishments');
    expect(scripts.some((u) => /ChartPanel/.test(u))).toBe(false);
    await app.openTab('charts');
    const bars = app.page.locator('[data-testid="chart"] rect[data-code]');
    await expect.poll(() => bars.count()).toBe(18);
    expect(scripts.some((u) => /ChartPanel/.test(u))).toBe(true);
    const drawn = await bars.evaluateAll((els) =>
      els.map((e) => ({
        code: e.getAttribute('data-code') ?? '',
        year: e.getAttribute('data-year') ?? '',
        value: Number(e.getAttribute('data-value')),
        illustrative: e.getAttribute('data-illustrative') === 'true',
      })),
    );
    const [v2008, v2012] = [await values('establishments', 2008), await values('establishments', 2012)];
    const expected: DrawnBar[] = [v2008, v2012].flatMap((s) =>
      s.values.map((v) => ({
        code: v.district_code,
        year: String(s.year),
        value: v.value ?? Number.NaN,
        illustrative: v.status === 'illustrative',
      })),
    );
    const key = (b: DrawnBar) => `${b.code}/${b.year}`;
    expect([...drawn].sort((a, b) => key(a).localeCompare(key(b)))).toEqual(
      [...expected].sort((a, b) => key(a).localeCompare(key(b))),
    );
    // Groups sorted by the latest year, largest first (the table lists them in the same order).
    const order = [...v2012.values]
      .sort((a, b) => (b.value ?? 0) - (a.value ?? 0))
      .map((v) => v.district_code);
    const rows = await app.page
      .locator('[data-testid="chart-table"] tbody tr')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-code')));
    expect(rows).toEqual(order);
    // Illustrative: pale (opacity) and hatched, said in the same words as the map.
    const pale = await bars.first().getAttribute('fill-opacity');
    expect(Number(pale)).toBeLessThan(1);
    expect(await app.page.locator('[data-testid="chart"] g[fill^="url(#hatch"] rect').count()).toBe(18);
    await expect
      .poll(() => app.page.getByTestId('chart-illustrative').textContent())
      .toContain('số liệu minh hoạ — chia từ tổng của tỉnh, không phải số liệu thật của từng huyện');
    const province = await app.page.getByTestId('chart-province').textContent();
    expect(province).toContain(`Toàn tỉnh 2012: ${v2012.province?.value.toLocaleString('vi-VN')}`);
    expect(province).toContain(v2012.province?.source ?? '—');
    await app.screenshot('planner-chart-vi.png');
  });

  it('hovering a bar outlines its district on the map, and hovering the district marks its bars', async () => {
    const app = await given({ width: 1440, height: 900 });
    await app.open('#ind=establishments');
    await app.openTab('charts');
    const d = await district('083');
    const bar = app.page.locator('[data-testid="chart"] rect[data-code="083"]').first();
    await bar.waitFor();
    await bar.hover();
    const state = () => app.page.evaluate((id) => window.__mapProbe!.featureState('districts', id), d.id);
    await expect.poll(async () => (await state()).highlight).toBe(true);
    await app.page.mouse.move(5, 5);
    await expect.poll(async () => (await state()).highlight).toBe(false);
    const at = await app.project(...d.spot);
    await app.page.mouse.move(at.x, at.y);
    const marked = app.page.locator('[data-testid="chart"] rect.highlighted');
    await expect.poll(() => marked.count()).toBe(2);
    expect(await marked.evaluateAll((els) => els.map((e) => e.getAttribute('data-code')))).toEqual([
      '083',
      '083',
    ]);
  });

  it('the change view: growth 2008 → 2012 in percent on the chart and the map, diverging classes', async () => {
    const app = await given({ width: 1440, height: 900 }, { locale: 'en-US' });
    await app.open('#ind=establishments&lang=en');
    await app.openTab('charts');
    await app.page.getByTestId('chart-mode-pct').check();
    await expect.poll(() => app.urlHash()).toContain('change=pct');
    const [a, b] = [await values('establishments', 2008), await values('establishments', 2012)];
    const bars = app.page.locator('[data-testid="chart"] rect[data-code]');
    await expect.poll(() => bars.count()).toBe(9);
    const drawn = await bars.evaluateAll((els) =>
      Object.fromEntries(els.map((e) => [e.getAttribute('data-code'), Number(e.getAttribute('data-value'))])),
    );
    for (const v of b.values) {
      const first = a.values.find((x) => x.district_code === v.district_code)?.value ?? 0;
      expect(drawn[v.district_code]).toBeCloseTo((((v.value ?? 0) - first) / first) * 100, 6);
    }
    await expect
      .poll(() => app.page.getByTestId('legend-choropleth').first().textContent())
      .toContain('change 2008–2012');
    expect(await app.page.getByTestId('legend-method').first().textContent()).toMatch(
      /Change around 0|same value/,
    );
    await app.page.getByTestId('chart-mode-abs').check();
    await expect.poll(() => app.urlHash()).toContain('change=abs');
    await app.screenshot('planner-change-en.png');
  });
});

describe('the district profile', () => {
  it('opens from a link with every indicator in both years, growth, counts and sources', async () => {
    const app = await given({ width: 1440, height: 900 }, { locale: 'en-US' });
    await app.open('#profile=083&lang=en');
    const profile = app.page.getByTestId('district-profile');
    const d = await district('083');
    await expect.poll(() => profile.locator('h2').textContent()).toBe(`District profile: ${d.nameEn}`);
    const counts = profile.getByTestId('profile-counts');
    await counts.locator('[data-indicator="cluster_count"]').waitFor();
    const clusters = await suite.session().api<IndicatorValuesResponse>('/indicators/cluster_count');
    const mine = clusters.values.find((v) => v.district_code === '083')?.value;
    expect(await counts.locator('[data-indicator="cluster_count"] dd').textContent()).toContain(String(mine));
    for (const id of ['craft_village_count', 'facility_count', 'population_density'])
      expect(await counts.locator(`[data-indicator="${id}"]`).count()).toBe(1);
    const est = profile.locator('[data-indicator="establishments"]');
    const [a, b] = [await values('establishments', 2008), await values('establishments', 2012)];
    const va = a.values.find((v) => v.district_code === '083')!.value!;
    const vb = b.values.find((v) => v.district_code === '083')!.value!;
    expect(await est.textContent()).toContain(`2008: ${va.toLocaleString('en-US')}`);
    expect(await est.locator('[data-testid="profile-growth"]').textContent()).toContain(
      `${vb - va >= 0 ? '+' : ''}${(vb - va).toLocaleString('en-US')}`,
    );
    expect(await profile.locator('[data-indicator="population"]').count()).toBe(1);
    expect(await profile.getByTestId('profile-illustrative').count()).toBeGreaterThan(0);
    expect(await profile.getByTestId('profile-sources').locator('li').count()).toBeGreaterThan(2);
    await app.screenshot('planner-profile-en.png');
  });

  it('outlines its district on the map while it is open (also from a link), one "Huyện" in the heading', async () => {
    const app = await given({ width: 1440, height: 900 });
    await app.open('#profile=085');
    const d = await district('085');
    const state = (id: number) =>
      app.page.evaluate((i) => window.__mapProbe!.featureState('districts', i), id);
    await expect.poll(async () => (await state(d.id)).highlight).toBe(true);
    // The outline is drawn: the hover/highlight line layer's orange along the district's edge.
    await app.screenshot('planner-profile-outline-vi.png');
    const heading = app.page.getByTestId('district-profile').locator('h2');
    await expect.poll(() => heading.textContent()).toBe(`Hồ sơ ${d.name}`);
    // Every district's heading names its kind once (the name carries "Huyện", "Thị xã"…).
    const select = app.page.getByTestId('profile-select');
    let last = d;
    for (const code of await select
      .locator('option')
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))) {
      await select.selectOption(code);
      const other = await district(code);
      await expect.poll(() => heading.textContent()).toBe(`Hồ sơ ${other.name}`);
      expect(await heading.textContent()).not.toMatch(/(huyện|thị xã|thành phố)\s+\1/i);
      await expect.poll(async () => (await state(other.id)).highlight).toBe(true);
      if (code !== '085') expect((await state(d.id)).highlight).toBe(false);
      last = other;
    }
    // Leaving the profile lifts the outline.
    await app.openTab('layers');
    await expect.poll(async () => (await state(last.id)).highlight).toBe(false);
  });

  it('opens from the ranking and from the details of a district on the map', async () => {
    const app = await given({ width: 1440, height: 900 });
    await app.open('#ind=establishments');
    await app.openTab('indicators');
    await app.page.getByTestId('ranking-profile').first().click();
    await app.page.getByTestId('district-profile').waitFor();
    expect(await app.urlHash()).toMatch(/profile=\d{3}/);
    const d = await district('089');
    await app.clickMapAt(...d.spot);
    await app.page.getByTestId('details-profile').click();
    await expect
      .poll(() => app.page.getByTestId('district-profile').locator('h2').textContent())
      .toBe(`Hồ sơ ${d.name}`);
    expect(await app.urlHash()).toContain('profile=089');
  });
});

describe('the planner panels on a desk and a phone, in both languages', () => {
  for (const lang of ['vi', 'en'] as const)
    for (const vp of [
      { width: 1440, height: 900 },
      { width: 390, height: 844 },
    ])
      it(`charts, profile and table fit ${vp.width}×${vp.height} (${lang})`, async () => {
        const app = await given(vp, { locale: lang === 'vi' ? 'vi-VN' : 'en-US' });
        await app.open(`#ind=establishments&profile=083&lang=${lang}`);
        await app.page.getByTestId('profile-counts').waitFor();
        const overflow = () =>
          app.page.evaluate(() => {
            const panel = document.querySelector('[data-testid="side-panel"]')!;
            return panel.scrollWidth - panel.clientWidth;
          });
        expect(await overflow()).toBeLessThanOrEqual(1);
        await app.screenshot(`planner-profile-${vp.width}-${lang}.png`);
        await app.openTab('charts');
        await app.page.locator('[data-testid="chart"] rect[data-code]').first().waitFor();
        expect(await overflow()).toBeLessThanOrEqual(1);
        await app.screenshot(`planner-chart-${vp.width}-${lang}.png`);
        await app.openTab('table');
        await app.page.locator('[data-testid="attribute-table"] tbody tr').first().waitFor();
        await app.screenshot(`planner-table-${vp.width}-${lang}.png`);
      });
});

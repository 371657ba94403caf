import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog, loadSeedData } from '../../server/src/catalog/load-catalog';
import type { IndicatorsResponse, IndicatorValuesResponse } from '../../server/src/contract/api';
import { buildTestApp, FIXTURE_GEODATA, type TestApp } from '../helpers/server';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ geodataDir: FIXTURE_GEODATA });
});
afterAll(async () => t.close());

async function values(app: TestApp['app'], url: string): Promise<IndicatorValuesResponse> {
  const res = await app.inject(url);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<IndicatorValuesResponse>();
}

describe('indicators', () => {
  it('lists the catalog with the years and statuses present', async () => {
    const body = (await t.app.inject('/api/indicators')).json<IndicatorsResponse>();
    const byId = Object.fromEntries(body.indicators.map((i) => [i.id, i]));
    expect(byId.establishments).toMatchObject({ years: [2008, 2012], computed: false });
    expect(byId.establishments?.statuses.sort()).toEqual(['illustrative', 'reported']);
    expect(byId.cluster_count).toMatchObject({ years: [], computed: true, statuses: ['computed'] });
  });

  it('gives a stored indicator per district for a year, with the province total', async () => {
    const body = await values(t.app, '/api/indicators/establishments?year=2008');
    expect(body.year).toBe(2008);
    expect(body.values.map((v) => [v.district_code, v.value, v.status])).toEqual([
      ['080', 30, 'illustrative'],
      ['082', 50, 'illustrative'],
      ['086', 20, 'illustrative'],
    ]);
    // The fixture's indicators.csv has no source_lang column: the language is unknown (null).
    expect(body.province).toEqual({
      value: 100,
      status: 'reported',
      source: 'Test fixture, province total',
      source_lang: null,
    });
    expect(body.values.reduce((s, v) => s + (v.value ?? 0), 0)).toBe(body.province?.value);
  });

  it('defaults to the latest year and marks districts without data as null', async () => {
    expect((await values(t.app, '/api/indicators/establishments')).year).toBe(2012);
    const pop = await values(t.app, '/api/indicators/population');
    expect(pop.values.find((v) => v.district_code === '086')).toMatchObject({
      value: null,
      status: null,
      source: null,
    });
  });

  it('computes counts, cluster area and density from the current features', async () => {
    const clusters = await values(t.app, '/api/indicators/cluster_count');
    expect(clusters.year).toBeNull();
    expect(clusters.values.map((v) => [v.district_code, v.value, v.status])).toEqual([
      ['080', 1, 'computed'],
      ['082', 0, 'computed'],
      ['086', 2, 'computed'],
    ]);
    const area = await values(t.app, '/api/indicators/cluster_area_ha');
    expect(area.values.map((v) => v.value)).toEqual([66, 0, 700]);
    expect(area.values[2]?.source).toMatch(/1 of 2 clusters have no known area/);
    const density = await values(t.app, '/api/indicators/population_density');
    expect(density.values.map((v) => v.value)).toEqual([1200, 200, null]);
  });

  it('a computed count changes when the stored features change', async () => {
    const own = await buildTestApp({ geodataDir: FIXTURE_GEODATA });
    const before = await values(own.app, '/api/indicators/craft_village_count');
    expect(before.values.map((v) => v.value)).toEqual([1, 3, 1]);
    const seed = loadSeedData(FIXTURE_GEODATA, loadCatalog(FIXTURE_GEODATA));
    const withoutBanPho = seed.features.filter((f) => !(f.collection === 'craft-villages' && f.id === 1));
    await own.app.store.seed({ ...seed, features: withoutBanPho }, { replace: true });
    const after = await values(own.app, '/api/indicators/craft_village_count');
    expect(after.values.map((v) => v.value)).toEqual([1, 2, 1]);
    await own.close();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CollectionsResponse } from '../../server/src/contract/api';
import { buildTestApp, FIXTURE_GEODATA, SHIPPED_GEODATA, type TestApp } from '../helpers/server';

describe('presentation hints in /api/collections', () => {
  let shipped: TestApp;
  let fixture: TestApp;
  beforeAll(async () => {
    shipped = await buildTestApp({ geodataDir: SHIPPED_GEODATA });
    fixture = await buildTestApp({ geodataDir: FIXTURE_GEODATA });
  });
  afterAll(async () => Promise.all([shipped.close(), fixture.close()]));

  const collections = async (t: TestApp) =>
    new Map(
      (await t.app.inject('/api/collections')).json<CollectionsResponse>().collections.map((c) => [c.id, c]),
    );

  it('serves the hints of the shipped catalog: what the client draws', async () => {
    const c = await collections(shipped);
    expect(c.get('industrial-clusters')?.display).toMatchObject({
      geometry: 'point-or-area',
      symbol: 'industry',
      colorBy: {
        property: 'status',
        palette: { planned: '#E69F00', approved: '#56B4E9', operating: '#009E73' },
      },
      label: { minZoom: 8, priority: 10 },
      toggle: { key: 'clusters', visible: true },
      filters: [
        { property: 'district_code', key: 'district' },
        { property: 'status', key: 'status' },
      ],
    });
    expect(c.get('craft-villages')?.display.colorBy).toEqual({ property: 'craft', palette: 'categorical' });
    expect(c.get('facilities')?.display.cluster).toMatchObject({ maxZoom: 11, radius: 40, color: '#6A3D9A' });
    expect(c.get('landmarks')?.display.symbolBy).toEqual({
      property: 'kind',
      symbols: {
        border_gate: 'gate',
        railway_station: 'rail',
        expressway_end: 'expressway',
        district_seat: 'seat',
      },
    });
    expect(c.get('districts')?.display.choropleth).toMatchObject({
      joinProperty: 'code',
      toggle: { key: 'choropleth', visible: true },
      order: 10,
    });
    expect(c.get('districts')?.display).toMatchObject({
      areaFilter: { key: 'district', property: 'code' },
      context: true,
      listed: false,
    });
    expect(c.get('province')?.display).toMatchObject({ frame: true, toggle: null, pickable: false });
    expect(c.get('craft-villages')).toMatchObject({
      localized: { title: { vi: 'Làng nghề', en: 'Craft villages' } },
      label: 'name',
      editable: true,
      geometryTypes: ['Point'],
    });
  });

  it('fills the defaults for a catalog that sets no hints (the test fixture)', async () => {
    const c = await collections(fixture);
    expect(c.get('craft-villages')?.display).toMatchObject({
      geometry: 'point',
      symbol: 'circle',
      toggle: { key: 'craft-villages', visible: true },
      filters: [{ property: 'district_code', key: 'district' }],
    });
  });
});

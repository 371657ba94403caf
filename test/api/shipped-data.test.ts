import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CollectionsResponse,
  IndicatorsResponse,
  IndicatorValuesResponse,
  ItemsResponse,
} from '../../server/src/contract/api';
import { buildTestApp, type TestApp } from '../helpers/server';

// The real datasets in geodata/ (built by `npm run geodata:build`), served end to end.
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t.close());

describe('shipped geodata through the API', () => {
  it('serves every catalog collection with features', async () => {
    const body = (await t.app.inject('/api/collections')).json<CollectionsResponse>();
    expect(body.collections.map((c) => c.id)).toEqual(
      expect.arrayContaining([
        'districts',
        'province',
        'industrial-clusters',
        'craft-villages',
        'facilities',
        'landmarks',
      ]),
    );
    for (const c of body.collections) {
      const items = (await t.app.inject(`/api/collections/${c.id}/items?limit=1`)).json<ItemsResponse>();
      expect(items.numberMatched, c.id).toBeGreaterThan(0);
    }
  });

  it('q=ban pho finds Bản Phố, ignoring diacritics', async () => {
    const villages = (
      await t.app.inject('/api/collections/craft-villages/items?q=ban%20pho')
    ).json<ItemsResponse>();
    expect(villages.features.map((f) => f.properties.name)).toContain('Rượu ngô Bản Phố');
    const facilities = (
      await t.app.inject('/api/collections/facilities/items?q=ban%20pho')
    ).json<ItemsResponse>();
    expect(facilities.features.map((f) => f.properties.name)).toContain('HTX rượu ngô Bản Phố');
  });

  it('has nine districts, each in the indicator answers', async () => {
    const body = (await t.app.inject('/api/indicators/cluster_count')).json<IndicatorValuesResponse>();
    expect(body.values).toHaveLength(9);
    expect(body.values.reduce((s, v) => s + (v.value ?? 0), 0)).toBe(6);
  });

  it('illustrative district splits sum exactly to the published province total, for every indicator and year', async () => {
    const meta = (await t.app.inject('/api/indicators')).json<IndicatorsResponse>();
    let checked = 0;
    for (const indicator of meta.indicators.filter((i) => i.statuses.includes('illustrative'))) {
      for (const year of indicator.years) {
        const body = (
          await t.app.inject(`/api/indicators/${indicator.id}?year=${year}`)
        ).json<IndicatorValuesResponse>();
        expect(body.province, `${indicator.id} ${year}`).not.toBeNull();
        expect(
          body.values.every((v) => v.status === 'illustrative'),
          `${indicator.id} ${year}`,
        ).toBe(true);
        const sum = body.values.reduce((s, v) => s + (v.value ?? 0), 0);
        expect(sum, `${indicator.id} ${year}`).toBe(body.province?.value);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(5);
  });
});

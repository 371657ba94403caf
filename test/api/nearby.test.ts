/**
 * GET /api/nearby (issue 15) over the shipped geodata: what lies within a radius of a landmark or
 * a point, nearest first, compared with a brute-force count over every feature; bad input → 400.
 */
import { distance } from '@turf/turf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiFeature, ItemsResponse } from '../../server/src/contract/api';
import type { NearbyResponse } from '../../server/src/contract/site';
import { buildTestApp, type TestApp } from '../helpers/server';

let t: TestApp;
let all: { collection: string; f: ApiFeature }[] = [];
beforeAll(async () => {
  t = await buildTestApp();
  for (const collection of ['industrial-clusters', 'craft-villages', 'facilities']) {
    const res = await t.app.inject({ url: `/api/collections/${collection}/items?limit=1000` });
    all.push(...(JSON.parse(res.body) as ItemsResponse).features.map((f) => ({ collection, f })));
  }
  all = all.filter(({ f }) => f.geometry.type === 'Point');
});
afterAll(async () => t.close());

async function nearby(query: string) {
  const res = await t.app.inject({ url: `/api/nearby?${query}` });
  return { res, body: JSON.parse(res.body) as NearbyResponse & { code?: string; detail?: string } };
}
const pos = (f: ApiFeature) => (f.geometry as GeoJSON.Point).coordinates;
/** Every feature within km of [lon, lat] by a plain loop, as `collection/id`, nearest first (ties: collection, id). */
function bruteForce(center: number[], km: number, collections?: string[]): string[] {
  return all
    .filter(({ collection }) => !collections || collections.includes(collection))
    .map(({ collection, f }) => ({
      collection,
      id: f.id,
      d: distance(center, pos(f), { units: 'kilometers' }),
    }))
    .filter((x) => x.d <= km)
    .sort((a, b) => a.d - b.d || a.collection.localeCompare(b.collection) || a.id - b.id)
    .map((x) => `${x.collection}/${x.id}`);
}

describe('GET /api/nearby', () => {
  it('lists clusters, villages and facilities within 20 km of the road border gate, nearest first', async () => {
    const gate = JSON.parse(
      (await t.app.inject({ url: '/api/collections/landmarks/items/1' })).body,
    ) as ApiFeature;
    const { res, body } = await nearby('landmark=1&radius_km=20');
    expect(res.statusCode).toBe(200);
    expect(body.center).toMatchObject({ coordinates: pos(gate), uncertaintyKm: 3, approximate: true });
    expect(body.center.landmark).toMatchObject({
      collection: 'landmarks',
      id: 1,
      name: gate.properties.name,
    });
    expect(body.collections).toEqual(['industrial-clusters', 'craft-villages', 'facilities']);
    const keys = body.results.map((r) => `${r.feature.collection}/${r.feature.id}`);
    expect(keys).toEqual(bruteForce(pos(gate), 20));
    expect(new Set(body.results.map((r) => r.feature.collection)).size).toBe(3);
    for (const r of body.results) {
      const f = all.find((x) => x.collection === r.feature.collection && x.f.id === r.feature.id)
        ?.f as ApiFeature;
      expect(r.km).toBe(Math.round(distance(pos(gate), pos(f), { units: 'kilometers' }) * 10) / 10);
      expect(r.km).toBeLessThanOrEqual(20);
      expect(r.uncertaintyKm).toBeCloseTo(3 + Number(f.properties.location_uncertainty_km), 6);
      expect(r.feature.name).toBe(f.properties.name);
    }
    expect(body).toMatchObject({ complete: true, searchedKm: 20, radiusKm: 20, numberReturned: keys.length });
  });

  it('searches from a clicked point, in the listed collections only', async () => {
    const center = [104.2, 22.3];
    const { body } = await nearby(
      'lon=104.2&lat=22.3&radius_km=35&collections=industrial-clusters,facilities',
    );
    expect(body.center).toEqual({
      coordinates: center,
      uncertaintyKm: 0,
      approximate: false,
      landmark: null,
    });
    expect(body.results.map((r) => `${r.feature.collection}/${r.feature.id}`)).toEqual(
      bruteForce(center, 35, ['industrial-clusters', 'facilities']),
    );
    expect(body.results.length).toBeGreaterThan(2);
  });

  it('stops at the limit and says the answer is not complete', async () => {
    const full = await nearby('landmark=5&radius_km=60');
    expect(full.body.results.length).toBeGreaterThan(3);
    const { body } = await nearby('landmark=5&radius_km=60&limit=3');
    expect(body.results).toEqual(full.body.results.slice(0, 3));
    expect(body).toMatchObject({ numberReturned: 3, complete: false, searchedKm: 60 });
  });

  it.each([
    ['', 'lon'],
    ['lon=104', 'lat'],
    ['lat=22', 'lon'],
    ['lon=104&lat=22&landmark=1', 'landmark'],
    ['landmark=999', 'landmark'],
    ['lon=104&lat=22&radius_km=0', 'radius_km'],
    ['lon=104&lat=22&radius_km=101', 'radius_km'],
    ['lon=104&lat=22&radius_km=far', 'radius_km'],
    ['lon=200&lat=22', 'lon'],
    ['lon=104&lat=22&limit=0', 'limit'],
    ['lon=104&lat=22&limit=201', 'limit'],
    ['lon=104&lat=22&collections=districts', 'collections'],
    ['lon=104&lat=22&collections=nope', 'collections'],
    ['lon=104&lat=22&collections=facilities,', 'collections'],
    ['lon=104&lat=22&bbox=1,2,3,4', 'bbox'],
  ])('answers 400 problem+json naming the parameter for %s', async (query, parameter) => {
    const { res, body } = await nearby(query);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(body.code).toBe('InvalidParameterValue');
    expect(body.detail).toContain(parameter);
  });
});

/**
 * The computed `site` member of cluster answers (issue 15), over the shipped geodata: distances to
 * the catalog's landmark measures on GET item and items pages, read-only on writes, and following
 * landmark edits (the item's ETag moves with it).
 */
import { distance } from '@turf/turf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiFeature, ItemsResponse } from '../../server/src/contract/api';
import type { Site } from '../../server/src/contract/site';
import { signIn } from '../helpers/auth';
import { buildTestApp, type TestApp } from '../helpers/server';
import { writeHeaders } from './write-fixtures';

const CLUSTERS = '/api/collections/industrial-clusters';
const LANDMARKS = '/api/collections/landmarks';

let t: TestApp;
let editor: string;
beforeEach(async () => {
  t = await buildTestApp();
  editor = await signIn(t.app, { username: 'eddie', role: 'editor' });
});
afterEach(async () => t.close());

async function get<T>(url: string, headers: Record<string, string> = {}) {
  const res = await t.app.inject({ url, headers });
  return { res, body: (res.statusCode === 200 ? JSON.parse(res.body) : undefined) as T };
}
const point = (f: ApiFeature) => (f.geometry as GeoJSON.Point).coordinates;
const uncertainty = (f: ApiFeature) => Number(f.properties.location_uncertainty_km);

describe('the site object of a cluster', () => {
  it('measures to each landmark the catalog names, by its data tag, with turf distances and both uncertainties', async () => {
    const { body: cluster } = await get<ApiFeature>(`${CLUSTERS}/items/1`);
    const { body: landmarks } = await get<ItemsResponse>(`${LANDMARKS}/items`);
    const site = cluster.site as Site;
    expect(site.method).toBe('straight-line');
    expect(site.from).toEqual({ coordinates: point(cluster), uncertaintyKm: 5, approximate: true });
    expect(site.distances.map((d) => d.key)).toEqual([
      'road_border_gate',
      'kim_thanh_border_gate',
      'railway_station',
      'expressway_end',
      'provincial_centre',
      'district_seat',
    ]);
    const byRole = (role: string) => landmarks.features.find((f) => f.properties.site_role === role);
    const seat = landmarks.features.find(
      (f) =>
        f.properties.kind === 'district_seat' &&
        f.properties.district_code === cluster.properties.district_code,
    );
    const expected = [
      byRole('road_border_gate'),
      byRole('freight_border_gate'),
      byRole('main_railway_station'),
      byRole('expressway_end'),
      byRole('provincial_centre'),
      seat,
    ];
    site.distances.forEach((d, i) => {
      const l = expected[i] as ApiFeature;
      expect(d.landmark).toEqual({
        collection: 'landmarks',
        id: l.id,
        name: l.properties.name,
        nameEn: l.properties.name_en,
      });
      const km = distance(point(cluster), point(l), { units: 'kilometers' });
      expect(d.km).toBe(Math.round(km * 10) / 10);
      expect(d.uncertaintyKm).toBeCloseTo(uncertainty(cluster) + uncertainty(l), 6);
      expect(d.approximate).toBe(true);
    });
    // Tằng Loỏng (Bảo Thắng, 086): the district seat is Phố Lu, not the provincial centre.
    expect(site.distances[5]?.landmark?.name).toBe('Thị trấn Phố Lu');
  });

  it('is described in the collection: the measures with their titles, in row order', async () => {
    const { body } = await get<{
      site: { landmarks: string; measures: { key: string; title: unknown }[] } | null;
      nearby: boolean;
    }>(CLUSTERS);
    expect(body.site?.landmarks).toBe('landmarks');
    expect(body.site?.measures[1]).toMatchObject({
      key: 'kim_thanh_border_gate',
      title: { vi: 'Cửa khẩu Kim Thành', en: 'Kim Thành border gate' },
    });
    expect(body.nearby).toBe(true);
    const { body: landmarks } = await get<{ site: unknown; nearby: boolean }>(LANDMARKS);
    expect(landmarks).toMatchObject({ site: null, nearby: false });
  });

  it('is on every feature of an items page, the same as on the item', async () => {
    const { res, body } = await get<ItemsResponse>(`${CLUSTERS}/items`);
    expect(res.statusCode).toBe(200);
    expect(body.features).toHaveLength(6);
    for (const f of body.features) {
      const { body: item } = await get<ApiFeature>(`${CLUSTERS}/items/${f.id}`);
      expect(f.site).toEqual(item.site);
    }
    const { body: villages } = await get<ItemsResponse>('/api/collections/craft-villages/items?limit=2');
    expect(villages.features.every((f) => f.site === undefined)).toBe(true);
  });

  it('is read-only: a body sent back with its site is accepted and site is not stored; properties.site is refused', async () => {
    const { res, body } = await get<ApiFeature>(`${CLUSTERS}/items/2`);
    const etag = String(res.headers.etag);
    expect(etag).toMatch(/^"v1-[A-Za-z0-9_-]+"$/);
    const forged = { ...body, site: { method: 'by road', distances: [] } };
    const put = await t.app.inject({
      method: 'PUT',
      url: `${CLUSTERS}/items/2`,
      headers: writeHeaders(editor, { 'if-match': etag }),
      payload: forged,
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(JSON.parse(put.body)).not.toHaveProperty('site');
    const { body: after } = await get<ApiFeature>(`${CLUSTERS}/items/2`);
    expect(after.site).toEqual(body.site);
    expect(after.properties).not.toHaveProperty('site');

    const patch = await t.app.inject({
      method: 'PATCH',
      url: `${CLUSTERS}/items/2`,
      headers: writeHeaders(editor, { 'if-match': '"v2"', 'content-type': 'application/merge-patch+json' }),
      payload: { properties: { site: body.site } },
    });
    expect(patch.statusCode).toBe(422);
    expect(JSON.parse(patch.body).errors).toEqual([
      expect.objectContaining({ field: 'properties.site', code: 'UnknownProperty' }),
    ]);
  });

  it('follows a landmark edit: new distances, a new ETag, no stale 304', async () => {
    const first = await get<ApiFeature>(`${CLUSTERS}/items/6`);
    const before = first.body.site?.distances.find((d) => d.key === 'railway_station');
    const moved = await t.app.inject({
      method: 'PATCH',
      url: `${LANDMARKS}/items/3`,
      headers: writeHeaders(editor, { 'if-match': '"v1"', 'content-type': 'application/merge-patch+json' }),
      payload: { geometry: { type: 'Point', coordinates: [104.1, 22.4] } },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const again = await get<ApiFeature>(`${CLUSTERS}/items/6`, {
      'if-none-match': String(first.res.headers.etag),
    });
    expect(again.res.statusCode).toBe(200);
    expect(again.res.headers.etag).not.toBe(first.res.headers.etag);
    const after = again.body.site?.distances.find((d) => d.key === 'railway_station');
    expect(after?.km).toBe(
      Math.round(distance([104.185, 22.315], [104.1, 22.4], { units: 'kilometers' }) * 10) / 10,
    );
    expect(after?.km).not.toBe(before?.km);
    const page = await get<ItemsResponse>(`${CLUSTERS}/items`);
    expect(page.body.features.find((f) => f.id === 6)?.site).toEqual(again.body.site);
    // Unchanged since: the new tag revalidates to 304.
    const same = await t.app.inject({
      url: `${CLUSTERS}/items/6`,
      headers: { 'if-none-match': String(again.res.headers.etag) },
    });
    expect(same.statusCode).toBe(304);
  });

  it('says "no landmark" for a measure whose tag no landmark carries any more', async () => {
    const retag = await t.app.inject({
      method: 'PATCH',
      url: `${LANDMARKS}/items/4`,
      headers: writeHeaders(editor, { 'if-match': '"v1"', 'content-type': 'application/merge-patch+json' }),
      payload: { properties: { site_role: null } },
    });
    expect(retag.statusCode, retag.body).toBe(200);
    const { body } = await get<ApiFeature>(`${CLUSTERS}/items/1`);
    expect(body.site?.distances.find((d) => d.key === 'expressway_end')).toEqual({
      key: 'expressway_end',
      landmark: null,
      km: null,
      uncertaintyKm: null,
      approximate: false,
    });
  });
});

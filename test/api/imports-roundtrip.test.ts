import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ItemsResponse } from '../../server/src/contract/items';
import { MEDIA } from '../fixtures/imports/make';
import { signIn } from '../helpers/auth';
import { buildTestApp, type TestApp } from '../helpers/server';
import { commit, jsonHeaders, preview, upload } from './import-helpers';

/**
 * Export back (issue 14): every layer downloads in the formats it can be imported from, with the
 * items filters; an export imported again reports zero changes — every row a duplicate of the
 * feature it came from, equal to it, nothing new.
 */
let t: TestApp;
let editor = '';
beforeAll(async () => {
  t = await buildTestApp();
  editor = await signIn(t.app, { username: 'eddie', role: 'editor' });
});
afterAll(async () => t.close());

const FORMATS = [
  ['csv', MEDIA.csv],
  ['xlsx', MEDIA.xlsx],
  ['kml', MEDIA.kml],
  ['geojson', MEDIA.geojson],
] as const;
const COLLECTIONS = ['facilities', 'craft-villages', 'industrial-clusters', 'landmarks'] as const;

describe('round trip export → import', () => {
  for (const collection of COLLECTIONS) {
    it.each(FORMATS)(`${collection} as %s reports zero changes`, async (f, type) => {
      const all = (
        await t.app.inject(`/api/collections/${collection}/items?limit=10000`)
      ).json<ItemsResponse>();
      const exported = await t.app.inject(
        `/api/collections/${collection}/items?f=${f}${f === 'geojson' ? '&limit=10000' : ''}`,
      );
      expect(exported.statusCode).toBe(200);
      const p = preview(await upload(t.app, editor, exported.rawPayload, type, { collection }));
      expect(p.problems.items).toEqual([]);
      expect(p.summary).toEqual({
        rowsRead: all.numberMatched,
        valid: all.numberMatched,
        invalid: 0,
        new: 0,
        duplicates: all.numberMatched,
        unchanged: all.numberMatched,
        changed: 0,
        ambiguous: 0,
        approximate: 0,
      });
      // Every row is found as the feature it came from.
      const ids = p.duplicates.items.map((d) => d.match);
      expect(ids.sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(all.features.map((x) => x.id));
      const res = await commit(t.app, editor, p.id, { duplicates: 'update' });
      expect(res.json<{ batch: { counts: unknown } }>().batch.counts).toEqual({
        created: 0,
        updated: 0,
        deleted: 0,
        indicators: 0,
      });
    });
  }
});

describe('exports', () => {
  it('CSV: UTF-8 with BOM, lon/lat for points, WKT for areas, formula-leading text neutralised', async () => {
    const f = (await t.app.inject('/api/collections/facilities/items/2')).json<{
      properties: Record<string, unknown>;
    }>();
    const patch = await t.app.inject({
      method: 'PATCH',
      url: '/api/collections/facilities/items/2',
      headers: { ...jsonHeaders(editor), 'if-match': '"v1"', 'content-type': 'application/merge-patch+json' },
      payload: {
        properties: { owner: '=HYPERLINK("http://evil.example","x")', notes: `${f.properties.notes}` },
      },
    });
    expect(patch.statusCode, patch.body).toBe(200);
    const res = await t.app.inject('/api/collections/facilities/items?f=csv');
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="facilities.csv"');
    expect([...res.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...lines] = res.body.slice(1).split('\r\n');
    expect(header?.startsWith('id,lon,lat,name,name_en,sector,district_code')).toBe(true);
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(lines[0]?.startsWith('1,104.118,22.768,')).toBe(true);
    const clusters = await t.app.inject('/api/collections/districts/items?f=csv');
    expect(clusters.body.split('\r\n')[0]).toMatch(/^\ufeffid,wkt,/);
    expect(clusters.body.split('\r\n')[1]).toMatch(/^80,"MULTIPOLYGON\(\(\(/);
    // The neutralised cell reads back as the text it was.
    const again = preview(await upload(t.app, editor, res.rawPayload, MEDIA.csv));
    const two = again.features?.features.find((x) => x.import.duplicates[0] === 2);
    expect(two?.properties.owner).toBe('=HYPERLINK("http://evil.example","x")');
    expect(again.summary?.unchanged).toBe(6);
  });

  it('honours the items filters, limit and offset, and is advertised as alternate links', async () => {
    const res = await t.app.inject('/api/collections/craft-villages/items?f=csv&district_code=082');
    const filtered = (
      await t.app.inject('/api/collections/craft-villages/items?district_code=082&limit=1000')
    ).json<ItemsResponse>();
    expect(res.body.trim().split('\r\n')).toHaveLength(filtered.features.length + 1);
    const paged = await t.app.inject('/api/collections/craft-villages/items?f=csv&limit=2&offset=1');
    expect(
      paged.body
        .trim()
        .split('\r\n')
        .map((l) => l.split(',')[0])
        .slice(1),
    ).toEqual(['2', '3']);
    const page = (
      await t.app.inject('/api/collections/craft-villages/items?district_code=082&limit=5')
    ).json<ItemsResponse>();
    const alternates = page.links
      .filter((l) => l.rel === 'alternate')
      .map((l) => [l.type, l.href.replace(/^http:\/\/localhost:80/, '')]);
    expect(alternates).toEqual(
      expect.arrayContaining([
        ['text/csv', '/api/collections/craft-villages/items?district_code=082&f=csv'],
        [
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          '/api/collections/craft-villages/items?district_code=082&f=xlsx',
        ],
        [
          'application/vnd.google-earth.kml+xml',
          '/api/collections/craft-villages/items?district_code=082&f=kml',
        ],
      ]),
    );
    expect((await t.app.inject('/api/collections/craft-villages/items?f=shp')).statusCode).toBe(400);
  });
});

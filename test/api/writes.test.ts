import { describe, expect, it } from 'vitest';
import type { ApiFeature, Problem } from '../../server/src/contract/api';
import { INJECT_ORIGIN } from '../helpers/auth';
import { editAppPerTest, village, writeHeaders } from './write-fixtures';

const ITEMS = '/api/collections/craft-villages/items';
const ctx = editAppPerTest();

function problem(res: { body: string; headers: Record<string, unknown> }): Problem & Record<string, unknown> {
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  return JSON.parse(res.body) as Problem & Record<string, unknown>;
}

async function create(
  cookie: string | undefined,
  body: unknown = village(),
  headers: Record<string, string> = {},
) {
  return ctx.t.app.inject({
    method: 'POST',
    url: ITEMS,
    headers: writeHeaders(cookie, headers),
    payload: JSON.stringify(body),
  });
}

async function historyLength(id: number): Promise<number> {
  const res = await ctx.t.app.inject({ url: `${ITEMS}/${id}/history`, headers: { cookie: ctx.admin } });
  return res.statusCode === 200 ? res.json<{ history: unknown[] }>().history.length : 0;
}

describe('POST items', () => {
  it('creates: 201 + Location + strong ETag, body = stored feature with the district set, visible on the next GET', async () => {
    const before = await ctx.t.app.inject(ITEMS);
    const body = village();
    delete (body.properties as Record<string, unknown>).district_code;
    const res = await create(ctx.editor, body);
    expect(res.statusCode, res.body).toBe(201);
    const f = res.json<ApiFeature>();
    expect(f.id).toBe(6);
    expect(f.properties.district_code).toBe('082');
    expect(res.headers.etag).toBe('"v1"');
    expect(res.headers.location).toBe(`${INJECT_ORIGIN}/api/collections/craft-villages/items/6`);
    const got = await ctx.t.app.inject(`${ITEMS}/6`);
    expect(got.statusCode).toBe(200);
    expect(got.headers.etag).toBe('"v1"');
    expect(got.json<ApiFeature>().properties.name).toBe('Làng thử');
    const after = await ctx.t.app.inject({
      url: ITEMS,
      headers: { 'if-none-match': String(before.headers.etag) },
    });
    expect(after.statusCode).toBe(200);
    expect(after.json<{ numberMatched: number }>().numberMatched).toBe(6);
  });

  it('401 anonymous, 403 viewer, nothing written', async () => {
    const anon = await create(undefined);
    expect(anon.statusCode).toBe(401);
    expect(problem(anon).code).toBe('Unauthorized');
    const viewer = await create(ctx.viewer);
    expect(viewer.statusCode).toBe(403);
    expect(problem(viewer).code).toBe('Forbidden');
    expect((await ctx.t.app.inject(`${ITEMS}/6`)).statusCode).toBe(404);
  });

  it('403 CsrfOriginMismatch for another or missing Origin, even for an editor', async () => {
    const evil = await create(ctx.editor, village(), { origin: 'http://evil.example' });
    expect(evil.statusCode).toBe(403);
    expect(problem(evil).code).toBe('CsrfOriginMismatch');
    const none = await ctx.t.app.inject({
      method: 'POST',
      url: ITEMS,
      headers: { cookie: ctx.editor, 'content-type': 'application/json' },
      payload: JSON.stringify(village()),
    });
    expect(none.statusCode).toBe(403);
    expect((await ctx.t.app.inject(`${ITEMS}/6`)).statusCode).toBe(404);
  });

  it('415 for a non-JSON body, 400 for malformed JSON, 413 past 1 MB', async () => {
    const text = await create(ctx.editor, 'name=x', { 'content-type': 'text/plain' });
    expect(text.statusCode).toBe(415);
    expect(problem(text).code).toBe('UnsupportedMediaType');
    const form = await create(ctx.editor, 'a=1', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(form.statusCode).toBe(415);
    const bad = await ctx.t.app.inject({
      method: 'POST',
      url: ITEMS,
      headers: writeHeaders(ctx.editor),
      payload: '{"type":',
    });
    expect(bad.statusCode).toBe(400);
    expect(problem(bad).status).toBe(400);
    const huge = await create(ctx.editor, village({ notes: 'x'.repeat(1_100_000) }));
    expect(huge.statusCode).toBe(413);
    expect(problem(huge).code).toBe('PayloadTooLarge');
  });

  it('accepts application/geo+json', async () => {
    const res = await create(ctx.editor, village(), { 'content-type': 'application/geo+json' });
    expect(res.statusCode, res.body).toBe(201);
  });

  it('400 InvalidBody with errors[] for a body that is not a Feature', async () => {
    const res = await create(ctx.editor, { type: 'FeatureCollection', features: [] });
    expect(res.statusCode).toBe(400);
    const p = problem(res);
    expect(p.code).toBe('InvalidBody');
    expect(p.errors?.[0]?.field).toBe('(body)');
  });

  it('422 ValidationFailed lists each problem by field; nothing written, no history', async () => {
    const res = await create(
      ctx.editor,
      village({ craft: 'pottery', confidence: undefined, recognition_year: 'soon' }, [100, 10]),
    );
    expect(res.statusCode).toBe(422);
    const p = problem(res);
    expect(p.code).toBe('ValidationFailed');
    const fields = (p.errors ?? []).map((e) => `${e.field}:${e.code}`);
    expect(fields).toEqual(
      expect.arrayContaining([
        'properties.craft:NotInVocabulary',
        'properties.confidence:Required',
        'properties.recognition_year:InvalidType',
        'geometry:OutsideProvince',
      ]),
    );
    expect((await ctx.t.app.inject(`${ITEMS}/6`)).statusCode).toBe(404);
    expect(await historyLength(6)).toBe(0);
  });

  it("a district_code that the location contradicts is replaced by the location's district", async () => {
    const res = await create(ctx.editor, village({ district_code: '086' }));
    expect(res.statusCode).toBe(201);
    const stored = res.json() as { properties: Record<string, unknown> };
    expect(stored.properties.district_code).not.toBe('086');
  });

  it('a 422 field error carries params for its message (TooLong → limit)', async () => {
    const res = await create(ctx.editor, village({ name: 'x'.repeat(2001) }));
    expect(res.statusCode).toBe(422);
    expect(problem(res).errors).toEqual([
      expect.objectContaining({ field: 'properties.name', code: 'TooLong', params: { limit: 2000 } }),
    ]);
  });

  it('405 with Allow on a collection that is not editable', async () => {
    const res = await ctx.t.app.inject({
      method: 'POST',
      url: '/api/collections/districts/items',
      headers: writeHeaders(ctx.editor),
      payload: JSON.stringify(village()),
    });
    expect(res.statusCode).toBe(405);
    expect(res.headers.allow).toBe('GET, HEAD, OPTIONS');
    expect(problem(res).code).toBe('MethodNotAllowed');
  });

  it('stores a name with markup verbatim and returns it as JSON text', async () => {
    const name = '<img src=x onerror=alert(1)>';
    const res = await create(ctx.editor, village({ name }));
    expect(res.statusCode).toBe(201);
    const got = await ctx.t.app.inject(`${ITEMS}/${res.json<ApiFeature>().id}`);
    expect(got.headers['content-type']).toMatch(/^application\/geo\+json/);
    expect(got.json<ApiFeature>().properties.name).toBe(name);
    expect(got.body).toContain(JSON.stringify(name).slice(1, -1));
  });
});

describe('PUT / PATCH / DELETE item', () => {
  const item = `${ITEMS}/1`;
  const put = (
    cookie: string | undefined,
    headers: Record<string, string>,
    body: unknown = village({ name: 'Đổi tên' }),
  ) =>
    ctx.t.app.inject({
      method: 'PUT',
      url: item,
      headers: writeHeaders(cookie, headers),
      payload: JSON.stringify(body),
    });

  it('GET item has the strong ETag "v1" and answers 304 to If-None-Match', async () => {
    const res = await ctx.t.app.inject(item);
    expect(res.headers.etag).toBe('"v1"');
    expect((await ctx.t.app.inject({ url: item, headers: { 'if-none-match': '"v1"' } })).statusCode).toBe(
      304,
    );
  });

  it('428 without If-Match, 412 with a stale one (with currentVersion and current)', async () => {
    const missing = await put(ctx.editor, {});
    expect(missing.statusCode).toBe(428);
    expect(problem(missing).code).toBe('PreconditionRequired');
    const stale = await put(ctx.editor, { 'if-match': '"v7"' });
    expect(stale.statusCode).toBe(412);
    const p = problem(stale);
    expect(p.code).toBe('PreconditionFailed');
    expect(p.currentVersion).toBe(1);
    expect((p.current as ApiFeature).properties.name).toBe('Làng nghề rượu ngô Bản Phố');
    expect(await historyLength(1)).toBe(0);
  });

  it('PUT replaces: 200, version 2, new ETag; the next GET shows it', async () => {
    const res = await put(ctx.editor, { 'if-match': '"v1"' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers.etag).toBe('"v2"');
    expect(res.json<ApiFeature>().properties.name).toBe('Đổi tên');
    const list = await ctx.t.app.inject(`${ITEMS}?q=doi ten`);
    expect(list.json<{ features: ApiFeature[] }>().features.map((f) => f.id)).toEqual([1]);
  });

  it('PATCH merges (application/merge-patch+json): 200 and only the named property changes', async () => {
    const res = await ctx.t.app.inject({
      method: 'PATCH',
      url: item,
      headers: writeHeaders(ctx.editor, {
        'if-match': '"v1"',
        'content-type': 'application/merge-patch+json',
      }),
      payload: JSON.stringify({ properties: { recognition_year: 2011 } }),
    });
    expect(res.statusCode, res.body).toBe(200);
    const f = res.json<ApiFeature>();
    expect(f.properties.recognition_year).toBe(2011);
    expect(f.properties.name).toBe('Làng nghề rượu ngô Bản Phố');
    expect(res.headers.etag).toBe('"v2"');
  });

  it('PATCH with an invalid value: 422 per field, unchanged', async () => {
    const res = await ctx.t.app.inject({
      method: 'PATCH',
      url: item,
      headers: writeHeaders(ctx.editor, { 'if-match': '"v1"' }),
      payload: JSON.stringify({ properties: { craft: 'juggling' } }),
    });
    expect(res.statusCode).toBe(422);
    expect(problem(res).errors?.map((e) => e.field)).toEqual(['properties.craft']);
    expect((await ctx.t.app.inject(item)).headers.etag).toBe('"v1"');
  });

  it('DELETE: 204, then 404; viewer 403; anonymous 401', async () => {
    const del = (cookie: string | undefined) =>
      ctx.t.app.inject({
        method: 'DELETE',
        url: item,
        headers: { origin: INJECT_ORIGIN, 'if-match': '"v1"', ...(cookie ? { cookie } : {}) },
      });
    expect((await del(undefined)).statusCode).toBe(401);
    expect((await del(ctx.viewer)).statusCode).toBe(403);
    const ok = await del(ctx.editor);
    expect(ok.statusCode).toBe(204);
    expect((await ctx.t.app.inject(item)).statusCode).toBe(404);
    expect((await del(ctx.editor)).statusCode).toBe(404);
    const list = await ctx.t.app.inject(ITEMS);
    expect(list.json<{ numberMatched: number }>().numberMatched).toBe(4);
  });

  it('two PUTs with the same If-Match: exactly one 200 and one 412', async () => {
    const [a, b] = await Promise.all([
      put(ctx.editor, { 'if-match': '"v1"' }, village({ name: 'Bản A' })),
      put(ctx.admin, { 'if-match': '"v1"' }, village({ name: 'Bản B' })),
    ]);
    expect([a?.statusCode, b?.statusCode].sort()).toEqual([200, 412]);
    expect(await historyLength(1)).toBe(1);
  });
});

describe('OPTIONS', () => {
  const allow = async (url: string, cookie?: string) =>
    (await ctx.t.app.inject({ method: 'OPTIONS', url, headers: cookie ? { cookie } : {} })).headers.allow;

  it('lists the methods this user may use now', async () => {
    expect(await allow(ITEMS)).toBe('GET, HEAD, OPTIONS');
    expect(await allow(ITEMS, ctx.viewer)).toBe('GET, HEAD, OPTIONS');
    expect(await allow(ITEMS, ctx.editor)).toBe('GET, HEAD, POST, OPTIONS');
    expect(await allow(`${ITEMS}/1`, ctx.editor)).toBe('GET, HEAD, PUT, PATCH, DELETE, OPTIONS');
    expect(await allow(`${ITEMS}/1`, ctx.admin)).toBe('GET, HEAD, PUT, PATCH, DELETE, OPTIONS');
    expect(await allow('/api/collections/districts/items', ctx.admin)).toBe('GET, HEAD, OPTIONS');
  });
});

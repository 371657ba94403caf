import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { ApiFeature, Problem } from '../../server/src/contract/api';
import { INJECT_ORIGIN } from '../helpers/auth';
import { editAppPerTest, village, writeHeaders } from './write-fixtures';

const ITEMS = '/api/collections/craft-villages/items';
const ctx = editAppPerTest();

interface HistoryBody {
  history: {
    version: number;
    operation: string;
    user: string;
    at: string;
    before: ApiFeature | null;
    after: ApiFeature | null;
  }[];
}

const put = (version: number, name: string, cookie = ctx.editor) =>
  ctx.t.app.inject({
    method: 'PUT',
    url: `${ITEMS}/1`,
    headers: writeHeaders(cookie, { 'if-match': `"v${version}"` }),
    payload: JSON.stringify(village({ name }, [103.7, 22.5])),
  });
const revert = (version: number, ifMatch: number) =>
  ctx.t.app.inject({
    method: 'POST',
    url: `${ITEMS}/1/revert`,
    headers: writeHeaders(ctx.editor, { 'if-match': `"v${ifMatch}"` }),
    payload: JSON.stringify({ version }),
  });
const history = async (id = 1, cookie = ctx.editor) =>
  ctx.t.app.inject({ url: `${ITEMS}/${id}/history`, headers: { cookie } });
const del = (id: number, version: number) =>
  ctx.t.app.inject({
    method: 'DELETE',
    url: `${ITEMS}/${id}`,
    headers: { origin: INJECT_ORIGIN, cookie: ctx.editor, 'if-match': `"v${version}"` },
  });

describe('history and revert', () => {
  it('records who, when, what, before and after, newest first', async () => {
    expect((await put(1, 'Một')).statusCode).toBe(200);
    expect((await put(2, 'Hai', ctx.admin)).statusCode).toBe(200);
    const res = await history();
    expect(res.statusCode).toBe(200);
    const { history: h } = res.json<HistoryBody>();
    expect(h.map((e) => `${e.version} ${e.operation} ${e.user}`)).toEqual([
      '3 replace ada',
      '2 replace eddie',
    ]);
    expect(h[1]?.before?.properties.name).toBe('Làng nghề rượu ngô Bản Phố');
    expect(h[1]?.after?.properties.name).toBe('Một');
    expect(h[0]?.after?.id).toBe(1);
    expect(Date.parse(h[0]?.at ?? '')).not.toBeNaN();
  });

  it('needs a signed-in user', async () => {
    expect((await ctx.t.app.inject(`${ITEMS}/1/history`)).statusCode).toBe(401);
    expect((await history(1, ctx.viewer)).statusCode).toBe(200);
  });

  it('revert makes a new version equal to the old one, and the revert itself can be undone', async () => {
    await put(1, 'Một');
    await put(2, 'Hai');
    const back = await revert(1, 3);
    expect(back.statusCode, back.body).toBe(200);
    expect(back.headers.etag).toBe('"v4"');
    expect(back.json<ApiFeature>().properties.name).toBe('Làng nghề rượu ngô Bản Phố');
    const undo = await revert(3, 4);
    expect(undo.json<ApiFeature>().properties.name).toBe('Hai');
    const { history: h } = (await history()).json<HistoryBody>();
    expect(h.map((e) => `${e.version} ${e.operation}`)).toEqual([
      '5 revert',
      '4 revert',
      '3 replace',
      '2 replace',
    ]);
  });

  it('revert needs If-Match (428), a current one (412) and a known version (422)', async () => {
    const missing = await ctx.t.app.inject({
      method: 'POST',
      url: `${ITEMS}/1/revert`,
      headers: writeHeaders(ctx.editor),
      payload: JSON.stringify({ version: 1 }),
    });
    expect(missing.statusCode).toBe(428);
    await put(1, 'Một');
    expect((await revert(1, 1)).statusCode).toBe(412);
    const unknown = await revert(9, 2);
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json<Problem>().errors?.[0]?.field).toBe('version');
  });
});

describe('deleted features and the change log (admin)', () => {
  it('lists a deleted feature with who and when, restores it as a new version, and keeps its history', async () => {
    expect((await del(2, 1)).statusCode).toBe(204);
    expect(
      (
        await ctx.t.app.inject({
          url: '/api/collections/craft-villages/deleted',
          headers: { cookie: ctx.editor },
        })
      ).statusCode,
    ).toBe(403);
    const list = await ctx.t.app.inject({
      url: '/api/collections/craft-villages/deleted',
      headers: { cookie: ctx.admin },
    });
    expect(list.statusCode).toBe(200);
    const [gone] = list.json<{
      features: { id: number; name: string; deletedAt: string; deletedBy: string }[];
    }>().features;
    expect(gone).toMatchObject({ id: 2, name: 'Dệt thổ cẩm Tả Phìn', deletedBy: 'eddie' });
    expect((await history(2, ctx.editor)).statusCode).toBe(404);
    expect((await history(2, ctx.admin)).json<HistoryBody>().history[0]?.operation).toBe('delete');
    const restore = (cookie: string) =>
      ctx.t.app.inject({
        method: 'POST',
        url: '/api/collections/craft-villages/deleted/2/restore',
        headers: writeHeaders(cookie),
        payload: '{}',
      });
    expect((await restore(ctx.editor)).statusCode).toBe(403);
    const back = await restore(ctx.admin);
    expect(back.statusCode, back.body).toBe(200);
    expect(back.headers.etag).toBe('"v3"');
    expect((await ctx.t.app.inject(`${ITEMS}/2`)).json<ApiFeature>().properties.name).toBe(
      'Dệt thổ cẩm Tả Phìn',
    );
    expect((await restore(ctx.admin)).statusCode).toBe(404);
    const ops = (await history(2, ctx.admin)).json<HistoryBody>().history.map((e) => e.operation);
    expect(ops).toEqual(['restore', 'delete']);
  });

  it('never gives a deleted id to a new feature', async () => {
    const created = await ctx.t.app.inject({
      method: 'POST',
      url: ITEMS,
      headers: writeHeaders(ctx.editor),
      payload: JSON.stringify(village()),
    });
    const id = created.json<ApiFeature>().id;
    expect((await del(id, 1)).statusCode).toBe(204);
    const again = await ctx.t.app.inject({
      method: 'POST',
      url: ITEMS,
      headers: writeHeaders(ctx.editor),
      payload: JSON.stringify(village()),
    });
    expect(again.json<ApiFeature>().id).toBe(id + 1);
  });

  it('the change log is admin-only and lists recent changes with names', async () => {
    await put(1, 'Một');
    await del(3, 1);
    expect(
      (await ctx.t.app.inject({ url: '/api/changes', headers: { cookie: ctx.editor } })).statusCode,
    ).toBe(403);
    expect((await ctx.t.app.inject('/api/changes')).statusCode).toBe(401);
    const res = await ctx.t.app.inject({ url: '/api/changes?limit=10', headers: { cookie: ctx.admin } });
    expect(res.statusCode).toBe(200);
    expect(res.json<{ changes: unknown[] }>().changes).toEqual([
      expect.objectContaining({
        collection: 'craft-villages',
        featureId: 3,
        version: 2,
        operation: 'delete',
        user: 'eddie',
        name: 'Rèn Đồng Tuyển',
      }),
      expect.objectContaining({ featureId: 1, version: 2, operation: 'replace', name: 'Một' }),
    ]);
    const page2 = await ctx.t.app.inject({
      url: '/api/changes?limit=1&offset=1',
      headers: { cookie: ctx.admin },
    });
    expect(page2.json<{ changes: { featureId: number }[] }>().changes.map((c) => c.featureId)).toEqual([1]);
  });
});

describe('atomicity', () => {
  it('a failure inside the transaction (history insert) leaves no change, and the 500 says nothing of SQL', async () => {
    const db = new Database(path.join(ctx.t.dataDir, 'app.db'));
    db.exec(
      `CREATE TRIGGER fail_history BEFORE INSERT ON feature_history BEGIN SELECT RAISE(ABORT, 'injected failure'); END`,
    );
    db.close();
    const before = await ctx.t.app.inject(`${ITEMS}/1`);
    const res = await put(1, 'Không được lưu');
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toMatch(/injected|SQL|feature_history|trigger/i);
    const after = await ctx.t.app.inject(`${ITEMS}/1`);
    expect(after.body).toBe(before.body);
    expect(after.headers.etag).toBe('"v1"');
    const created = await ctx.t.app.inject({
      method: 'POST',
      url: ITEMS,
      headers: writeHeaders(ctx.editor),
      payload: JSON.stringify(village()),
    });
    expect(created.statusCode).toBe(500);
    expect((await ctx.t.app.inject(`${ITEMS}/6`)).statusCode).toBe(404);
    expect((await ctx.t.app.inject(ITEMS)).json<{ numberMatched: number }>().numberMatched).toBe(5);
  });
});

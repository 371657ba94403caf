import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BatchDetailResponse, BatchesResponse, BatchResponse } from '../../server/src/contract/batches';
import type { ChangesResponse, HistoryResponse } from '../../server/src/contract/edit';
import { csvText, encodeText, facilityRows, MEDIA, VI_HEADERS, viCells } from '../fixtures/imports/make';
import { signIn } from '../helpers/auth';
import { buildTestApp, type TestApp } from '../helpers/server';
import { commit, itemCount, jsonHeaders, preview, problemOf, upload } from './import-helpers';

/** Commit as one batch, revert as one batch, atomicity (issue 14). A fresh app per test. */
let t: TestApp;
const who = { viewer: '', editor: '', admin: '' };
beforeEach(async () => {
  t = await buildTestApp();
  who.viewer = await signIn(t.app, { username: 'vera', role: 'viewer' });
  who.editor = await signIn(t.app, { username: 'eddie', role: 'editor' });
  who.admin = await signIn(t.app, { username: 'ada', role: 'admin' });
});
afterEach(async () => t.close());

const rows = facilityRows(8);
const file = encodeText(csvText(VI_HEADERS, rows.map(viCells)), 'utf-8');

async function revert(cookie: string, id: number) {
  return t.app.inject({
    method: 'POST',
    url: `/api/batches/${id}/revert`,
    headers: { origin: 'http://localhost:80', cookie },
  });
}

describe('commit', () => {
  it('writes every valid row in one batch (who, when, file name, counts); history and the change log carry the batch', async () => {
    const p = preview(
      await upload(t.app, who.editor, file, MEDIA.csv, { query: { filename: 'so-dang-ky.csv' } }),
    );
    const res = await commit(t.app, who.editor, p.id, { exclude: [3] });
    expect(res.statusCode, res.body).toBe(200);
    const { batch } = res.json<BatchResponse>();
    expect(batch).toMatchObject({
      kind: 'features',
      collection: 'facilities',
      user: 'eddie',
      fileName: 'so-dang-ky.csv',
      counts: { created: 7, updated: 0, deleted: 0 },
      details: { rowsRead: 8, valid: 8, excluded: 1, format: 'csv', encoding: 'utf-8' },
      reverts: null,
      revertedBy: null,
    });
    expect(Date.parse(batch.at)).toBeGreaterThan(Date.now() - 60_000);
    expect(await itemCount(t.app)).toBe(6 + 7);
    const names = (await t.app.inject('/api/collections/facilities/items?q=thu nghiem&limit=50')).json<{
      features: { properties: { name: string } }[];
    }>();
    expect(names.features.map((f) => f.properties.name)).not.toContain('Cơ sở thử nghiệm 0002');
    const history = await t.app.inject({
      url: '/api/collections/facilities/items/7/history',
      headers: { cookie: who.viewer },
    });
    expect(history.json<HistoryResponse>().history[0]).toMatchObject({
      operation: 'create',
      user: 'eddie',
      batch: batch.id,
    });
    const changes = await t.app.inject({ url: '/api/changes?limit=20', headers: { cookie: who.admin } });
    expect(changes.json<ChangesResponse>().changes.every((c) => c.batch === batch.id)).toBe(true);
    const list = await t.app.inject({ url: '/api/batches', headers: { cookie: who.viewer } });
    expect(list.json<BatchesResponse>().batches.map((b) => b.id)).toEqual([batch.id]);
    const one = await t.app.inject({
      url: `/api/batches/${batch.id}?limit=3`,
      headers: { cookie: who.viewer },
    });
    expect(one.json<BatchDetailResponse>().changes).toEqual([
      {
        kind: 'feature',
        collection: 'facilities',
        featureId: 7,
        version: 1,
        operation: 'create',
        name: 'Cơ sở thử nghiệm 0001',
      },
      {
        kind: 'feature',
        collection: 'facilities',
        featureId: 8,
        version: 1,
        operation: 'create',
        name: 'Cơ sở thử nghiệm 0003',
      },
      {
        kind: 'feature',
        collection: 'facilities',
        featureId: 9,
        version: 1,
        operation: 'create',
        name: 'Cơ sở thử nghiệm 0004',
      },
    ]);
    const twice = await commit(t.app, who.editor, p.id);
    expect(twice.statusCode).toBe(409);
    expect(problemOf(twice)).toMatchObject({ code: 'Conflict', batch: batch.id });
    expect(await itemCount(t.app)).toBe(13);
  });

  it('a failure in the middle of a commit leaves no trace: no feature, no history row, no batch', async () => {
    const p = preview(await upload(t.app, who.editor, file, MEDIA.csv));
    const db = new Database(path.join(t.dataDir, 'app.db'));
    db.exec(`CREATE TRIGGER fail_fifth BEFORE INSERT ON features WHEN NEW.properties ->> '$.name' = 'Cơ sở thử nghiệm 0005'
      BEGIN SELECT RAISE(ABORT, 'injected failure'); END`);
    const before = await t.app.inject('/api/collections/facilities/items');
    const res = await commit(t.app, who.editor, p.id);
    expect(res.statusCode).toBe(500);
    expect(await itemCount(t.app)).toBe(6);
    expect(db.prepare('SELECT count(*) FROM feature_history').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM batches').pluck().get()).toBe(0);
    const after = await t.app.inject({
      url: '/api/collections/facilities/items',
      headers: { 'if-none-match': String(before.headers.etag) },
    });
    expect(after.statusCode).toBe(304);
    db.exec('DROP TRIGGER fail_fifth');
    db.close();
    const retry = await commit(t.app, who.editor, p.id);
    expect(retry.statusCode, retry.body).toBe(200);
    expect(retry.json<BatchResponse>().batch.counts.created).toBe(8);
  });

  it('duplicates are skipped by default, written over their feature with duplicates=update, or added with duplicates=create', async () => {
    const exported = await t.app.inject('/api/collections/facilities/items?f=csv');
    const lines = exported.body.split('\r\n');
    lines[1] = lines[1]!.replace('Muong Khuong chili-sauce production line', 'Muong Khuong chili sauce line');
    const p = preview(await upload(t.app, who.editor, lines.join('\r\n'), MEDIA.csv));
    expect(p.summary).toMatchObject({ rowsRead: 6, new: 0, duplicates: 6, unchanged: 5, changed: 1 });
    const skipped = await commit(t.app, who.editor, p.id);
    expect(skipped.json<BatchResponse>().batch).toMatchObject({
      counts: { created: 0, updated: 0 },
      details: { skipped: 6 },
    });
    const again = preview(await upload(t.app, who.editor, lines.join('\r\n'), MEDIA.csv));
    const updated = await commit(t.app, who.editor, again.id, { duplicates: 'update' });
    expect(updated.json<BatchResponse>().batch.counts).toMatchObject({ created: 0, updated: 1 });
    const one = await t.app.inject('/api/collections/facilities/items/1');
    expect(one.json<{ properties: { name_en: string } }>().properties.name_en).toBe(
      'Muong Khuong chili sauce line',
    );
    expect(one.headers.etag).toBe('"v2"');
    const third = preview(await upload(t.app, who.editor, lines.join('\r\n'), MEDIA.csv));
    const created = await commit(t.app, who.editor, third.id, { duplicates: 'create' });
    expect(created.json<BatchResponse>().batch.counts.created).toBe(6);
    expect(await itemCount(t.app)).toBe(12);
  });

  it('409 when a feature the commit would update was edited after the preview, listing it; nothing written', async () => {
    const exported = await t.app.inject('/api/collections/facilities/items?f=csv');
    const changed = exported.body.replace('Muong Khuong chili-sauce production line', 'Renamed line');
    const p = preview(await upload(t.app, who.editor, changed, MEDIA.csv));
    const feature = (await t.app.inject('/api/collections/facilities/items/1')).json<{
      properties: Record<string, unknown>;
    }>();
    const patch = await t.app.inject({
      method: 'PATCH',
      url: '/api/collections/facilities/items/1',
      headers: {
        ...jsonHeaders(who.editor),
        'if-match': '"v1"',
        'content-type': 'application/merge-patch+json',
      },
      payload: { properties: { notes: `${feature.properties.notes} (checked)` } },
    });
    expect(patch.statusCode, patch.body).toBe(200);
    const res = await commit(t.app, who.editor, p.id, { duplicates: 'update' });
    expect(res.statusCode).toBe(409);
    expect(problemOf(res).conflicts).toEqual([
      {
        kind: 'feature',
        collection: 'facilities',
        featureId: 1,
        name: 'Dây chuyền sản xuất tương ớt Mường Khương',
        expectedVersion: 1,
        currentVersion: 2,
      },
    ]);
    const batches = await t.app.inject({ url: '/api/batches', headers: { cookie: who.editor } });
    expect(batches.json<BatchesResponse>().batches).toEqual([]);
  });
});

describe('revert of a batch', () => {
  it('undoes the whole batch as a new, itself undoable batch; 409 listing the features edited since', async () => {
    const p = preview(await upload(t.app, who.editor, file, MEDIA.csv));
    const { batch } = (await commit(t.app, who.editor, p.id)).json<BatchResponse>();
    expect((await revert(who.viewer, batch.id)).statusCode).toBe(403);
    const edit = await t.app.inject({
      method: 'PATCH',
      url: '/api/collections/facilities/items/8',
      headers: {
        ...jsonHeaders(who.editor),
        'if-match': '"v1"',
        'content-type': 'application/merge-patch+json',
      },
      payload: { properties: { owner: 'Chủ mới' } },
    });
    expect(edit.statusCode).toBe(200);
    const refused = await revert(who.editor, batch.id);
    expect(refused.statusCode).toBe(409);
    const problem = problemOf(refused);
    expect(problem.conflicts).toEqual([
      expect.objectContaining({
        featureId: 8,
        name: 'Cơ sở thử nghiệm 0002',
        expectedVersion: 1,
        currentVersion: 2,
      }),
    ]);
    expect(problem.detail).toMatch(/Cơ sở thử nghiệm 0002 \(#8\)/);
    expect(await itemCount(t.app)).toBe(14);
    const back = await t.app.inject({
      method: 'POST',
      url: '/api/collections/facilities/items/8/revert',
      headers: { ...jsonHeaders(who.editor), 'if-match': '"v2"' },
      payload: { version: 1 },
    });
    expect(back.statusCode).toBe(200);
    // The feature is back at its content but at version 3, not the version the batch left: still refused.
    expect((await revert(who.editor, batch.id)).statusCode).toBe(409);
    const del = await t.app.inject({
      method: 'DELETE',
      url: '/api/collections/facilities/items/8',
      headers: { origin: 'http://localhost:80', cookie: who.editor, 'if-match': '"v3"' },
    });
    expect(del.statusCode).toBe(204);
    expect(problemOf(await revert(who.editor, batch.id)).conflicts?.[0]).toMatchObject({
      featureId: 8,
      currentVersion: null,
    });
    const restored = await t.app.inject({
      method: 'POST',
      url: '/api/collections/facilities/deleted/8/restore',
      headers: { origin: 'http://localhost:80', cookie: who.admin },
    });
    expect(restored.statusCode).toBe(200);
  });

  it('undoes a batch nobody touched since, and the undo can be undone', async () => {
    const p = preview(await upload(t.app, who.editor, file, MEDIA.csv));
    const { batch } = (await commit(t.app, who.editor, p.id)).json<BatchResponse>();
    const undo = await revert(who.editor, batch.id);
    expect(undo.statusCode, undo.body).toBe(200);
    const undone = undo.json<BatchResponse>().batch;
    expect(undone).toMatchObject({ reverts: batch.id, counts: { deleted: 8 }, fileName: batch.fileName });
    expect(await itemCount(t.app)).toBe(6);
    expect(
      (
        await t.app.inject({ url: '/api/collections/facilities/deleted', headers: { cookie: who.admin } })
      ).json<{ features: unknown[] }>().features,
    ).toHaveLength(8);
    const history = await t.app.inject({
      url: '/api/collections/facilities/items/7/history',
      headers: { cookie: who.admin },
    });
    expect(history.json<HistoryResponse>().history.map((h) => [h.operation, h.batch])).toEqual([
      ['delete', undone.id],
      ['create', batch.id],
    ]);
    const again = await revert(who.editor, batch.id);
    expect(again.statusCode).toBe(409);
    expect(problemOf(again).batch).toBe(undone.id);
    const redo = await revert(who.editor, undone.id);
    expect(redo.json<BatchResponse>().batch.counts.created).toBe(8);
    expect(await itemCount(t.app)).toBe(14);
    expect((await revert(who.editor, 999)).statusCode).toBe(404);
  });
});

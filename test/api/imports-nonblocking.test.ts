import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FeatureImportPreview } from '../../server/src/contract/imports';
import { csvText, facilityRows, MEDIA, VI_HEADERS, viCells } from '../fixtures/imports/make';
import { signIn } from '../helpers/auth';
import { buildTestApp, type TestApp } from '../helpers/server';
import { upload } from './import-helpers';

/**
 * A large file is read off the main thread (issue 14): while its preview runs, the server keeps
 * answering other requests — measured as a count of answers that came back while the import was
 * still `parsing`, not as a time.
 */
let t: TestApp;
let editor = '';
beforeAll(async () => {
  t = await buildTestApp();
  editor = await signIn(t.app, { username: 'eddie', role: 'editor' });
});
afterAll(async () => t.close());

it('other requests answer while a 30,000-row preview runs, and its progress moves', async () => {
  const file = csvText(VI_HEADERS, facilityRows(30_000).map(viCells));
  const res = await upload(t.app, editor, file, MEDIA.csv, { headers: { prefer: 'respond-async' } });
  expect(res.statusCode).toBe(202);
  const id = res.json<FeatureImportPreview>().id;
  let answeredWhileParsing = 0;
  const progress = new Set<string>();
  let status = 'parsing';
  for (let i = 0; i < 2000 && status === 'parsing'; i += 1) {
    const other = await t.app.inject('/api/collections/facilities/items?limit=5');
    expect(other.statusCode).toBe(200);
    const now = (
      await t.app.inject({ url: `/api/imports/${id}`, headers: { cookie: editor } })
    ).json<FeatureImportPreview>();
    status = now.status;
    if (status === 'parsing') {
      answeredWhileParsing += 1;
      progress.add(`${now.progress.phase}:${now.progress.done}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  expect(status).toBe('ready');
  expect(answeredWhileParsing).toBeGreaterThan(5);
  expect(progress.size).toBeGreaterThan(2);
  const done = (
    await t.app.inject({ url: `/api/imports/${id}`, headers: { cookie: editor } })
  ).json<FeatureImportPreview>();
  expect(done.summary).toMatchObject({ rowsRead: 30_000, valid: 30_000 });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Catalog, CollectionDef } from '../../../server/src/catalog/catalog';
import { loadCatalog } from '../../../server/src/catalog/load-catalog';
import { loadConfig } from '../../../server/src/config';
import { FeatureWriter } from '../../../server/src/editing/feature-writer';
import { ApiError } from '../../../server/src/errors';
import { openStore } from '../../../server/src/store/open-store';
import type { SqliteStore } from '../../../server/src/store/sqlite/sqlite-store';
import { village } from '../../api/write-fixtures';
import { FIXTURE_GEODATA } from '../../helpers/server';

/** The write service over a real SQLite store, called with plain values: no HTTP request in sight. */
let dir: string;
let store: SqliteStore;
let catalog: Catalog;
let villages: CollectionDef;
let writer: FeatureWriter;
const actor = { username: 'eddie' };

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'laocai-writer-'));
  catalog = loadCatalog(FIXTURE_GEODATA);
  ({ store } = await openStore(loadConfig({ DATA_DIR: dir, GEODATA_DIR: FIXTURE_GEODATA }), catalog));
  villages = catalog.collection('craft-villages') as CollectionDef;
  writer = new FeatureWriter(store);
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const problemOf = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (err: unknown) => (err instanceof ApiError ? { status: err.status, code: err.code } : err),
  );

describe('FeatureWriter takes values', () => {
  it('replaces at the version If-Match names and records who', async () => {
    const saved = await writer.replace(villages, '1', village({ name: 'Mới' }, [103.7, 22.5]), '"v1"', actor);
    expect(saved).toMatchObject({ id: 1, version: 2, properties: { name: 'Mới' } });
    expect((await store.featureHistory('craft-villages', 1))[0]).toMatchObject({
      username: 'eddie',
      version: 2,
    });
  });

  it('refuses a write without If-Match (428), a stale one (412) and an unknown feature (404)', async () => {
    const body = village({}, [103.7, 22.5]);
    expect(await problemOf(writer.replace(villages, '1', body, undefined, actor))).toEqual({
      status: 428,
      code: 'PreconditionRequired',
    });
    expect(await problemOf(writer.remove(villages, '1', '"v9"', actor))).toEqual({
      status: 412,
      code: 'PreconditionFailed',
    });
    expect(await problemOf(writer.patch(villages, 'x1', {}, '"v1"', actor))).toEqual({
      status: 404,
      code: 'NotFound',
    });
  });

  it('leaves the store unchanged when the body is invalid (422)', async () => {
    const before = await store.revision();
    expect(await problemOf(writer.create(villages, village({ craft: 'nope' }), actor))).toEqual({
      status: 422,
      code: 'ValidationFailed',
    });
    expect(await store.revision()).toBe(before);
  });
});

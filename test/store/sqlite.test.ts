import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { loadCatalog, loadSeedData } from '../../server/src/catalog/load-catalog';
import { VersionConflict } from '../../server/src/store/feature-store';
import { MIGRATIONS } from '../../server/src/store/sqlite/migrations';
import { openSqliteStore } from '../../server/src/store/sqlite/sqlite-store';
import { openSqliteUserStore } from '../../server/src/store/sqlite/user-store';
import { FIXTURE_GEODATA } from '../helpers/server';
import { runBatchContract } from './batches.contract';
import { runCql2Contract } from './cql2.contract';
import { runFeatureStoreContract, type StoreHarness } from './feature-store.contract';
import { runFeatureStoreReadContract } from './feature-store-reads.contract';
import { runFeatureStoreWriteContract } from './feature-store-writes.contract';
import { runInquiryStoreContract } from './inquiry-store.contract';
import { runSortContract } from './sort.contract';
import { runTileFilterContract } from './tiles-filter.contract';
import { runUserStoreContract } from './user-store.contract';

function tempSqlite(): StoreHarness & { file: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'laocai-store-'));
  const file = path.join(dir, 'nested', 'test.sqlite');
  return {
    file,
    open: async (catalog) => openSqliteStore({ file, catalog }),
    dispose: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

runFeatureStoreContract('sqlite (temp file)', tempSqlite);
runFeatureStoreWriteContract('sqlite (temp file)', tempSqlite);
runFeatureStoreReadContract('sqlite (temp file)', tempSqlite);
runTileFilterContract('sqlite (temp file)', tempSqlite);
runCql2Contract('sqlite (temp file)', tempSqlite);
runSortContract('sqlite (temp file)', tempSqlite);
runBatchContract('sqlite (temp file)', tempSqlite);
runInquiryStoreContract('sqlite (temp file)', () => {
  const harness = tempSqlite();
  const catalog = loadCatalog(FIXTURE_GEODATA);
  return { open: async () => openSqliteStore({ file: harness.file, catalog }), dispose: harness.dispose };
});
runUserStoreContract('sqlite (temp file)', () => {
  const harness = tempSqlite();
  return { open: async () => openSqliteUserStore(harness.file), dispose: harness.dispose };
});

describe('sqlite specifics', () => {
  it('uses WAL, synchronous=FULL and records the schema version', () => {
    const harness = tempSqlite();
    openSqliteStore({ file: harness.file, catalog: loadCatalog(FIXTURE_GEODATA) }).close();
    const db = new Database(harness.file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    db.close();
    harness.dispose();
  });

  it('refuses a database from a newer server', () => {
    const harness = tempSqlite();
    const catalog = loadCatalog(FIXTURE_GEODATA);
    openSqliteStore({ file: harness.file, catalog }).close();
    const db = new Database(harness.file);
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    db.close();
    expect(() => openSqliteStore({ file: harness.file, catalog })).toThrow(/newer than this server/);
    harness.dispose();
  });

  it('rolls a write back, feature and history, when anything inside its transaction fails', async () => {
    const harness = tempSqlite();
    const catalog = loadCatalog(FIXTURE_GEODATA);
    const store = openSqliteStore({ file: harness.file, catalog });
    await store.seed(loadSeedData(FIXTURE_GEODATA, catalog));
    const db = new Database(harness.file);
    db.exec(
      `CREATE TRIGGER fail_history BEFORE INSERT ON feature_history BEGIN SELECT RAISE(ABORT, 'injected'); END`,
    );
    const before = await store.getFeature('craft-villages', 1);
    const revision = await store.revision();
    const content = {
      properties: { name: 'X' },
      geometry: { type: 'Point' as const, coordinates: [103.7, 22.5] },
    };
    await expect(store.replaceFeature('craft-villages', 1, content, 1, { username: 'e' })).rejects.toThrow(
      /injected/,
    );
    await expect(store.createFeature('craft-villages', content, { username: 'e' })).rejects.toThrow(
      /injected/,
    );
    await expect(store.deleteFeature('craft-villages', 1, 1, { username: 'e' })).rejects.toThrow(/injected/);
    expect(await store.getFeature('craft-villages', 1)).toEqual(before);
    expect(await store.getFeature('craft-villages', 6)).toBeUndefined();
    expect(await store.listDeleted('craft-villages')).toEqual([]);
    expect(await store.revision()).toBe(revision);
    expect(db.prepare('SELECT count(*) FROM feature_history').pluck().get()).toBe(0);
    const box = await store.queryFeatures('craft-villages', {
      bbox: [103.69, 22.49, 103.71, 22.51],
      limit: 5,
      offset: 0,
    });
    expect(box.features.map((f) => f.id)).toEqual([1]);
    db.close();
    await store.close();
    await harness.dispose();
  });

  it('two connections on one file (two server processes): the second writer of a version gets VersionConflict', async () => {
    const harness = tempSqlite();
    const catalog = loadCatalog(FIXTURE_GEODATA);
    const a = openSqliteStore({ file: harness.file, catalog });
    await a.seed(loadSeedData(FIXTURE_GEODATA, catalog));
    const b = openSqliteStore({ file: harness.file, catalog });
    const content = (name: string) => ({
      properties: { name },
      geometry: { type: 'Point' as const, coordinates: [103.7, 22.5] },
    });
    expect(await b.getFeature('craft-villages', 1)).toMatchObject({ version: 1 });
    await a.replaceFeature('craft-villages', 1, content('A'), 1, { username: 'a' });
    await expect(
      b.replaceFeature('craft-villages', 1, content('B'), 1, { username: 'b' }),
    ).rejects.toBeInstanceOf(VersionConflict);
    expect((await b.getFeature('craft-villages', 1))?.properties.name).toBe('A');
    await a.close();
    await b.close();
    await harness.dispose();
  });

  it('rolls the whole seed back when one feature is bad', async () => {
    const harness = tempSqlite();
    const catalog = loadCatalog(FIXTURE_GEODATA);
    const store = openSqliteStore({ file: harness.file, catalog });
    const seed = loadSeedData(FIXTURE_GEODATA, catalog);
    const duplicate = { ...seed, features: [...seed.features, seed.features[0]!] };
    await expect(store.seed(duplicate)).rejects.toThrow(/UNIQUE/);
    expect(await store.isEmpty()).toBe(true);
    await store.close();
    await harness.dispose();
  });
});

import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerSortKey } from '../../server/src/store/sqlite/sort-indexes';
import { INJECT_ORIGIN, signIn } from '../helpers/auth';
import { FIXTURE_GEODATA, startTestServer } from '../helpers/server';
import { village } from './write-fixtures';

// Issue 11: npm run db:backup / db:restore, and the WAL after the first-start seed.

const run = promisify(execFile);
const work = mkdtempSync(path.join(tmpdir(), 'laocai-backup-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function script(name: 'db-backup' | 'db-restore', dataDir: string, file: string) {
  return run(process.execPath, ['--import', 'tsx', `server/scripts/${name}.ts`, file], {
    env: { ...process.env, DATA_DIR: dataDir, GEODATA_DIR: FIXTURE_GEODATA },
  }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (err: { code: number; stdout: string; stderr: string }) => err,
  );
}

/** Every history row's feature is live at that row's latest version, or deleted: a consistent database. */
function consistency(file: string): { villages: number; history: number; revision: number } {
  const db = new Database(file, { readonly: true });
  // The sort indexes compute the app's sort key (store/sqlite/sort-indexes.ts).
  registerSortKey(db);
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const broken = db
      .prepare(
        `SELECT h.collection, h.feature_id, max(h.version) v FROM feature_history h
         LEFT JOIN features f ON f.collection = h.collection AND f.id = h.feature_id
         LEFT JOIN deleted_features d ON d.collection = h.collection AND d.id = h.feature_id
         GROUP BY h.collection, h.feature_id
         HAVING (max(f.version) IS NULL AND max(d.id) IS NULL) OR (max(f.version) IS NOT NULL AND max(f.version) <> max(h.version))`,
      )
      .all();
    expect(broken).toEqual([]);
    return {
      villages: db
        .prepare("SELECT count(*) FROM features WHERE collection = 'craft-villages'")
        .pluck()
        .get() as number,
      history: db.prepare('SELECT count(*) FROM feature_history').pluck().get() as number,
      revision: db.prepare("SELECT value FROM store_meta WHERE key = 'revision'").pluck().get() as number,
    };
  } finally {
    db.close();
  }
}

describe('npm run db:backup and db:restore', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let dataDir: string;
  let editor: string;
  beforeAll(async () => {
    dataDir = path.join(work, 'data');
    server = await startTestServer({ geodataDir: FIXTURE_GEODATA, dataDir });
  });
  afterAll(async () => server?.close());

  it('the first-start seed leaves an empty WAL (checkpointed)', () => {
    expect(statSync(path.join(dataDir, 'app.db-wal')).size).toBe(0);
  });

  it('backs up a consistent copy while the server keeps writing', async () => {
    editor = await signIn(server.app, { username: 'eddie', role: 'editor' });
    let writing = true;
    let written = 0;
    const writer = (async () => {
      for (let i = 0; writing && i < 2000; i++) {
        const res = await server.app.inject({
          method: 'POST',
          url: '/api/collections/craft-villages/items',
          headers: { origin: INJECT_ORIGIN, 'content-type': 'application/json', cookie: editor },
          payload: village({ name: `Làng sao lưu ${i}` }),
        });
        expect(res.statusCode).toBe(201);
        written++;
      }
    })();
    // Let writes start, back up while they run, then let a few more land after it.
    while (written < 5) await new Promise((resolve) => setTimeout(resolve, 10));
    const file = path.join(work, 'during-writes.db');
    const backup = await script('db-backup', dataDir, file);
    const writtenAtEnd = written;
    while (written < writtenAtEnd + 5) await new Promise((resolve) => setTimeout(resolve, 10));
    writing = false;
    await writer;
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toMatch(/integrity check ok/);
    const copy = consistency(file);
    const live = consistency(path.join(dataDir, 'app.db'));
    // The copy is one moment of the database: some of the writes, not all of them.
    expect(copy.history).toBeGreaterThanOrEqual(5);
    expect(copy.history).toBeLessThan(live.history);
    expect(copy.revision).toBeLessThan(live.revision);
    // An existing file is never overwritten.
    const again = await script('db-backup', dataDir, file);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/exists already/);
  }, 60_000);

  it('refuses to restore under a running server; restores once it is stopped, keeping the old database', async () => {
    const file = path.join(work, 'during-writes.db');
    const copy = consistency(file);
    const refused = await script('db-restore', dataDir, file);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/is running on .*stop it first/);
    const stillLive = consistency(path.join(dataDir, 'app.db'));
    expect(stillLive.history).toBeGreaterThan(copy.history);

    await server.close();
    const restored = await script('db-restore', dataDir, file);
    expect(restored.code, restored.stderr).toBe(0);
    expect(consistency(path.join(dataDir, 'app.db'))).toEqual(copy);
    expect(readdirSync(dataDir).some((f) => f.startsWith('app.db.before-restore-'))).toBe(true);

    // The server starts on the restored database and serves its content.
    server = await startTestServer({ geodataDir: FIXTURE_GEODATA, dataDir });
    const res = await server.app.inject('/api/collections/craft-villages/items?limit=1');
    expect(JSON.parse(res.body).numberMatched).toBe(copy.villages);
  }, 60_000);

  it('refuses a file that is not a database of this app, and changes nothing', async () => {
    await server.close();
    const junk = path.join(work, 'junk.db');
    const other = new Database(junk);
    other.exec('CREATE TABLE t (x)');
    other.close();
    const before = consistency(path.join(dataDir, 'app.db'));
    const res = await script('db-restore', dataDir, junk);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/not a database of this app/);
    expect(consistency(path.join(dataDir, 'app.db'))).toEqual(before);
    expect(existsSync(path.join(dataDir, 'app.db.restoring'))).toBe(false);
    const missing = await script('db-restore', dataDir, path.join(work, 'nope.db'));
    expect(missing.code).toBe(1);
    server = await startTestServer({ geodataDir: FIXTURE_GEODATA, dataDir });
  }, 60_000);
});

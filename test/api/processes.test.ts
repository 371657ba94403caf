import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { FIXTURE_GEODATA } from '../helpers/server';

const run = promisify(execFile);
const TSX = ['--import', 'tsx'];
const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'laocai-proc-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function dbReset(dataDir: string, ...args: string[]) {
  return run(process.execPath, [...TSX, 'server/scripts/db-reset.ts', ...args], {
    env: { ...process.env, DATA_DIR: dataDir, GEODATA_DIR: FIXTURE_GEODATA },
  }).then(
    (r) => ({ code: 0, ...r }),
    (err: { code: number; stdout: string; stderr: string }) => err,
  );
}

describe('npm run db:reset', () => {
  it('seeds an empty database, refuses a non-empty one, and replaces it with --force', async () => {
    const dataDir = tempDir();
    const first = await dbReset(dataDir);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/seeded 11 features and 10 indicator rows/);
    const refused = await dbReset(dataDir);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/refusing to wipe it[\s\S]*--force/);
    const forced = await dbReset(dataDir, '--force');
    expect(forced.code).toBe(0);
  }, 60_000);
});

describe('server/src/main.ts', () => {
  function waitForListening(child: ChildProcess): Promise<string> {
    return new Promise((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 45_000);
      child.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const m = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${out}`)));
    });
  }

  it('logs JSON with request ids and closes gracefully on SIGTERM (exit 0, database closed)', async () => {
    const dataDir = tempDir();
    const child = spawn(process.execPath, [...TSX, 'server/src/main.ts'], {
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        GEODATA_DIR: FIXTURE_GEODATA,
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    child.stdout?.on('data', (c: Buffer) => {
      log += c.toString();
    });
    const url = await waitForListening(child);
    const res = await fetch(`${url}/api/collections`, { headers: { 'x-request-id': 'trace-42' } });
    expect(res.status).toBe(200);
    expect(existsSync(path.join(dataDir, 'app.db-wal'))).toBe(true);
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    const lines = log
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { reqId?: string; msg?: string });
    expect(lines.some((l) => l.reqId === 'trace-42')).toBe(true);
    expect(lines.some((l) => /shutting down/.test(l.msg ?? ''))).toBe(true);
    expect(existsSync(path.join(dataDir, 'app.db-wal'))).toBe(false);
  }, 60_000);

  it('refuses to start with a bad environment value, naming it', async () => {
    const failed = await run(process.execPath, [...TSX, 'server/src/main.ts'], {
      env: { ...process.env, PORT: 'eighty', DATA_DIR: tempDir() },
    }).catch((err: { code: number; stderr: string }) => err);
    expect('code' in failed && failed.code).toBe(1);
    expect('stderr' in failed && failed.stderr).toMatch(/PORT must be an integer/);
  }, 60_000);
});

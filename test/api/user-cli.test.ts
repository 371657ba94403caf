import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { INJECT_ORIGIN } from '../helpers/auth';
import { buildTestApp, FIXTURE_GEODATA } from '../helpers/server';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TSX = path.join(REPO, 'node_modules/tsx/dist/cli.mjs');
const SCRIPT = path.join(REPO, 'server/scripts/user.ts');

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'laocai-cli-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

function cli(args: string[], opts: { input?: string; env?: Record<string, string> } = {}) {
  const res = spawnSync(process.execPath, [TSX, SCRIPT, ...args], {
    cwd: REPO,
    input: opts.input ?? '',
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, ...opts.env },
    timeout: 30_000,
  });
  return { code: res.status, out: res.stdout, err: res.stderr };
}

describe('npm run user', { timeout: 60_000 }, () => {
  it('adds users (password piped on stdin or from LCMAP_PASSWORD), lists them, and the server accepts the login', async () => {
    const add = cli(['add', 'ada', '--role', 'admin'], { input: 'a long enough password\n' });
    expect(add.code, add.err).toBe(0);
    expect(add.out).toContain('added ada (admin)');
    expect(add.out + add.err).not.toContain('a long enough password');
    expect(
      cli(['add', 'eddie', '--role', 'editor'], { env: { LCMAP_PASSWORD: 'another long one' } }).code,
    ).toBe(0);
    const list = cli(['list']);
    expect(list.code).toBe(0);
    expect(list.out).toMatch(/^ada\tadmin\t/m);
    expect(list.out).toMatch(/^eddie\teditor\t/m);
    expect(cli(['set-role', 'eddie', 'viewer']).code).toBe(0);
    expect(cli(['list']).out).toMatch(/^eddie\tviewer\t/m);

    const t = await buildTestApp({ dataDir, geodataDir: FIXTURE_GEODATA });
    try {
      const login = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { origin: INJECT_ORIGIN, 'content-type': 'application/json' },
        payload: { username: 'ada', password: 'a long enough password' },
      });
      expect(login.json()).toEqual({ user: { username: 'ada', role: 'admin' } });
    } finally {
      await t.close();
    }
  });

  it('refuses a wrong role, a short password, a taken name, and a password on the command line', () => {
    const wrongRole = cli(['add', 'bob', '--role', 'boss'], { input: 'a long enough password\n' });
    expect(wrongRole.code).toBe(2);
    expect(wrongRole.err).toContain('role must be one of: viewer, editor, admin');
    const short = cli(['add', 'bob', '--role', 'editor'], { input: 'short\n' });
    expect(short.code).toBe(1);
    expect(short.err).toContain('at least 10 characters');
    expect(short.err).not.toContain('short\n');
    expect(cli(['list']).out).not.toContain('bob');
    expect(cli(['add', 'bob', '--role', 'editor'], { input: 'a long enough password\n' }).code).toBe(0);
    const taken = cli(['add', 'BOB', '--role', 'viewer'], { input: 'a long enough password\n' });
    expect(taken.code).toBe(1);
    expect(taken.err).toContain('already exists');
    const argv = cli(['add', 'carol', '--role', 'editor', '--password', 'a long enough password']);
    expect(argv.code).toBe(2);
    expect(argv.err).toContain('never taken from the command line');
    expect(cli(['list']).out).not.toContain('carol');
  });

  it('removes a user; --help explains the commands', () => {
    cli(['add', 'bob', '--role', 'editor'], { input: 'a long enough password\n' });
    expect(cli(['remove', 'bob']).code).toBe(0);
    expect(cli(['remove', 'bob']).code).toBe(1);
    const help = cli(['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('add NAME --role admin|editor|viewer');
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../server/src/app';
import { loadConfig } from '../../server/src/config';
import { addUser, INJECT_ORIGIN } from '../helpers/auth';
import { FIXTURE_GEODATA } from '../helpers/server';

async function withLoggedApp(
  level: string,
  body: (lines: string[], app: Awaited<ReturnType<typeof buildApp>>) => Promise<void>,
) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'laocai-log-'));
  const lines: string[] = [];
  const config = loadConfig({
    DATA_DIR: dataDir,
    LOG_LEVEL: level,
    GEODATA_DIR: FIXTURE_GEODATA,
    CLIENT_DIR: dataDir,
  });
  const app = await buildApp(config, { logStream: { write: (line) => lines.push(line) } });
  try {
    await body(lines, app);
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

describe('logs', () => {
  it('warn at start, when no admin exists, how to create one (and no default account exists)', async () => {
    await withLoggedApp('warn', async (lines, app) => {
      expect(lines.join('')).toContain('npm run user -- add NAME --role admin');
      expect(await app.users.listUsers()).toEqual([]);
    });
  });

  it('never contain a password, even at trace level', async () => {
    await withLoggedApp('trace', async (lines, app) => {
      await addUser(app, { username: 'ada', role: 'admin', password: 'Sup3r-secret-words' });
      for (const password of ['Sup3r-secret-words', 'Wr0ng-secret-words']) {
        await app.inject({
          method: 'POST',
          url: '/api/auth/login',
          headers: { origin: INJECT_ORIGIN, 'content-type': 'application/json' },
          payload: { username: 'ada', password },
        });
      }
      const text = lines.join('');
      expect(text).toContain('signed in');
      expect(text).not.toContain('secret-words');
    });
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadCatalog, loadSeedData } from '../../server/src/catalog/load-catalog';
import type { ItemsResponse } from '../../server/src/contract/api';
import { buildTestApp, FIXTURE_GEODATA } from '../helpers/server';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('DATA_DIR across restarts', () => {
  it('seeds on first start and keeps later changes on the next start instead of re-seeding', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'laocai-persist-'));
    dirs.push(dataDir);
    const first = await buildTestApp({ dataDir, geodataDir: FIXTURE_GEODATA });
    const count = async (app: typeof first.app) =>
      (await app.inject('/api/collections/craft-villages/items')).json<ItemsResponse>().numberMatched;
    expect(await count(first.app)).toBe(5);
    const seed = loadSeedData(FIXTURE_GEODATA, loadCatalog(FIXTURE_GEODATA));
    const edited = seed.features.filter((f) => !(f.collection === 'craft-villages' && f.id === 2));
    await first.app.store.seed({ ...seed, features: edited }, { replace: true });
    await first.close();

    const second = await buildTestApp({ dataDir, geodataDir: FIXTURE_GEODATA });
    expect(await count(second.app)).toBe(4);
    expect((await second.app.inject('/api/collections/craft-villages/items/2')).statusCode).toBe(404);
    await second.close();
  });

  it('fails to start with a clear message when the geodata to seed from is missing', async () => {
    const geodataDir = mkdtempSync(path.join(tmpdir(), 'laocai-nogeo-'));
    dirs.push(geodataDir);
    await expect(buildTestApp({ geodataDir })).rejects.toThrow(/missing .*collections\.json.*geodata:build/);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog, loadSeedData } from '../../server/src/catalog/load-catalog';
import type { ItemsResponse } from '../../server/src/contract/api';
import { COUNT_CAP } from '../../server/src/store/rows';
import { buildTestApp, FIXTURE_GEODATA, type TestApp } from '../helpers/server';
import { syntheticVillages, villageGrid, withFeatures } from '../helpers/villages';

const ITEMS = '/api/collections/craft-villages/items';
const N = COUNT_CAP + 500;
const BOX = 'bbox=103.99,22.19,104.2,22.4';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ geodataDir: FIXTURE_GEODATA });
  const seed = loadSeedData(FIXTURE_GEODATA, loadCatalog(FIXTURE_GEODATA));
  await t.app.store.seed(withFeatures(seed, syntheticVillages(N, 1001, villageGrid)), { replace: true });
});
afterAll(async () => t.close());

const get = async (url: string) => {
  const res = await t.app.inject(url);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<ItemsResponse>();
};

describe('numberMatched when counting is not cheap', () => {
  it('leaves numberMatched out of a page of a large match, keeps next exact, and counts the last page', async () => {
    const first = await get(`${ITEMS}?${BOX}&limit=1000`);
    expect(first).not.toHaveProperty('numberMatched');
    expect(first.numberReturned).toBe(1000);
    let url: string | undefined = `${ITEMS}?${BOX}&limit=5000`;
    const seen = new Set<number>();
    let last: ItemsResponse | undefined;
    while (url) {
      last = await get(url);
      for (const f of last.features) seen.add(f.id);
      const next = last.links.find((l) => l.rel === 'next');
      url = next ? new URL(next.href).pathname + new URL(next.href).search : undefined;
    }
    // Every synthetic village and fixture village 4 (at 104.1, 22.2) lie in the box.
    expect(seen.size).toBe(N + 1);
    expect(last?.numberMatched).toBe(N + 1);
  });

  it('always counts a page without filters, from the per-collection count', async () => {
    const page = await get(`${ITEMS}?limit=3&offset=7000`);
    expect(page.numberMatched).toBe(N + 5);
    expect(page.links.some((l) => l.rel === 'next')).toBe(true);
  });

  it('counts a small match exactly', async () => {
    const page = await get(`${ITEMS}?bbox=103.999,22.199,104.0101,22.2001&limit=5`);
    expect(page.numberMatched).toBe(21);
  });
});

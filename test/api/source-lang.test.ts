import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citationLangsOf } from '../../server/src/catalog/catalog';
import { loadCatalog } from '../../server/src/catalog/load-catalog';
import type { IndicatorValuesResponse } from '../../server/src/contract/api';
import { buildTestApp, SHIPPED_GEODATA, type TestApp } from '../helpers/server';

/** The language of citation words (source_lang) from geodata/ through the seed to the API. */
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t.close());

async function json<T>(url: string): Promise<T> {
  const res = await t.app.inject(url);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<T>();
}

describe('source_lang through the API', () => {
  it('every shipped feature carries the language of its citation', async () => {
    type Items = { features: { id: number; properties: Record<string, unknown> }[] };
    const villages = await json<Items>('/api/collections/craft-villages/items?limit=100');
    const byId = new Map(villages.features.map((f) => [f.id, f.properties]));
    // "laocaitv.vn news item "…"" is English words around a Vietnamese title; the rest are URLs only.
    expect(byId.get(5)).toMatchObject({ source_lang: 'en' });
    expect(byId.get(3)).toMatchObject({ source_lang: 'zxx' });
    const districts = await json<Items>('/api/collections/districts/items?limit=100');
    expect(new Set(districts.features.map((f) => f.properties.source_lang))).toEqual(new Set(['en']));
  });

  it('indicator values and the province total say their source language; computed ones are English', async () => {
    const stored = await json<IndicatorValuesResponse>('/api/indicators/establishments?year=2008');
    expect(stored.province).toMatchObject({ status: 'reported', source_lang: 'en' });
    expect(new Set(stored.values.map((v) => v.source_lang))).toEqual(new Set(['en']));
    const computed = await json<IndicatorValuesResponse>('/api/indicators/craft_village_count');
    expect(new Set(computed.values.map((v) => v.source_lang))).toEqual(new Set(['en']));
  });

  it('a source text no shipped row declares (an import) has no language: null', async () => {
    const catalog = loadCatalog(SHIPPED_GEODATA);
    const one = (await t.app.store.listIndicatorRows('population'))[0];
    if (!one) throw new Error('no population rows shipped');
    expect(catalog.citationLang(one.source)).toBe('en');
    expect(catalog.citationLang('Sở Công Thương, bảng tổng hợp 2024')).toBeNull();
    // A text declared in two languages is unknown rather than wrong.
    const rows = [
      { ...one, source_lang: 'en' as const },
      { ...one, source_lang: 'vi' as const },
    ];
    expect(citationLangsOf(rows).has(one.source)).toBe(false);
  });
});

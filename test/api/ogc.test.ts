import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CollectionInfo,
  CollectionsResponse,
  LandingResponse,
  Link,
} from '../../server/src/contract/api';
import { buildTestApp, FIXTURE_GEODATA, type TestApp } from '../helpers/server';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ geodataDir: FIXTURE_GEODATA });
});
afterAll(async () => t.close());

function expectLinksTyped(links: Link[]) {
  for (const link of links) {
    expect(link.rel, JSON.stringify(link)).toBeTruthy();
    expect(link.type, JSON.stringify(link)).toBeTruthy();
    expect(link.href).toMatch(/^http:\/\//);
  }
}

describe('capabilities', () => {
  it('landing page links service-desc, service-doc, conformance and data', async () => {
    const res = await t.app.inject('/api');
    expect(res.statusCode).toBe(200);
    const body = res.json<LandingResponse>();
    expectLinksTyped(body.links);
    expect(body.links.map((l) => l.rel)).toEqual(
      expect.arrayContaining(['self', 'service-desc', 'service-doc', 'conformance', 'data']),
    );
  });

  it('conformance lists core, geojson and oas30', async () => {
    const body = (await t.app.inject('/api/conformance')).json<{ conformsTo: string[] }>();
    for (const c of ['core', 'geojson', 'oas30']) {
      expect(body.conformsTo).toContain(`http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/${c}`);
    }
  });

  it('collections carry an array of CRS84 bboxes and items/describedby/queryables links', async () => {
    const body = (await t.app.inject('/api/collections')).json<CollectionsResponse>();
    expect(body.collections.map((c) => c.id)).toEqual(['districts', 'industrial-clusters', 'craft-villages']);
    expectLinksTyped(body.links);
    const villages = body.collections.find((c) => c.id === 'craft-villages')!;
    expect(villages.extent.spatial.bbox).toEqual([[103.7, 22.2, 104.1, 22.6]]);
    expect(villages.itemType).toBe('feature');
    expectLinksTyped(villages.links);
    const byRel = Object.fromEntries(villages.links.map((l) => [l.rel, l]));
    expect(byRel.items?.type).toBe('application/geo+json');
    expect(byRel.describedby?.type).toBe('application/schema+json');
    expect(byRel['http://www.opengis.net/def/rel/ogc/1.0/queryables']?.href).toMatch(/\/queryables$/);
  });

  it('one collection has a self link', async () => {
    const body = (await t.app.inject('/api/collections/industrial-clusters')).json<CollectionInfo>();
    expect(body.links.find((l) => l.rel === 'self')?.href).toMatch(
      /\/api\/collections\/industrial-clusters$/,
    );
    expect(body.title).toBe('Cụm công nghiệp (mẫu thử)');
  });

  it('queryables are a JSON Schema of the filterable properties', async () => {
    const res = await t.app.inject('/api/collections/craft-villages/queryables');
    expect(res.headers['content-type']).toMatch(/^application\/schema\+json/);
    const body = res.json<{ properties: Record<string, { type: unknown }> }>();
    expect(Object.keys(body.properties)).toEqual([
      'district_code',
      'craft',
      'recognition_year',
      'confidence',
      'name',
      'name_en',
      'commune',
      'geometry',
    ]);
    expect(body.properties.recognition_year?.type).toEqual(['integer', 'null']);
  });

  it('describedby schema lists every property of the collection', async () => {
    const res = await t.app.inject('/api/collections/craft-villages/schema');
    expect(res.headers['content-type']).toMatch(/^application\/schema\+json/);
    const body = res.json<{ properties: Record<string, unknown>; $id: string }>();
    expect(Object.keys(body.properties)).toContain('location_precision');
    expect(body.$id).toMatch(/\/api\/collections\/craft-villages\/schema$/);
  });

  it('OpenAPI declares every items parameter, including the queryables', async () => {
    const res = await t.app.inject('/api/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = res.json<{
      openapi: string;
      paths: Record<string, { get: { parameters: { name: string; in: string }[] } }>;
    }>();
    expect(doc.openapi).toMatch(/^3\.0/);
    // One items path per collection, relative to the server URL <origin>/api, with its own queryables.
    const names = doc.paths['/collections/craft-villages/items']!.get.parameters.map(
      (p) => `${p.in}:${p.name}`,
    );
    expect(names).toEqual(
      expect.arrayContaining([
        'query:limit',
        'query:offset',
        'query:bbox',
        'query:q',
        'query:f',
        'query:craft',
      ]),
    );
    expect(names).not.toContain('query:status');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/indicators/{indicator}', '/app-config']),
    );
  });

  it('serves the docs page and its assets locally', async () => {
    const page = await t.app.inject('/api/docs');
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toMatch(/https?:\/\/(cdn|unpkg)/);
    expect((await t.app.inject('/api/docs/static/swagger-ui-bundle.js')).statusCode).toBe(200);
  });

  it('app-config says there is no custom basemap by default', async () => {
    expect((await t.app.inject('/api/app-config')).json()).toEqual({ customBasemapStyleUrl: null });
  });

  it('echoes a request id', async () => {
    const res = await t.app.inject({ url: '/api', headers: { 'x-request-id': 'abc-123' } });
    expect(res.headers['x-request-id']).toBe('abc-123');
  });
});

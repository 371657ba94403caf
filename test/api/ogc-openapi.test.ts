import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFORMANCE_CLASSES } from '../../server/src/routes/landing';
import { startTestServer } from '../helpers/server';

/**
 * The OpenAPI document as the OGC test suite (ets-ogcapi-features10) and GDAL read it, and the
 * sequence of requests OWSLib's `Features` class makes (landing page at `/api/`, conformance,
 * collections, one collection, queryables, items, one item), over a real listening server.
 * OWSLib itself is Python and not installable here (no PyPI access), so the sequence is
 * written out in TS from what owslib/ogcapi/features.py requests.
 */
let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.close());

interface Parameter {
  name: string;
  in: string;
  schema: Record<string, unknown>;
  style?: string;
  explode?: boolean;
}
interface Doc {
  openapi: string;
  servers: { url: string }[];
  paths: Record<
    string,
    Record<string, { parameters?: Parameter[]; responses: Record<string, { content?: object }> }>
  >;
}

async function getJson<T>(path: string): Promise<{ status: number; type: string; body: T }> {
  const res = await fetch(`${server.url}${path}`, { headers: { accept: 'application/json' } });
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: (await res.json()) as T };
}

describe('OpenAPI document', () => {
  let doc: Doc;
  beforeAll(async () => {
    const res = await fetch(`${server.url}/api/openapi.json`);
    expect(res.headers.get('content-type')).toBe('application/vnd.oai.openapi+json;version=3.0');
    doc = (await res.json()) as Doc;
  });

  it('validates against the OpenAPI 3.0 schema', async () => {
    const result = await new Validator().validate(structuredClone(doc) as unknown as Record<string, unknown>);
    expect(result.errors ?? [], String(JSON.stringify(result.errors)).slice(0, 500)).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('has servers <base>/api and paths relative to it', () => {
    expect(doc.servers).toEqual([{ url: `${server.url}/api` }]);
    for (const p of ['/', '/conformance', '/collections', '/collections/{collectionId}'])
      expect(doc.paths).toHaveProperty([p]);
    expect(Object.keys(doc.paths).filter((p) => p.startsWith('/api'))).toEqual([]);
  });

  it('has one items path per collection listing exactly its queryables, typed with their enums', async () => {
    const { body } = await getJson<{ collections: { id: string }[] }>('/api/collections');
    const common = [
      'f',
      'limit',
      'offset',
      'bbox',
      'bbox-crs',
      'datetime',
      'filter',
      'filter-lang',
      'filter-crs',
      'crs',
      'sortby',
      'q',
    ];
    for (const { id } of body.collections) {
      const op = doc.paths[`/collections/${id}/items`]?.get;
      expect(op, id).toBeDefined();
      const q = await getJson<{ properties: Record<string, Record<string, unknown>> }>(
        `/api/collections/${id}/queryables`,
      );
      const queryables = Object.keys(q.body.properties).filter((n) => n !== 'geometry');
      const params = op!.parameters!.filter((p) => p.in === 'query');
      expect(params.map((p) => p.name).filter((n) => !common.includes(n))).toEqual(queryables);
      for (const name of queryables) {
        const schema = params.find((p) => p.name === name)!.schema;
        const declared = q.body.properties[name]!;
        const types = [declared.type].flat().filter((t) => t !== 'null');
        expect(schema.type, `${id} ${name}`).toBe(types.length === 1 ? types[0] : 'string');
        if (Array.isArray(declared.enum))
          expect(schema.enum).toEqual(declared.enum.filter((v) => v !== null));
        // Each declared parameter with a valid value is answered (the test suite tries them all).
        const value = Array.isArray(schema.enum)
          ? String(schema.enum[0])
          : schema.type === 'integer'
            ? String(schema.minimum ?? 2000)
            : 'x';
        const res = await fetch(
          `${server.url}/api/collections/${id}/items?${name}=${encodeURIComponent(value)}&limit=1`,
        );
        expect(res.status, `${id} ${name}=${value}`).toBe(200);
      }
    }
  });

  it('declares limit and bbox as Part 1 defines them', () => {
    const params = doc.paths['/collections/craft-villages/items']!.get!.parameters!;
    const limit = params.find((p) => p.name === 'limit')!;
    expect(limit.schema).toMatchObject({ type: 'integer', minimum: 1, default: 100 });
    expect(limit.schema.maximum).toBeTypeOf('number');
    const bbox = params.find((p) => p.name === 'bbox')!;
    expect(bbox.schema).toMatchObject({ type: 'array', minItems: 4, maxItems: 6, items: { type: 'number' } });
    expect([bbox.style, bbox.explode]).toEqual(['form', false]);
  });

  it('declares every status code the server uses, each answer with a body with its content type', () => {
    const seen = new Set<string>();
    for (const methods of Object.values(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        for (const [status, response] of Object.entries(op.responses)) {
          seen.add(status);
          // No body: 204, 304, and OPTIONS (its answer is the Allow header).
          if (!['204', '304'].includes(status) && method !== 'options')
            expect(Object.keys(response.content ?? {}).length, status).toBeGreaterThan(0);
        }
      }
    }
    for (const s of [
      '200',
      '201',
      '204',
      '304',
      '400',
      '401',
      '403',
      '404',
      '412',
      '413',
      '415',
      '422',
      '428',
      '429',
    ])
      expect([...seen]).toContain(s);
  });
});

describe('an OWSLib-like client', () => {
  it('walks landing page (trailing slash), conformance, collections, queryables, items and one item', async () => {
    const landing = await getJson<{ links: { rel: string; href: string }[] }>('/api/');
    expect(landing.status).toBe(200);
    const rels = Object.fromEntries(landing.body.links.map((l) => [l.rel, l.href]));
    const conformance = await getJson<{ conformsTo: string[] }>(new URL(rels.conformance!).pathname);
    expect(conformance.body.conformsTo).toEqual([...CONFORMANCE_CLASSES]);
    for (const c of ['filter', 'features-filter'])
      expect(conformance.body.conformsTo).toContain(
        `http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/${c}`,
      );
    for (const c of ['basic-cql2', 'cql2-text'])
      expect(conformance.body.conformsTo).toContain(`http://www.opengis.net/spec/cql2/1.0/conf/${c}`);
    const collections = await getJson<{ collections: { id: string }[] }>(new URL(rels.data!).pathname);
    expect(collections.body.collections.length).toBeGreaterThan(0);
    const id = 'craft-villages';
    const one = await getJson<{ id: string; links: { rel: string; href: string }[] }>(
      `/api/collections/${id}`,
    );
    expect(one.body.id).toBe(id);
    const queryables = await getJson<{ properties: object }>(`/api/collections/${id}/queryables`);
    expect(Object.keys(queryables.body.properties)).toContain('craft');
    const items = await getJson<{ features: { id: number }[] }>(
      `/api/collections/${id}/items?limit=2&filter=${encodeURIComponent("craft <> 'none'")}`,
    );
    expect(items.status).toBe(200);
    expect(items.type).toMatch(/json/);
    const item = await getJson<{ id: number }>(`/api/collections/${id}/items/${items.body.features[0]!.id}`);
    expect(item.body.id).toBe(items.body.features[0]!.id);
  });
});

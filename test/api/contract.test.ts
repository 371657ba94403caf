/**
 * Contract tests: every route answers in the shapes of its response schemas (server/src/contract),
 * for its successes and its problems. The test app checks every /api answer against the route's
 * schema (plugins/response-check: a wrong shape becomes a 500), so each case below asserts the
 * status it expects and thereby that the body kept the contract. The last test proves every
 * operation of the OpenAPI document was exercised with a success and a problem.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVERY_ROUTE_PROBLEMS } from '../../server/src/routes/responses';
import { INJECT_ORIGIN, signIn } from '../helpers/auth';
import { buildTestApp, FIXTURE_GEODATA, type TestApp } from '../helpers/server';
import { village, writeHeaders } from './write-fixtures';

let t: TestApp;
const who = { viewer: '', editor: '', admin: '' };
beforeAll(async () => {
  t = await buildTestApp({ geodataDir: FIXTURE_GEODATA });
  who.viewer = await signIn(t.app, { username: 'vera', role: 'viewer' });
  who.editor = await signIn(t.app, { username: 'eddie', role: 'editor' });
  who.admin = await signIn(t.app, { username: 'ada', role: 'admin' });
});
afterAll(async () => t.close());

/** OpenAPI operation ("GET /api/collections/{collectionId}") → statuses seen in this file. */
const seen = new Map<string, Set<number>>();

interface Case {
  /** The OpenAPI operation. */
  op: string;
  /** The URL, or a function of what earlier cases saw (e.g. the reference an inquiry got). */
  url: string | (() => string);
  status: number;
  as?: keyof typeof who;
  body?: unknown;
  headers?: Record<string, string>;
  /** Send If-None-Match with the ETag of a first GET (expects 304). */
  revalidate?: boolean;
  /** Reads the answer for later cases. */
  after?: (body: string) => void;
}

/** Ids made by earlier cases (an import, a batch), put into later URLs for `:import` and `:batch`. */
const made = { import: '', batch: 0 };

async function run(c: Case) {
  const [method = 'GET'] = c.op.split(' ');
  const fill = (u: string) => u.replace(':import', made.import).replace(':batch', String(made.batch));
  const given = c.url;
  c = { ...c, url: typeof given === 'string' ? fill(given) : () => fill(given()) };
  const cookie = c.as ? who[c.as] : undefined;
  const write = !['GET', 'HEAD', 'OPTIONS'].includes(method);
  const headers: Record<string, string> = {
    ...(write && c.body !== undefined ? writeHeaders(cookie) : {}),
    ...(write ? { origin: INJECT_ORIGIN } : {}),
    ...(cookie ? { cookie } : {}),
    ...c.headers,
  };
  const url = typeof c.url === 'string' ? c.url : c.url();
  if (c.revalidate) {
    const first = await t.app.inject({ method: 'GET', url, headers });
    headers['if-none-match'] = String(first.headers.etag);
  }
  const res = await t.app.inject({
    method: method as 'GET',
    url,
    headers,
    ...(c.body === undefined
      ? {}
      : { payload: typeof c.body === 'string' ? c.body : JSON.stringify(c.body) }),
  });
  if (res.statusCode === 201 && c.op.endsWith('/imports')) made.import = res.json<{ id: string }>().id;
  if (res.statusCode === 200 && c.op.endsWith('/commit'))
    made.batch = res.json<{ batch: { id: number } }>().batch.id;
  const statuses = seen.get(c.op) ?? new Set<number>();
  statuses.add(res.statusCode);
  seen.set(c.op, statuses);
  c.after?.(res.body);
  return res;
}

const C = '/api/collections';
/** The reference of the inquiry sent by the POST case (read by the later inquiry cases). */
let inquiry = '';
const V = `${C}/craft-villages`;
const ITEM = '/api/collections/{collectionId}/items/{featureId}';
const TILES = '/api/collections/{collectionId}/tiles';
const TILE = `${TILES}/{tileMatrixSetId}/{tileMatrix}/{tileRow}/{tileCol}`;

const cases: Case[] = [
  { op: 'GET /api', url: '/api', status: 200 },
  { op: 'GET /api', url: '/api?unknown=1', status: 400 },
  { op: 'GET /api', url: '/api', status: 304, revalidate: true },
  { op: 'GET /api/conformance', url: '/api/conformance', status: 200 },
  { op: 'GET /api/conformance', url: '/api/conformance?x=1', status: 400 },
  { op: 'GET /api/collections', url: C, status: 200 },
  { op: 'GET /api/collections', url: C, status: 304, revalidate: true },
  { op: 'GET /api/collections', url: `${C}?f=xml`, status: 400 },
  { op: 'GET /api/collections/{collectionId}', url: V, status: 200 },
  { op: 'GET /api/collections/{collectionId}', url: `${C}/nope`, status: 404 },
  // One items path per collection (each lists its own queryables).
  ...['districts', 'industrial-clusters', 'craft-villages'].flatMap((id): Case[] => [
    { op: `GET ${C}/${id}/items`, url: `${C}/${id}/items?limit=2`, status: 200 },
    { op: `GET ${C}/${id}/items`, url: `${C}/${id}/items?bbox=1,2`, status: 400 },
    { op: `GET ${C}/${id}/items`, url: `${C}/${id}/items?sortby=-name&limit=2`, status: 200 },
    { op: `GET ${C}/${id}/items`, url: `${C}/${id}/items?sortby=nope`, status: 400 },
  ]),
  { op: `GET ${V}/items`, url: `${V}/items?limit=2`, status: 304, revalidate: true },
  { op: 'GET /api/collections/{collectionId}/items', url: `${C}/nope/items`, status: 404 },
  { op: `GET ${ITEM}`, url: `${V}/items/1`, status: 200 },
  { op: `GET ${ITEM}`, url: `${V}/items/1`, status: 304, revalidate: true },
  { op: `GET ${ITEM}`, url: `${V}/items/999`, status: 404 },
  { op: `GET ${TILES}`, url: `${V}/tiles`, status: 200 },
  { op: `GET ${TILES}`, url: `${C}/nope/tiles`, status: 404 },
  { op: `GET ${TILES}/{tileMatrixSetId}`, url: `${V}/tiles/WebMercatorQuad`, status: 200 },
  { op: `GET ${TILES}/{tileMatrixSetId}`, url: `${V}/tiles/WebMercatorQuad`, status: 304, revalidate: true },
  { op: `GET ${TILES}/{tileMatrixSetId}`, url: `${V}/tiles/WorldCRS84Quad`, status: 404 },
  // One tile path per collection (each lists its own queryables as filter parameters).
  ...['districts', 'industrial-clusters', 'craft-villages'].flatMap((id): Case[] => {
    const op = `GET ${C}/${id}/tiles/{tileMatrixSetId}/{tileMatrix}/{tileRow}/{tileCol}`;
    return [
      { op, url: `${C}/${id}/tiles/WebMercatorQuad/0/0/0`, status: 200 },
      { op, url: `${C}/${id}/tiles/WebMercatorQuad/17/0/0`, status: 400 },
      { op, url: `${C}/${id}/tiles/WebMercatorQuad/0/0/0?filter=nope%3D`, status: 400 },
      { op, url: `${C}/${id}/tiles/WorldCRS84Quad/0/0/0`, status: 404 },
    ];
  }),
  {
    op: `GET ${V}/tiles/{tileMatrixSetId}/{tileMatrix}/{tileRow}/{tileCol}`,
    url: `${V}/tiles/WebMercatorQuad/0/0/0`,
    status: 304,
    revalidate: true,
  },
  {
    op: `GET ${V}/tiles/{tileMatrixSetId}/{tileMatrix}/{tileRow}/{tileCol}`,
    url: `${V}/tiles/WebMercatorQuad/10/0/0`,
    status: 204,
  },
  { op: `GET ${TILE}`, url: `${C}/nope/tiles/WebMercatorQuad/0/0/0`, status: 404 },
  { op: 'GET /api/tileMatrixSets', url: '/api/tileMatrixSets', status: 200 },
  { op: 'GET /api/tileMatrixSets', url: '/api/tileMatrixSets?x=1', status: 400 },
  {
    op: 'GET /api/tileMatrixSets/{tileMatrixSetId}',
    url: '/api/tileMatrixSets/WebMercatorQuad',
    status: 200,
  },
  { op: 'GET /api/tileMatrixSets/{tileMatrixSetId}', url: '/api/tileMatrixSets/nope', status: 404 },
  { op: 'GET /api/collections/{collectionId}/queryables', url: `${V}/queryables`, status: 200 },
  { op: 'GET /api/collections/{collectionId}/queryables', url: `${C}/nope/queryables`, status: 404 },
  { op: 'GET /api/collections/{collectionId}/sortables', url: `${V}/sortables`, status: 200 },
  { op: 'GET /api/collections/{collectionId}/sortables', url: `${C}/nope/sortables`, status: 404 },
  { op: 'GET /api/collections/{collectionId}/schema', url: `${V}/schema`, status: 200 },
  { op: 'GET /api/collections/{collectionId}/schema', url: `${C}/nope/schema`, status: 404 },
  { op: 'GET /api/indicators', url: '/api/indicators', status: 200 },
  { op: 'GET /api/indicators', url: '/api/indicators?year=2008', status: 400 },
  { op: 'GET /api/indicators/{indicator}', url: '/api/indicators/establishments?year=2008', status: 200 },
  { op: 'GET /api/indicators/{indicator}', url: '/api/indicators/craft_village_count', status: 200 },
  { op: 'GET /api/indicators/{indicator}', url: '/api/indicators/establishments?year=1999', status: 400 },
  { op: 'GET /api/indicators/{indicator}', url: '/api/indicators/nope', status: 404 },
  { op: 'GET /api/app-config', url: '/api/app-config', status: 200 },
  { op: 'GET /api/app-config', url: '/api/app-config?x=1', status: 400 },
  { op: 'GET /api/auth/me', url: '/api/auth/me', status: 200 },
  { op: 'GET /api/auth/me', url: '/api/auth/me', status: 200, as: 'viewer' },
  {
    op: 'POST /api/auth/login',
    url: '/api/auth/login',
    status: 200,
    body: { username: 'vera', password: 'correct horse battery' },
  },
  {
    op: 'POST /api/auth/login',
    url: '/api/auth/login',
    status: 401,
    body: { username: 'vera', password: 'no' },
  },
  { op: 'POST /api/auth/login', url: '/api/auth/login', status: 400, body: { username: 'vera' } },
  {
    op: 'POST /api/auth/login',
    url: '/api/auth/login',
    status: 415,
    body: 'x',
    headers: { 'content-type': 'text/plain' },
  },
  { op: 'POST /api/auth/logout', url: '/api/auth/logout', status: 204, body: {} },
  {
    op: 'POST /api/auth/logout',
    url: '/api/auth/logout',
    status: 403,
    body: {},
    headers: { origin: 'http://evil' },
  },
  {
    op: 'POST /api/collections/{collectionId}/items',
    url: `${V}/items`,
    status: 201,
    as: 'editor',
    body: village(),
  },
  { op: 'POST /api/collections/{collectionId}/items', url: `${V}/items`, status: 401, body: village() },
  {
    op: 'POST /api/collections/{collectionId}/items',
    url: `${V}/items`,
    status: 403,
    as: 'viewer',
    body: village(),
  },
  {
    op: 'POST /api/collections/{collectionId}/items',
    url: `${V}/items`,
    status: 422,
    as: 'editor',
    body: village({ craft: 'not-a-craft' }),
  },
  {
    op: 'POST /api/collections/{collectionId}/items',
    url: `${V}/items`,
    status: 400,
    as: 'editor',
    body: [],
  },
  {
    op: 'POST /api/collections/{collectionId}/items',
    url: `${C}/districts/items`,
    status: 405,
    as: 'editor',
    body: village(),
  },
  {
    op: 'POST /api/collections/{collectionId}/items',
    url: `${C}/nope/items`,
    status: 404,
    as: 'editor',
    body: {},
  },
  {
    op: `PUT ${ITEM}`,
    url: `${V}/items/1`,
    status: 200,
    as: 'editor',
    body: village({ name: 'Một' }, [103.7, 22.5]),
    headers: { 'if-match': '"v1"' },
  },
  { op: `PUT ${ITEM}`, url: `${V}/items/1`, status: 428, as: 'editor', body: village({}, [103.7, 22.5]) },
  {
    op: `PUT ${ITEM}`,
    url: `${V}/items/1`,
    status: 412,
    as: 'editor',
    body: village({}, [103.7, 22.5]),
    headers: { 'if-match': '"v1"' },
  },
  { op: `PUT ${ITEM}`, url: `${V}/items/999`, status: 404, as: 'editor', body: village() },
  {
    op: `PATCH ${ITEM}`,
    url: `${V}/items/1`,
    status: 200,
    as: 'editor',
    body: { properties: { name: 'Hai' } },
    headers: { 'if-match': '"v2"', 'content-type': 'application/merge-patch+json' },
  },
  {
    op: `PATCH ${ITEM}`,
    url: `${V}/items/1`,
    status: 422,
    as: 'editor',
    body: { properties: { craft: 'nope' } },
    headers: { 'if-match': '"v3"' },
  },
  {
    op: `PATCH ${ITEM}`,
    url: `${V}/items/1`,
    status: 400,
    as: 'editor',
    body: [],
    headers: { 'if-match': '"v3"' },
  },
  {
    op: 'POST /api/collections/{collectionId}/items/{featureId}/revert',
    url: `${V}/items/1/revert`,
    status: 200,
    as: 'editor',
    body: { version: 1 },
    headers: { 'if-match': '"v3"' },
  },
  {
    op: 'POST /api/collections/{collectionId}/items/{featureId}/revert',
    url: `${V}/items/1/revert`,
    status: 422,
    as: 'editor',
    body: { version: 99 },
    headers: { 'if-match': '"v4"' },
  },
  {
    op: 'POST /api/collections/{collectionId}/items/{featureId}/revert',
    url: `${V}/items/1/revert`,
    status: 412,
    as: 'editor',
    body: { version: 1 },
    headers: { 'if-match': '"v1"' },
  },
  {
    op: 'GET /api/collections/{collectionId}/items/{featureId}/history',
    url: `${V}/items/1/history`,
    status: 200,
    as: 'viewer',
  },
  {
    op: 'GET /api/collections/{collectionId}/items/{featureId}/history',
    url: `${V}/items/1/history`,
    status: 401,
  },
  {
    op: 'GET /api/collections/{collectionId}/items/{featureId}/history',
    url: `${V}/items/999/history`,
    status: 404,
    as: 'viewer',
  },
  { op: `DELETE ${ITEM}`, url: `${V}/items/2`, status: 412, as: 'editor', headers: { 'if-match': '"v9"' } },
  { op: `DELETE ${ITEM}`, url: `${V}/items/2`, status: 204, as: 'editor', headers: { 'if-match': '"v1"' } },
  { op: 'GET /api/collections/{collectionId}/deleted', url: `${V}/deleted`, status: 200, as: 'admin' },
  { op: 'GET /api/collections/{collectionId}/deleted', url: `${V}/deleted`, status: 403, as: 'editor' },
  { op: 'GET /api/collections/{collectionId}/deleted', url: `${V}/deleted`, status: 401 },
  {
    op: 'POST /api/collections/{collectionId}/deleted/{featureId}/restore',
    url: `${V}/deleted/2/restore`,
    status: 403,
    as: 'editor',
    body: {},
  },
  {
    op: 'POST /api/collections/{collectionId}/deleted/{featureId}/restore',
    url: `${V}/deleted/2/restore`,
    status: 200,
    as: 'admin',
    body: {},
  },
  {
    op: 'POST /api/collections/{collectionId}/deleted/{featureId}/restore',
    url: `${V}/deleted/2/restore`,
    status: 404,
    as: 'admin',
    body: {},
  },
  { op: 'GET /api/changes', url: '/api/changes?limit=5', status: 200, as: 'admin' },
  { op: 'GET /api/changes', url: '/api/changes', status: 403, as: 'editor' },
  { op: 'GET /api/changes', url: '/api/changes?limit=0', status: 400, as: 'admin' },
  { op: 'OPTIONS /api/collections/{collectionId}/items', url: `${V}/items`, status: 200, as: 'editor' },
  { op: 'OPTIONS /api/collections/{collectionId}/items', url: `${C}/nope/items`, status: 404 },
  { op: `OPTIONS ${ITEM}`, url: `${V}/items/1`, status: 200 },
  { op: `OPTIONS ${ITEM}`, url: `${C}/nope/items/1`, status: 404 },
  // Imports and batches (issue 14).
  ...importCases(),
  { op: 'GET /api/nearby', url: '/api/nearby?lon=103.75&lat=22.55&radius_km=10', status: 200 },
  { op: 'GET /api/nearby', url: '/api/nearby?lon=103.75', status: 400 },
  {
    op: 'POST /api/inquiries',
    url: '/api/inquiries',
    status: 201,
    body: { name: 'An', email: 'an@example.vn', language: 'vi', message: 'Xin chào' },
    after: (body) => {
      inquiry = String(JSON.parse(body).reference);
    },
  },
  {
    op: 'POST /api/inquiries',
    url: '/api/inquiries',
    status: 422,
    body: { name: 'An', language: 'vi', message: 'x' },
  },
  { op: 'GET /api/inquiries', url: '/api/inquiries?status=new', status: 200, as: 'editor' },
  { op: 'GET /api/inquiries', url: '/api/inquiries', status: 401 },
  { op: 'GET /api/inquiries/{reference}', url: () => `/api/inquiries/${inquiry}`, status: 200, as: 'admin' },
  { op: 'GET /api/inquiries/{reference}', url: () => `/api/inquiries/${inquiry}`, status: 403, as: 'viewer' },
  {
    op: 'PATCH /api/inquiries/{reference}',
    url: () => `/api/inquiries/${inquiry}`,
    status: 200,
    as: 'editor',
    body: { assignee: 'eddie', note: 'Gọi lại sáng mai.' },
  },
  {
    op: 'PATCH /api/inquiries/{reference}',
    url: '/api/inquiries/LC-0000-0000-0000',
    status: 404,
    as: 'editor',
    body: { status: 'closed' },
  },
  { op: 'GET (no route)', url: '/api/no-such-thing', status: 404 },
];

function importCases(): Case[] {
  const IMPORTS = `${V}/imports`;
  const csv = { 'content-type': 'text/csv' };
  const villages =
    'name,lon,lat,craft,source,confidence,location_precision\nLàng nhập,103.75,22.56,forging,API test,illustrative,approximate\n';
  const indicators =
    'district_code,year,indicator,value,unit,source\n082,2008,establishments,50,establishments,test\n';
  const one = '/api/imports/{importId}';
  const batch = '/api/batches/{batchId}';
  return [
    {
      op: 'POST /api/collections/{collectionId}/imports',
      url: IMPORTS,
      status: 401,
      body: villages,
      headers: csv,
    },
    {
      op: 'POST /api/collections/{collectionId}/imports',
      url: IMPORTS,
      status: 415,
      as: 'editor',
      body: villages,
      headers: { 'content-type': 'text/plain' },
    },
    {
      op: 'POST /api/collections/{collectionId}/imports',
      url: IMPORTS,
      status: 201,
      as: 'editor',
      body: villages,
      headers: csv,
    },
    { op: `GET ${one}`, url: '/api/imports/:import', status: 200, as: 'editor' },
    { op: `GET ${one}`, url: '/api/imports/nope', status: 404, as: 'editor' },
    {
      op: `PATCH ${one}`,
      url: '/api/imports/:import',
      status: 200,
      as: 'editor',
      body: { encoding: 'utf-8' },
    },
    { op: `PATCH ${one}`, url: '/api/imports/:import', status: 400, as: 'editor', body: { nope: 1 } },
    { op: `GET ${one}/features`, url: '/api/imports/:import/features?limit=5', status: 200, as: 'editor' },
    { op: `GET ${one}/features`, url: '/api/imports/nope/features', status: 404, as: 'editor' },
    { op: `GET ${one}/problems`, url: '/api/imports/:import/problems?lang=en', status: 200, as: 'editor' },
    { op: `GET ${one}/problems`, url: '/api/imports/nope/problems', status: 404, as: 'editor' },
    { op: `POST ${one}/commit`, url: '/api/imports/:import/commit', status: 200, as: 'editor', body: {} },
    { op: `POST ${one}/commit`, url: '/api/imports/:import/commit', status: 409, as: 'editor', body: {} },
    { op: `DELETE ${one}`, url: '/api/imports/:import', status: 204, as: 'editor' },
    { op: `DELETE ${one}`, url: '/api/imports/:import', status: 404, as: 'editor' },
    { op: 'GET /api/batches', url: '/api/batches', status: 200, as: 'viewer' },
    { op: 'GET /api/batches', url: '/api/batches', status: 401 },
    { op: `GET ${batch}`, url: '/api/batches/:batch', status: 200, as: 'viewer' },
    { op: `GET ${batch}`, url: '/api/batches/999', status: 404, as: 'viewer' },
    { op: `POST ${batch}/revert`, url: '/api/batches/:batch/revert', status: 200, as: 'editor' },
    { op: `POST ${batch}/revert`, url: '/api/batches/:batch/revert', status: 409, as: 'editor' },
    {
      op: 'POST /api/indicators/imports',
      url: '/api/indicators/imports',
      status: 403,
      as: 'editor',
      body: indicators,
      headers: csv,
    },
    {
      op: 'POST /api/indicators/imports',
      url: '/api/indicators/imports',
      status: 201,
      as: 'admin',
      body: indicators,
      headers: csv,
    },
  ];
}

describe('every route answers in its contract shape', () => {
  it.each(
    cases.map(
      (c) =>
        [
          `${c.op} ${typeof c.url === 'string' ? c.url : '(from an earlier answer)'} → ${c.status}`,
          c,
        ] as const,
    ),
  )('%s', async (_name, c) => {
    const res = await run(c);
    // A body that broke its schema would have been turned into a 500 naming the violation.
    expect(res.statusCode, res.body).toBe(c.status);
  });

  it('exercised every operation of the OpenAPI document with a success and a problem', () => {
    const doc = t.app.swagger() as unknown as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    // Paths are relative to the server URL <origin>/api.
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([m, operation]) => ({
        op: `${m.toUpperCase()} /api${path === '/' ? '' : path}`,
        // What every route can answer (the request gate's 414/421, 500, 503) is excused here.
        problems: Object.keys(operation.responses).filter(
          (s) => Number(s) >= 400 && !(EVERY_ROUTE_PROBLEMS as readonly number[]).includes(Number(s)),
        ),
      })),
    );
    expect(operations.length).toBeGreaterThan(20);
    for (const { op, problems } of operations) {
      const statuses = [...(seen.get(op) ?? [])];
      expect(
        statuses.some((s) => s < 400),
        `${op} success`,
      ).toBe(true);
      // Only a route that can fail in no other way than a 500/503 (GET /api/auth/me) is excused.
      if (problems.length > 0)
        expect(
          statuses.some((s) => s >= 400),
          `${op} problem`,
        ).toBe(true);
    }
  });

  it('documents every answer of every operation, problems as application/problem+json', () => {
    const doc = t.app.swagger() as unknown as {
      paths: Record<
        string,
        Record<string, { responses: Record<string, { description: string; content?: object }> }>
      >;
    };
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        const where = `${method.toUpperCase()} ${path}`;
        expect(Object.keys(operation.responses), where).toContain('500');
        for (const [status, response] of Object.entries(operation.responses)) {
          expect(response.description, `${where} ${status}`).not.toBe('Default Response');
          if (Number(status) >= 400) {
            expect(Object.keys(response.content ?? {}), `${where} ${status}`).toEqual([
              'application/problem+json',
            ]);
          }
        }
      }
    }
  });
});

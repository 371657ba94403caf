import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INJECT_ORIGIN, signIn } from '../helpers/auth';
import { buildTestApp, FIXTURE_GEODATA, type TestApp } from '../helpers/server';
import { village } from './write-fixtures';

// Issue 11: property-based fuzzing of query parameters and write bodies (fast-check, seeded, a
// few hundred cases each). For every request: never a 5xx; every 4xx is problem+json; after any
// 4xx the data is exactly as before (store revision and a snapshot of the editable collections).

const SEED = 11;
const RUNS = 400;

let t: TestApp;
let editor: string;
let admin: string;
beforeAll(async () => {
  t = await buildTestApp({ geodataDir: FIXTURE_GEODATA });
  editor = await signIn(t.app, { username: 'eddie', role: 'editor' });
  admin = await signIn(t.app, { username: 'ada', role: 'admin' });
});
afterAll(async () => t.close());

async function snapshot(): Promise<string> {
  const parts = [String(await t.app.store.revision())];
  for (const c of ['craft-villages', 'industrial-clusters']) {
    const page = await t.app.store.queryFeaturesGeoJson(c, { limit: 10_000, offset: 0 });
    parts.push(page.featuresJson, JSON.stringify(await t.app.store.listDeleted(c)));
  }
  return parts.join('\n');
}

/** Sends the request and checks the three properties; returns the status. */
async function check(request: InjectOptions): Promise<number> {
  const before = await snapshot();
  const res = await t.app.inject(request);
  const what = `${request.method ?? 'GET'} ${String(request.url)} → ${res.statusCode} ${res.body.slice(0, 300)}`;
  expect(res.statusCode, what).toBeLessThan(500);
  if (res.statusCode >= 400) {
    expect(res.headers['content-type'], what).toMatch(/^application\/problem\+json/);
    const problem = JSON.parse(res.body) as Record<string, unknown>;
    expect(problem, what).toMatchObject({ status: res.statusCode, type: expect.any(String) });
    expect(typeof problem.title === 'string' && typeof problem.detail === 'string', what).toBe(true);
    expect(typeof problem.code, what).toBe('string');
    expect(await snapshot(), what).toBe(before);
  }
  return res.statusCode;
}

const NASTY = [
  '',
  ' ',
  '-1',
  '0',
  '1',
  '5',
  '10000',
  '10001',
  '1e19',
  '1e308',
  '-Infinity',
  'Infinity',
  'NaN',
  '0x1F',
  '+5',
  '5.0',
  '٥',
  '9223372036854775808',
  '99999999999999999999',
  'null',
  'true',
  '[]',
  '{}',
  '103.5,22,104.2,22.9',
  '1,2,3',
  'a,b,c,d',
  '%',
  '%E0%A4%A',
  '\u0000',
  '\uD800',
  '<script>',
  "' OR 1=1 --",
  '../../etc/passwd',
  '__proto__',
  '-name,+craft',
  '--name',
  ',',
];

const value = fc.oneof(
  fc.constantFrom(...NASTY),
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.integer().map(String),
  fc.double().map(String),
);
const name = fc.constantFrom(
  'limit',
  'offset',
  'bbox',
  'q',
  'f',
  'year',
  'district_code',
  'craft',
  'recognition_year',
  'status',
  'confidence',
  'filter',
  'filter-lang',
  'datetime',
  'sortby',
  '__proto__',
  'constructor',
  'x',
);
/** Percent-encoding; a lone surrogate (which encodeURIComponent refuses) is sent as malformed `%ED%A0%80`. */
function encode(v: string): string {
  try {
    return encodeURIComponent(v);
  } catch {
    return '%ED%A0%80';
  }
}
/** Query strings: pairs (names may repeat), values percent-encoded or sometimes raw. */
const query = fc
  .array(fc.tuple(name, value, fc.boolean()), { maxLength: 5 })
  .map((pairs) =>
    pairs.map(([k, v, raw]) => `${k}=${raw ? encode(v).replace(/%25/g, '%') : encode(v)}`).join('&'),
  );
const readPath = fc.constantFrom(
  '/api/collections/craft-villages/items',
  '/api/collections/industrial-clusters/items',
  '/api/collections/districts/items',
  '/api/collections/craft-villages/items/1',
  '/api/collections/craft-villages/items/1/history',
  '/api/collections/craft-villages/deleted',
  '/api/collections/craft-villages/queryables',
  '/api/collections/craft-villages/tiles/WebMercatorQuad/0/0/0',
  '/api/collections/districts/tiles/WebMercatorQuad/8/113/201',
  '/api/collections/craft-villages/sortables',
  '/api/collections',
  '/api/changes',
  '/api/indicators',
  '/api/indicators/craft_village_count',
  '/api',
);

describe('fuzzing (fast-check, seeded)', () => {
  it(`query parameters on every read route: ${RUNS} cases`, async () => {
    await fc.assert(
      fc.asyncProperty(
        readPath,
        query,
        fc.constantFrom(undefined, editor, admin),
        async (path, q, cookie) => {
          await check({ method: 'GET', url: `${path}?${q}`, headers: cookie ? { cookie } : {} });
        },
      ),
      { seed: SEED, numRuns: RUNS, interruptAfterTimeLimit: 60_000 },
    );
  }, 120_000);

  const json = fc.jsonValue({ maxDepth: 4 });
  const geometry = fc.oneof(
    json,
    fc.record({ type: fc.constantFrom('Point', 'Polygon', 'LineString', 'Nope'), coordinates: json }),
    fc.record({
      type: fc.constant('Point'),
      coordinates: fc.tuple(fc.double(), fc.double()),
    }),
    fc.constant({ type: 'Point', coordinates: [103.75, 22.55] }),
  );
  const properties = fc.oneof(
    json,
    fc.dictionary(
      fc.constantFrom(...Object.keys(village().properties), 'source_url', 'x', '__proto__'),
      json,
    ),
    fc
      .record({
        source_url: fc.constantFrom(
          'javascript:alert(1)',
          'data:text/html,x',
          'ftp://x',
          ' https://x',
          'https://ok.vn/',
        ),
      })
      .map((extra) => ({ ...village().properties, ...extra })),
  );
  const propertyName = fc.constantFrom(...Object.keys(village().properties), 'source_url', 'x');
  const feature = fc.oneof(
    json,
    fc.record({ type: fc.constantFrom('Feature', 'FeatureCollection', 'feature'), geometry, properties }),
    fc.record({ properties }).map((p) => ({ ...village(), ...p })),
    // A valid feature with one property or the geometry changed: these reach validation (422)
    // or are stored (2xx), and merge patches of the same.
    { arbitrary: fc.tuple(propertyName, json).map(([k, v]) => village({ [k]: v })), weight: 3 },
    { arbitrary: geometry.map((g) => ({ ...village(), geometry: g })), weight: 2 },
    { arbitrary: fc.tuple(propertyName, json).map(([k, v]) => ({ properties: { [k]: v } })), weight: 2 },
  );
  const body = fc.oneof(
    feature.map((f) => JSON.stringify(f)),
    fc.string({ maxLength: 60 }),
    fc.integer({ min: 1, max: 3000 }).map((d) => `${'['.repeat(d)}${']'.repeat(d)}`),
    fc.constantFrom(
      '',
      '{',
      '{"type":"Feature"',
      '{"__proto__":{"x":1}}',
      '{"constructor":{"prototype":{}}}',
      'null',
    ),
  );
  /** Mostly requests that reach validation (an editor, an editable collection, JSON), some that do not. */
  const mostly = <T>(likely: fc.Arbitrary<T>, other: fc.Arbitrary<T>) =>
    fc.oneof({ arbitrary: likely, weight: 4 }, { arbitrary: other, weight: 1 });
  const anyWrite = fc.record({
    method: fc.constantFrom('POST', 'PUT', 'PATCH', 'DELETE') as fc.Arbitrary<InjectOptions['method']>,
    target: mostly(
      fc.constantFrom('items', 'items/1', 'items/2', 'items/1/revert'),
      fc.constantFrom('items/999', 'items/abc', 'items/1e3', 'deleted/1/restore'),
    ),
    collection: mostly(
      fc.constantFrom('craft-villages', 'industrial-clusters'),
      fc.constantFrom('districts', 'nope', '%E0%A4%A'),
    ),
    type: mostly(
      fc.constantFrom('application/json', 'application/geo+json', 'application/merge-patch+json'),
      fc.constantFrom('text/plain', 'application/json; charset=latin1', 'multipart/form-data'),
    ),
    ifMatch: fc.constantFrom(undefined, '"v1"', '"v2"', '"v999"', 'W/"v1"', '*', 'garbage'),
    who: mostly(fc.constantFrom('editor', 'admin'), fc.constant(undefined)),
    body: mostly(
      feature.map((f) => JSON.stringify(f)),
      body,
    ),
  });

  /** A create or merge patch by an editor on an editable collection: what reaches validation. */
  const validating = fc
    .record({
      method: fc.constantFrom('POST', 'PATCH') as fc.Arbitrary<InjectOptions['method']>,
      target: fc.constant('items'),
      collection: fc.constantFrom('craft-villages', 'industrial-clusters'),
      type: fc.constantFrom('application/json', 'application/geo+json', 'application/merge-patch+json'),
      ifMatch: fc.constant('*'),
      who: fc.constant('editor'),
      body: feature.map((f) => JSON.stringify(f)),
    })
    .map((w) => (w.method === 'PATCH' ? { ...w, target: 'items/3' } : w));
  const write = fc.oneof(validating, anyWrite);

  it(`write bodies on every write route: ${RUNS} cases`, async () => {
    await fc.assert(
      fc.asyncProperty(write, async (w) => {
        await check({
          method: w.method,
          url: `/api/collections/${w.collection}/${w.target}`,
          headers: {
            origin: INJECT_ORIGIN,
            'content-type': w.type,
            ...(w.ifMatch ? { 'if-match': w.ifMatch } : {}),
            ...(w.who ? { cookie: w.who === 'editor' ? editor : admin } : {}),
          },
          payload: w.body,
        });
      }),
      { seed: SEED, numRuns: RUNS, interruptAfterTimeLimit: 60_000 },
    );
  }, 120_000);
});

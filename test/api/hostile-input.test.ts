import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../helpers/auth';
import { FIXTURE_GEODATA, startTestServer } from '../helpers/server';
import { village, writeHeaders } from './write-fixtures';

// Issue 11: hostile numbers, bodies and URLs get a 4xx problem (never a 5xx), naming what is wrong.

let server: Awaited<ReturnType<typeof startTestServer>>;
let editor: string;
let admin: string;
beforeAll(async () => {
  server = await startTestServer({ geodataDir: FIXTURE_GEODATA });
  editor = await signIn(server.app, { username: 'eddie', role: 'editor' });
  admin = await signIn(server.app, { username: 'ada', role: 'admin' });
});
afterAll(async () => server.close());

function expectProblem(
  res: { statusCode: number; headers: Record<string, unknown>; body: string },
  status: number,
) {
  expect(res.statusCode, res.body).toBe(status);
  expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
  const problem = JSON.parse(res.body) as Record<string, unknown>;
  expect(problem).toMatchObject({ type: expect.any(String), title: expect.any(String), status });
  expect(problem.detail).toEqual(expect.any(String));
  expect(problem.code).toEqual(expect.any(String));
  return problem;
}

const BAD_INTEGERS = [
  '9223372036854775808', // 2^63
  '99999999999999999999',
  '1e19',
  '1e308',
  'Infinity',
  '-Infinity',
  'NaN',
  '0x10',
  '0b11',
  '1_000',
  '',
  '%20',
  '%205',
  '5%20',
  '+5',
  '5.0',
  '5.',
  '.5',
  '-1',
  '-0',
  '05',
  '%D9%A5', // ٥ ARABIC-INDIC DIGIT FIVE
  '%EF%BC%95', // ５ FULLWIDTH DIGIT FIVE
  '5%00',
  'true',
  '[]',
];

describe('numbers in the query', () => {
  const routes: { path: string; param: string; cookie?: () => string }[] = [
    { path: '/api/collections/craft-villages/items', param: 'limit' },
    { path: '/api/collections/craft-villages/items', param: 'offset' },
    { path: '/api/changes', param: 'limit', cookie: () => admin },
    { path: '/api/changes', param: 'offset', cookie: () => admin },
    { path: '/api/indicators/craft_village_count', param: 'year' },
    { path: '/api/collections/craft-villages/items', param: 'recognition_year' },
  ];
  for (const route of routes) {
    it(`${route.path} ${route.param}: every malformed or out-of-range value is a 400 naming it`, async () => {
      for (const value of BAD_INTEGERS) {
        const res = await server.app.inject({
          url: `${route.path}?${route.param}=${value}`,
          headers: route.cookie ? { cookie: route.cookie() } : {},
        });
        // recognition_year is a filter: any integer (also negative) is a valid value to compare with.
        if (route.param === 'recognition_year' && ['-1'].includes(value)) continue;
        const problem = expectProblem(res, 400);
        expect(problem.detail, `${route.param}=${value}`).toContain(`'${route.param}'`);
      }
    });
  }

  it('a repeated parameter is refused, naming it', async () => {
    for (const query of ['limit=5&limit=6', 'offset=1&offset=1', 'bbox=1,2,3,4&bbox=1,2,3,4', 'q=a&q=b']) {
      const res = await server.app.inject(`/api/collections/craft-villages/items?${query}`);
      const name = query.split('=')[0] ?? '';
      expect(expectProblem(res, 400).detail).toContain(`'${name}'`);
    }
  });

  it('values in range still work: limits are clamped above 10,000, offsets page', async () => {
    const page = await server.app.inject('/api/collections/craft-villages/items?limit=2&offset=1');
    expect(page.statusCode).toBe(200);
    expect(JSON.parse(page.body).numberReturned).toBe(2);
    const big = await server.app.inject(
      '/api/collections/craft-villages/items?limit=1000000&offset=1000000000',
    );
    expect(big.statusCode).toBe(200);
    expect(JSON.parse(big.body).numberReturned).toBe(0);
    const beyond = await server.app.inject('/api/collections/craft-villages/items?offset=1000000001');
    expectProblem(beyond, 400);
    const year = await server.app.inject('/api/collections/craft-villages/items?recognition_year=2015');
    expect(year.statusCode).toBe(200);
  });

  it('bbox numbers follow the same strict decimal form', async () => {
    for (const bbox of [
      '0x67,22,104,23',
      '103,22,104,Infinity',
      '103,22,104,1e308',
      '103,22,104,٢٣',
      '+103,22,104,23',
    ]) {
      const res = await server.app.inject(
        `/api/collections/craft-villages/items?bbox=${encodeURIComponent(bbox)}`,
      );
      expect(expectProblem(res, 400).detail).toContain("'bbox'");
    }
    const ok = await server.app.inject('/api/collections/craft-villages/items?bbox=103.5,22.0,104.125,22.9');
    expect(ok.statusCode).toBe(200);
  });

  it('numeric-looking parameters of routes that take none are unknown parameters (400 naming them)', async () => {
    const history = await server.app.inject({
      url: '/api/collections/craft-villages/items/1/history?limit=1e19',
      headers: { cookie: admin },
    });
    expect(expectProblem(history, 400).detail).toContain("'limit'");
    const deleted = await server.app.inject({
      url: '/api/collections/craft-villages/deleted?offset=Infinity',
      headers: { cookie: admin },
    });
    expect(expectProblem(deleted, 400).detail).toContain("'offset'");
  });

  it('a revert version in the body must be a whole number in range, not a string or 1e308', async () => {
    for (const version of ['1', 1e308, 1.5, -1, null]) {
      const res = await server.app.inject({
        method: 'POST',
        url: '/api/collections/craft-villages/items/1/revert',
        headers: writeHeaders(editor, { 'if-match': '"v1"' }),
        payload: { version },
      });
      expectProblem(res, 400);
    }
  });
});

function nested(depth: number, open: string, close: string, inner = '1'): string {
  return `${open.repeat(depth)}${inner}${close.repeat(depth)}`;
}

describe('depth and size of JSON bodies', () => {
  const writes = [
    { method: 'POST' as const, url: '/api/collections/craft-villages/items' },
    { method: 'PUT' as const, url: '/api/collections/craft-villages/items/1' },
    { method: 'PATCH' as const, url: '/api/collections/craft-villages/items/1' },
    { method: 'POST' as const, url: '/api/collections/craft-villages/items/1/revert' },
    { method: 'POST' as const, url: '/api/auth/login' },
  ];
  const deep = [
    nested(10_000, '[', ']'),
    nested(10_000, '{"a":', '}'),
    `{"type":"Feature","properties":{"notes":${nested(5_000, '[', ']')}},"geometry":null}`,
    `{"type":"Feature","properties":${nested(3_000, '{"x":[', ']}')}}`,
  ];
  it('10,000 nested arrays or objects are a 400 BodyTooDeep on every write, before any recursive code', async () => {
    const revision = await server.app.store.revision();
    for (const write of writes) {
      for (const [type, payload] of [
        ['application/json', deep[0]],
        ['application/merge-patch+json', deep[1]],
        ['application/geo+json', deep[2]],
        ['application/json', deep[3]],
      ] as const) {
        const res = await server.app.inject({
          ...write,
          headers: writeHeaders(editor, { 'if-match': '"v1"', 'content-type': type }),
          payload,
        });
        expect(expectProblem(res, 400).code, `${write.method} ${write.url}`).toBe('BodyTooDeep');
      }
    }
    expect(await server.app.store.revision()).toBe(revision);
  });

  it('an array or object with too many members, or too many values, is a 413', async () => {
    const wide = `[${'0,'.repeat(20_000)}0]`;
    const manyKeys = `{${Array.from({ length: 12_000 }, (_, i) => `"k${i}":0`).join(',')}}`;
    const manyValues = `[${Array.from({ length: 30 }, () => `[${'1,'.repeat(5_000)}1]`).join(',')}]`;
    for (const payload of [wide, manyKeys, manyValues]) {
      const res = await server.app.inject({
        method: 'POST',
        url: '/api/collections/craft-villages/items',
        headers: writeHeaders(editor),
        payload,
      });
      expect(expectProblem(res, 413).code).toBe('BodyTooLarge');
    }
  });

  it('a normal feature still passes the pre-scan', async () => {
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/collections/craft-villages/items',
      headers: writeHeaders(editor),
      payload: village({ name: 'a "quoted" [bracket] {brace}, with \\" escapes' }),
    });
    expect(res.statusCode, res.body).toBe(201);
  });
});

/** Sends raw bytes on a new connection and returns everything the server answered. */
function rawRequest(text: string): Promise<string> {
  const { port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1');
    let answer = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      answer += chunk;
    });
    socket.on('end', () => resolve(answer));
    socket.on('close', () => resolve(answer));
    socket.on('error', (err) => (answer ? resolve(answer) : reject(err)));
    socket.write(text);
  });
}

function parseRaw(answer: string) {
  const [head = '', body = ''] = answer.split('\r\n\r\n');
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const i = line.indexOf(':');
    headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
  }
  return { statusCode: Number(statusLine.split(' ')[1]), headers, body };
}

describe('bad URLs and oversized requests', () => {
  it('malformed percent-encoding anywhere in the path is a 400 problem with the security headers', async () => {
    for (const path of [
      '/api/%E0%A4%A',
      '/api/collections/%',
      '/%c0',
      '/api/collections/%zz/items',
      '/assets/%ff%fe',
    ]) {
      const res = parseRaw(
        await rawRequest(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`),
      );
      expectProblem(res, 400);
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('a malformed query string or parameter name never answers 5xx', async () => {
    for (const query of ['%', '%E0%A4%A=1', 'limit=%', 'a[b]=1', '__proto__=1', 'constructor=1', 'f=%ff']) {
      const res = await server.app.inject(`/api/collections/craft-villages/items?${query}`);
      expect(res.statusCode, query).toBeLessThan(500);
      if (res.statusCode >= 400) expectProblem(res, res.statusCode);
    }
  });

  it('a URL over 8 KB is a 414 problem, one over 16 KB a 431 problem', async () => {
    const res414 = await server.app.inject(`/api/collections?x=${'a'.repeat(9_000)}`);
    expectProblem(res414, 414);
    const res431 = parseRaw(
      await rawRequest(`GET /api/collections?x=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`),
    );
    expectProblem(res431, 431);
    expect(res431.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('headers over 16 KB are a 431 problem; a request that is not HTTP is a 400 problem', async () => {
    const big = parseRaw(
      await rawRequest(`GET /api HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'b'.repeat(20_000)}\r\n\r\n`),
    );
    expectProblem(big, 431);
    const garbage = parseRaw(await rawRequest('HELLO THERE\r\n\r\n'));
    expectProblem(garbage, 400);
    const noHost = parseRaw(await rawRequest('GET /api HTTP/1.0\r\n\r\n'));
    expect(expectProblem(noHost, 421).code).toBe('MissingHost');
    const badHeader = parseRaw(
      await rawRequest('GET /api HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Header: x\r\n\r\n'),
    );
    expectProblem(badHeader, 400);
  });
});

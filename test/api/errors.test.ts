import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Problem } from '../../server/src/contract/api';
import { buildTestApp, FIXTURE_GEODATA, type TestApp } from '../helpers/server';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ geodataDir: FIXTURE_GEODATA });
});
afterAll(async () => t.close());

async function problem(url: string, status: number): Promise<Problem> {
  const res = await t.app.inject(url);
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = res.json<Problem>();
  expect(Object.keys(body).sort()).toEqual(['code', 'detail', 'status', 'title', 'type']);
  expect(body.status).toBe(status);
  expect(body.detail).not.toMatch(/SELECT|sqlite|\/work\/|node_modules|at .*\(.*:\d+:\d+\)/i);
  return body;
}

describe('404 problems', () => {
  it.each([
    ['/api/collections/nope'],
    ['/api/collections/nope/items'],
    ['/api/collections/nope/items/1'],
    ['/api/collections/nope/queryables'],
    ['/api/collections/nope/schema'],
    ['/api/collections/craft-villages/items/999'],
    ['/api/collections/craft-villages/items/abc'],
    ['/api/collections/craft-villages/items/1.5'],
    ['/api/indicators/nope'],
    ['/api/nothing-here'],
    ['/api/collections/craft-villages/items/1/extra'],
  ])('%s → 404 NotFound', async (url) => {
    expect((await problem(url, 404)).code).toBe('NotFound');
  });
});

describe('400 problems name the parameter', () => {
  it.each([
    ['/api/collections/craft-villages/items?foo=1', 'foo'],
    ['/api/collections/craft-villages/items?limit=0', 'limit'],
    ['/api/collections/craft-villages/items?limit=-5', 'limit'],
    ['/api/collections/craft-villages/items?limit=ten', 'limit'],
    ['/api/collections/craft-villages/items?offset=-1', 'offset'],
    ['/api/collections/craft-villages/items?offset=x', 'offset'],
    ['/api/collections/craft-villages/items?bbox=1,2,3', 'bbox'],
    ['/api/collections/craft-villages/items?bbox=a,b,c,d', 'bbox'],
    ['/api/collections/craft-villages/items?bbox=103,23,104,22', 'bbox'],
    ['/api/collections/craft-villages/items?bbox=200,0,201,1', 'bbox'],
    ['/api/collections/craft-villages/items?status=planned', 'status'],
    ['/api/collections/craft-villages/items?craft=pottery', 'craft'],
    ['/api/collections/craft-villages/items?recognition_year=later', 'recognition_year'],
    ['/api/collections/craft-villages/items?f=xml', 'f'],
    ['/api/collections/craft-villages/items/1?limit=1', 'limit'],
    ['/api/collections?bbox=1,2,3,4', 'bbox'],
    ['/api?lang=fr', 'lang'],
    ['/api/conformance?x=1', 'x'],
    ['/api/indicators?year=2012', 'year'],
    ['/api/indicators/establishments?year=1999', 'year'],
    ['/api/indicators/establishments?year=abc', 'year'],
    ['/api/app-config?debug=1', 'debug'],
  ])('%s → 400 naming %s', async (url, parameter) => {
    const body = await problem(url, 400);
    expect(body.code).toBe('InvalidParameterValue');
    expect(body.detail).toContain(`'${parameter}'`);
  });
});

describe('other failures', () => {
  it('a non-GET method on a read route is a problem, not plain text', async () => {
    const res = await t.app.inject({
      method: 'DELETE',
      url: '/api/collections/craft-villages',
      headers: { origin: 'http://localhost:80' },
    });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('an unexpected failure is a 500 problem without internals', async () => {
    const own = await buildTestApp({ geodataDir: FIXTURE_GEODATA });
    await own.app.store.close();
    const res = await own.app.inject('/api/collections/craft-villages/items');
    expect(res.statusCode).toBe(500);
    expect(res.json<Problem>()).toEqual({
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
      detail: 'The server failed to answer this request; it has been logged.',
      code: 'ServerError',
    });
    await own.close();
  });
});

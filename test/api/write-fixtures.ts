import { afterEach, beforeEach } from 'vitest';
import { INJECT_ORIGIN, signIn } from '../helpers/auth';
import { buildTestApp, FIXTURE_GEODATA, type TestApp } from '../helpers/server';

/** A valid new craft village in district 082 of the server fixture (lon 103.6–103.9, lat 22.4–22.7). */
export function village(overrides: Record<string, unknown> = {}, coordinates = [103.75, 22.55]) {
  return {
    type: 'Feature',
    geometry: { type: 'Point', coordinates },
    properties: {
      name: 'Làng thử',
      district_code: '082',
      craft: 'forging',
      source: 'API test',
      confidence: 'illustrative',
      location_precision: 'approximate',
      ...overrides,
    },
  };
}

export interface EditCtx {
  t: TestApp;
  viewer: string;
  editor: string;
  admin: string;
}

/** A fresh fixture app per test with one signed-in viewer, editor and admin (cookie headers). */
export function editAppPerTest(): EditCtx {
  const ctx = {} as EditCtx;
  beforeEach(async () => {
    ctx.t = await buildTestApp({ geodataDir: FIXTURE_GEODATA });
    ctx.viewer = await signIn(ctx.t.app, { username: 'vera', role: 'viewer' });
    ctx.editor = await signIn(ctx.t.app, { username: 'eddie', role: 'editor' });
    ctx.admin = await signIn(ctx.t.app, { username: 'ada', role: 'admin' });
  });
  afterEach(async () => ctx.t.close());
  return ctx;
}

/** Headers of a same-origin JSON write. */
export function writeHeaders(cookie: string | undefined, extra: Record<string, string> = {}) {
  return {
    origin: INJECT_ORIGIN,
    'content-type': 'application/json',
    ...(cookie ? { cookie } : {}),
    ...extra,
  };
}

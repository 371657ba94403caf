import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../client/src/api/ApiError';
import { ApiClient } from '../../../client/src/api/client';

const POINT = { type: 'Point' as const, coordinates: [104, 22.4] };

interface Seen {
  url: string;
  init: RequestInit | undefined;
}

function problem(
  status: number,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify({ type: 'about:blank', title: 't', status, detail: 'd', ...body }), {
    status,
    headers: { 'content-type': 'application/problem+json', ...headers },
  });
}

function feature(id: number, name: string) {
  return { type: 'Feature', id, geometry: { type: 'Point', coordinates: [104, 22.4] }, properties: { name } };
}

/** An ApiClient over a fake fetch that records requests and answers with `answer`. */
function apiAnswering(answer: (url: string, init?: RequestInit) => Response) {
  const seen: Seen[] = [];
  const api = new ApiClient('/api', async (url, init) => {
    seen.push({ url, init });
    return answer(url, init);
  });
  return { api, seen };
}

function header(s: Seen | undefined, name: string): string | undefined {
  return (s?.init?.headers as Record<string, string> | undefined)?.[name];
}

describe('ApiClient writes', () => {
  it('sends If-Match, a JSON body and same-origin credentials on PUT, and returns the new ETag', async () => {
    const { api, seen } = apiAnswering(
      () => new Response(JSON.stringify(feature(7, 'B')), { status: 200, headers: { etag: '"v4"' } }),
    );
    const out = await api.replace(
      'facilities',
      7,
      { type: 'Feature', geometry: POINT, properties: { name: 'B' } },
      '"v3"',
    );
    expect(out).toEqual({ feature: feature(7, 'B'), etag: '"v4"' });
    expect(seen[0]?.url).toBe('/api/collections/facilities/items/7');
    expect(seen[0]?.init?.method).toBe('PUT');
    expect(seen[0]?.init?.credentials).toBe('same-origin');
    expect(header(seen[0], 'if-match')).toBe('"v3"');
    expect(header(seen[0], 'content-type')).toBe('application/json');
    expect(JSON.parse(String(seen[0]?.init?.body))).toEqual({
      type: 'Feature',
      geometry: POINT,
      properties: { name: 'B' },
    });
  });

  it('sends PATCH as a merge patch, and DELETE with If-Match and no body', async () => {
    const { api, seen } = apiAnswering((_url, init) =>
      init?.method === 'DELETE'
        ? new Response(null, { status: 204 })
        : new Response(JSON.stringify(feature(7, 'C')), { status: 200, headers: { etag: '"v5"' } }),
    );
    await api.patch('facilities', 7, { properties: { name: 'C' } }, '"v4"');
    await api.remove('facilities', 7, '"v5"');
    expect(header(seen[0], 'content-type')).toBe('application/merge-patch+json');
    expect(seen[1]?.init?.method).toBe('DELETE');
    expect(header(seen[1], 'if-match')).toBe('"v5"');
    expect(seen[1]?.init?.body).toBeUndefined();
  });

  it('turns a stale If-Match (412) into a ApiError with the server version', async () => {
    const { api } = apiAnswering(() =>
      problem(412, { code: 'PreconditionFailed', currentVersion: 6, current: feature(7, 'theirs') }),
    );
    const err = await api
      .patch('facilities', 7, { properties: { name: 'mine' } }, '"v4"')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toBeInstanceOf(ApiError);
    const w = err as ApiError;
    expect(w.isConflict).toBe(true);
    expect(w.code).toBe('PreconditionFailed');
    expect(w.currentVersion).toBe(6);
    expect(w.current?.properties.name).toBe('theirs');
  });

  it('ignores a 412 `current` that is not a Feature', async () => {
    const { api } = apiAnswering(() => problem(412, { code: 'PreconditionFailed', current: '<b>x</b>' }));
    const err = (await api.remove('facilities', 7, '"v1"').catch((e: unknown) => e)) as ApiError;
    expect(err.current).toBeUndefined();
    expect(err.currentVersion).toBeUndefined();
  });

  it('keeps the per-field problems of a 422', async () => {
    const errors = [
      { field: 'properties.area_ha', message: 'must be > 0', code: 'exclusiveMinimum' },
      { field: 'geometry', message: 'outside the province', code: 'OutsideProvince' },
      { bogus: true },
    ];
    const { api } = apiAnswering(() => problem(422, { code: 'ValidationFailed', errors }));
    const err = (await api
      .create('facilities', { type: 'Feature', geometry: POINT, properties: {} })
      .catch((e: unknown) => e)) as ApiError;
    expect(err.status).toBe(422);
    expect(err.fieldErrors).toEqual(errors.slice(0, 2));
  });

  it('rejects a write answer without a strong ETag', async () => {
    const { api } = apiAnswering(
      () => new Response(JSON.stringify(feature(1, 'x')), { status: 201, headers: { etag: 'W/"abc"' } }),
    );
    const err = (await api
      .create('facilities', { type: 'Feature', geometry: POINT, properties: {} })
      .catch((e: unknown) => e)) as ApiError;
    expect(err.code).toBe('MissingEtag');
  });

  it('reads the feature ETag on GET without using the HTTP cache', async () => {
    const { api, seen } = apiAnswering(
      () => new Response(JSON.stringify(feature(3, 'x')), { status: 200, headers: { etag: '"v2"' } }),
    );
    const v = await api.getFeatureWithEtag('landmarks', 3);
    expect(v.etag).toBe('"v2"');
    expect(seen[0]?.init?.cache).toBe('no-store');
    expect(header(seen[0], 'if-match')).toBeUndefined();
  });

  it('sends revert with the version and If-Match', async () => {
    const { api, seen } = apiAnswering(
      () => new Response(JSON.stringify(feature(3, 'old')), { status: 200, headers: { etag: '"v9"' } }),
    );
    await api.revert('landmarks', 3, 2, '"v8"');
    expect(seen[0]?.url).toBe('/api/collections/landmarks/items/3/revert');
    expect(JSON.parse(String(seen[0]?.init?.body))).toEqual({ version: 2 });
    expect(header(seen[0], 'if-match')).toBe('"v8"');
  });
});

describe('ApiClient sessions', () => {
  it('logs in with a JSON body and returns the user', async () => {
    const { api, seen } = apiAnswering(
      () => new Response(JSON.stringify({ user: { username: 'lan', role: 'editor' } }), { status: 200 }),
    );
    expect(await api.login('lan', 'correct horse battery')).toEqual({ username: 'lan', role: 'editor' });
    expect(seen[0]?.url).toBe('/api/auth/login');
    expect(seen[0]?.init?.method).toBe('POST');
    expect(JSON.parse(String(seen[0]?.init?.body))).toEqual({
      username: 'lan',
      password: 'correct horse battery',
    });
  });

  it('reads Retry-After of a 429 in seconds', async () => {
    const { api } = apiAnswering(() => problem(429, { code: 'TooManyRequests' }, { 'retry-after': '600' }));
    const err = (await api.login('lan', 'x').catch((e: unknown) => e)) as ApiError;
    expect(err.status).toBe(429);
    expect(err.retryAfterSeconds).toBe(600);
  });

  it('me() is null for visitors; a network failure is status 0', async () => {
    const { api } = apiAnswering(() => new Response(JSON.stringify({ user: null }), { status: 200 }));
    expect(await api.me()).toBeNull();
    const down = new ApiClient('/api', async () => {
      throw new TypeError('fetch failed');
    });
    const err = (await down.me().catch((e: unknown) => e)) as ApiError;
    expect(err.status).toBe(0);
    expect(err.code).toBe('NetworkError');
  });

  it('reads the methods allowed now from OPTIONS', async () => {
    const { api, seen } = apiAnswering(
      () => new Response(null, { status: 204, headers: { allow: 'GET, HEAD, OPTIONS, POST' } }),
    );
    expect(await api.allowedMethods('facilities')).toEqual(['GET', 'HEAD', 'OPTIONS', 'POST']);
    expect(seen[0]?.init?.method).toBe('OPTIONS');
  });
});

import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../client/src/api/ApiError';
import { ApiClient } from '../../../client/src/api/client';

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

describe('ApiClient', () => {
  it('follows next links until every feature is loaded', async () => {
    const seen: string[] = [];
    const api = new ApiClient('/api', async (url) => {
      seen.push(url);
      const second = url.includes('offset=1000');
      return jsonResponse(200, {
        type: 'FeatureCollection',
        features: [{ type: 'Feature', id: second ? 2 : 1, geometry: null, properties: {} }],
        links: second
          ? []
          : [
              {
                rel: 'next',
                type: 'application/geo+json',
                href: 'http://h/api/collections/x/items?limit=1000&offset=1000',
              },
            ],
      });
    });
    const items = await api.allItems('x');
    expect(items.map((f) => f.id)).toEqual([1, 2]);
    expect(seen).toEqual([
      '/api/collections/x/items?limit=1000',
      '/api/collections/x/items?limit=1000&offset=1000',
    ]);
  });

  it('turns problem+json into an ApiError with status, code and detail', async () => {
    const api = new ApiClient('/api', async () =>
      jsonResponse(404, {
        type: 'about:blank',
        title: 'Not Found',
        status: 404,
        detail: 'no such indicator',
        code: 'NotFound',
      }),
    );
    const err = await api.indicatorValues('nope', 2012).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 404, code: 'NotFound', detail: 'no such indicator' });
  });

  it('reports a network failure as ApiError NetworkError', async () => {
    const api = new ApiClient('/api', async () => {
      throw new TypeError('fetch failed');
    });
    await expect(api.indicators()).rejects.toMatchObject({ status: 0, code: 'NetworkError' });
  });
});

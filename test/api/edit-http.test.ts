import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD } from '../helpers/auth';
import { FIXTURE_GEODATA, startTestServer } from '../helpers/server';
import { village } from './write-fixtures';

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer({
    geodataDir: FIXTURE_GEODATA,
    users: [
      { username: 'eddie', role: 'editor' },
      { username: 'erin', role: 'editor' },
    ],
  });
});
afterAll(async () => server.close());

async function login(username: string): Promise<string> {
  const res = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { origin: server.url, 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: TEST_PASSWORD }),
  });
  expect(res.status).toBe(200);
  return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

describe('editing over real HTTP', () => {
  it('two editors PUT with the same If-Match at once: exactly one 200 and one 412', async () => {
    const [a, b] = await Promise.all([login('eddie'), login('erin')]);
    const put = (cookie: string, name: string) =>
      fetch(`${server.url}/api/collections/craft-villages/items/5`, {
        method: 'PUT',
        headers: { origin: server.url, 'content-type': 'application/json', cookie, 'if-match': '"v1"' },
        body: JSON.stringify(village({ name }, [103.85, 22.45])),
      });
    const statuses = (await Promise.all([put(a, 'Từ A'), put(b, 'Từ B')])).map((r) => r.status);
    expect(statuses.sort()).toEqual([200, 412]);
    const now = await fetch(`${server.url}/api/collections/craft-villages/items/5`);
    expect(now.headers.get('etag')).toBe('"v2"');
  });

  it('declares OGC API – Features Part 4 and documents the write operations in OpenAPI', async () => {
    const conformance = (await (await fetch(`${server.url}/api/conformance`)).json()) as {
      conformsTo: string[];
    };
    expect(conformance.conformsTo).toEqual(
      expect.arrayContaining([
        'http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/create-replace-delete',
        'http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/update',
      ]),
    );
    const doc = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    // Paths are relative to the server URL <origin>/api; reading items has one path per collection.
    const item = doc.paths['/collections/{collectionId}/items/{featureId}'] ?? {};
    expect(Object.keys(item)).toEqual(expect.arrayContaining(['get', 'put', 'patch', 'delete', 'options']));
    expect(Object.keys(doc.paths['/collections/{collectionId}/items'] ?? {})).toEqual(
      expect.arrayContaining(['post', 'options']),
    );
    expect(Object.keys(doc.paths['/collections/craft-villages/items'] ?? {})).toEqual(['get']);
    for (const path of [
      '/auth/login',
      '/auth/me',
      '/collections/{collectionId}/items/{featureId}/history',
      '/changes',
    ]) {
      expect(doc.paths[path], path).toBeDefined();
    }
  });
});

import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INJECT_ORIGIN, signIn } from '../helpers/auth';
import { FIXTURE_GEODATA, startTestServer } from '../helpers/server';

// Issue 11: one large geometry must not stall the server. Today a 5,000-vertex polygon with
// crossing edges keeps it from answering anyone for 10–30 s (turf kinks tests every pair of edges
// and keeps every crossing: millions of points).

type Ring = [number, number][];

/** A star polygon {n/k} around a point of district 082: every edge crosses hundreds of others. */
function star(n: number, k: number): Ring {
  const ring: Ring = [];
  for (let i = 0; i < n; i++) {
    const a = (2 * Math.PI * ((i * k) % n)) / n;
    ring.push([103.75 + 0.1 * Math.cos(a), 22.55 + 0.1 * Math.sin(a)]);
  }
  ring.push(ring[0] as [number, number]);
  return ring;
}

/**
 * A valid polygon that is the worst case for a box search: a comb of long parallel diagonal teeth,
 * whose boxes all overlap though no two edges meet.
 */
function comb(teeth: number): Ring {
  const raw: Ring = [];
  for (let j = 0; j < teeth; j++)
    raw.push([j, 0], [j + teeth, teeth], [j + teeth + 0.5, teeth], [j + 0.5, 0]);
  raw.push([teeth, -1], [0, -1], [0, 0]);
  const scale = 0.2 / (2 * teeth + 1);
  return raw.map(([x, y]) => [103.65 + x * scale, 22.45 + (y + 1) * scale]);
}

function cluster(name: string, ring: Ring) {
  return {
    type: 'Feature',
    geometry: { type: 'Polygon', coordinates: [ring] },
    properties: {
      name,
      district_code: '082',
      status: 'planned',
      source: 'API test',
      confidence: 'illustrative',
    },
  };
}

let server: Awaited<ReturnType<typeof startTestServer>>;
let editor: string;
beforeAll(async () => {
  server = await startTestServer({ geodataDir: FIXTURE_GEODATA });
  editor = await signIn(server.app, { username: 'eddie', role: 'editor' });
});
afterAll(async () => server.close());

describe('geometry cost', () => {
  it('two 5,000-vertex polygons (crossing, and the valid worst case) leave the server answering others', async () => {
    const post = (body: unknown) =>
      fetch(`${server.url}/api/collections/industrial-clusters/items`, {
        method: 'POST',
        headers: {
          'content-type': 'application/geo+json',
          origin: new URL(server.url).origin,
          cookie: editor,
        },
        body: JSON.stringify(body),
      });
    // Warm up what every first write does once (schema compilation, loading the district areas).
    expect((await post(cluster('Ngôi sao nhỏ', star(11, 3)))).status).toBe(422);
    const delay = monitorEventLoopDelay({ resolution: 10 });
    const rssBefore = process.memoryUsage().rss;
    delay.enable();
    let pending = true;
    const writes = Promise.all([
      post(cluster('Ngôi sao', star(4999, 2000))),
      post(cluster('Lược', comb(1249))),
    ]).finally(() => {
      pending = false;
    });
    let answeredWhileChecking = 0;
    while (pending) {
      const res = await fetch(`${server.url}/api/collections`);
      expect(res.status).toBe(200);
      await res.arrayBuffer();
      if (pending) answeredWhileChecking++;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const [crossing, valid] = await writes;
    delay.disable();
    const rssGrowth = process.memoryUsage().rss - rssBefore;

    expect(crossing?.status).toBe(422);
    const problem = (await crossing?.json()) as { errors: { code: string; message: string }[] };
    expect(problem.errors).toContainEqual(expect.objectContaining({ code: 'SelfIntersection' }));
    expect(valid?.status).toBe(201);
    // Bounded quantities, generous bounds: other requests were answered while the geometries
    // were being checked, the event loop never stopped for a second (today: 10–30 s), and memory
    // did not grow by hundreds of megabytes (today: about 1 GB).
    expect(answeredWhileChecking).toBeGreaterThan(0);
    expect(delay.max / 1e6).toBeLessThan(1000);
    expect(rssGrowth).toBeLessThan(400 * 1024 * 1024);
  });

  it('more positions than the documented maximum (5,000) is a 422 TooManyVertices, found in one linear pass', async () => {
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/collections/industrial-clusters/items',
      headers: { origin: INJECT_ORIGIN, 'content-type': 'application/json', cookie: editor },
      payload: cluster('Quá nhiều đỉnh', star(5003, 2000)),
    });
    expect(res.statusCode).toBe(422);
    expect(JSON.parse(res.body).errors).toContainEqual(expect.objectContaining({ code: 'TooManyVertices' }));
  });

  it('small geometries are checked on the spot and give the same answers', async () => {
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/collections/industrial-clusters/items',
      headers: { origin: INJECT_ORIGIN, 'content-type': 'application/json', cookie: editor },
      payload: cluster('Ngôi sao nhỏ', star(11, 3)),
    });
    expect(res.statusCode).toBe(422);
    expect(JSON.parse(res.body).errors).toContainEqual(expect.objectContaining({ code: 'SelfIntersection' }));
  });
});

/**
 * The measuring half of `npm run bench`: autocannon runs (load in a worker thread), and the
 * node:http baseline that answers the very bytes and headers our server sent, from memory.
 */
import { createServer, get, type IncomingHttpHeaders, type Server } from 'node:http';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import autocannon from 'autocannon';

export interface Measure {
  reqPerSec: number;
  /** Mean latency in ms (autocannon's percentiles are whole milliseconds). */
  mean: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

export interface BenchCase {
  name: string;
  /** The URL asked (for varied cases, the one whose answer the baseline serves). */
  path: string;
  connections: number;
  /** Ask a different bbox (this fraction of `area`) on every request: vary-bbox.cjs. */
  varyBox?: { area: number[]; fraction: number; path: string };
  /** Ask the next tile of a walk over `area` at these zooms on every request: vary-tile.cjs. */
  varyTile?: { area: number[]; zooms: number[]; path: string };
  /** Send Accept-Encoding: gzip (a browser's repeated page: the cache keeps it gzipped). */
  gzip?: boolean;
}

const VARY_BOX = path.resolve(import.meta.dirname, 'vary-bbox.cjs');
const VARY_TILE = path.resolve(import.meta.dirname, 'vary-tile.cjs');
const DURATION_S = Number(process.env.BENCH_DURATION ?? 3);
/** Runs so far: each varied-bbox run starts its box sequence after the last one's (no URL repeats). */
let runs = 0;
export const durationSeconds = DURATION_S;

/** One autocannon run of a case against `origin`. */
export async function measure(origin: string, c: BenchCase): Promise<Measure> {
  const options = { connections: c.connections, duration: DURATION_S, workers: 1 };
  // Read by the setupRequest modules in the load worker (workers copy process.env when they start).
  runs += 1;
  // Every run's worker starts a new sequence: offset it, else round 2 would ask round 1's boxes
  // and the response cache would answer them.
  if (c.varyBox) process.env.BENCH_VARY_BOX = JSON.stringify({ ...c.varyBox, start: runs * 10_000_000 });
  if (c.varyTile) process.env.BENCH_VARY_TILE = JSON.stringify(c.varyTile);
  const setup = c.varyBox ? VARY_BOX : c.varyTile ? VARY_TILE : undefined;
  const headers = c.gzip ? { 'accept-encoding': 'gzip' } : {};
  const r = await autocannon(
    setup === undefined
      ? { ...options, url: origin + c.path, headers }
      : { ...options, url: origin, requests: [{ method: 'GET', setupRequest: setup }] },
  );
  return {
    reqPerSec: r.requests.average,
    mean: r.latency.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors,
    non2xx: r.non2xx,
  };
}

/** One GET with the raw (possibly compressed) body, as the load generator sees it. */
export function rawGet(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on('error', reject);
    }).on('error', reject);
  });
}

export function listen(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const a = server.address();
      resolve(typeof a === 'object' && a ? `http://127.0.0.1:${a.port}` : '');
    }),
  );
}

/** What our server answered for a case's URL: served as it is by the baseline. */
export interface Sample {
  body: Buffer;
  headers: Record<string, string | number>;
  /** The body as text (gunzipped): for numberReturned. */
  text: string;
}

export async function sample(origin: string, c: BenchCase): Promise<Sample> {
  const res = await rawGet(origin + c.path, c.gzip ? { 'accept-encoding': 'gzip' } : {});
  if (res.status !== 200) throw new Error(`${c.path} answered ${res.status}`);
  const encoded = res.headers['content-encoding'] === 'gzip';
  if (c.gzip && !encoded) throw new Error(`${c.path} was not gzipped`);
  return {
    body: res.body,
    headers: {
      'content-type': res.headers['content-type'] ?? '',
      etag: res.headers.etag ?? '',
      'content-length': res.body.length,
      ...(encoded ? { 'content-encoding': 'gzip', vary: 'accept-encoding' } : {}),
    },
    text: (encoded ? gunzipSync(res.body) : res.body).toString('latin1'),
  };
}

/**
 * The baseline of one case: node:http answering every request with the case's sample (same
 * headers, one `res.end(buffer)`); for a varied case, the sample is the answer to its `path`.
 */
export function baselineServer(answer: Sample): Server {
  return createServer({ noDelay: true }, (_req, res) => {
    res.writeHead(200, answer.headers);
    res.end(answer.body);
  });
}

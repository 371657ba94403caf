/**
 * `npm run bench`: the read API over 1,000 and 100,000 synthetic facilities against a baseline
 * that serves the very same bytes from memory with node:http (same content-type, etag and
 * content-length headers, one `res.end(buffer)`). Repeating one URL is answered by the server's
 * response cache; the "varied bbox" case asks a different box on every request (vary-bbox.cjs),
 * so it measures the R*Tree query and page assembly. Prints req/s and p50/p99 latency, the ratios
 * ours/baseline and 100k/1k, and writes bench-results/bench-<time>.json.
 * Load runs in an autocannon worker thread; the servers run on this thread. Not part of `npm test`.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, get, type IncomingHttpHeaders, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import autocannon from 'autocannon';
import { buildApp } from '../../server/src/app';
import { loadCatalog, loadSeedData } from '../../server/src/catalog/load-catalog';
import { loadConfig } from '../../server/src/config';
import type { Bbox } from '../../server/src/store/feature-store';
import { databaseFile } from '../../server/src/store/open-store';
import { openSqliteStore } from '../../server/src/store/sqlite/sqlite-store';
import { SHIPPED_GEODATA } from '../helpers/server';
import { importBenchEnabled, importBenchLines, runImportBench } from './import';
import {
  isPostgisCase,
  POSTGIS_SIZES,
  type PostgisBench,
  postgisBenchEnabled,
  postgisComparison,
  startPostgisBench,
} from './postgis';
import { centredBox, syntheticFacilities } from './synthetic';

const SIZES = [1_000, 100_000];
const DURATION_S = Number(process.env.BENCH_DURATION ?? 5);
const CONNECTIONS = 10;
const PROVINCE: Bbox = [103.5274, 21.87648, 104.62886, 22.84489];

interface Measure {
  reqPerSec: number;
  /** Mean latency in ms (autocannon's percentiles are whole milliseconds). */
  mean: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}
interface BenchCase {
  name: string;
  path: string;
  /** Ask a different bbox of this size (fraction of the province) on every request. */
  varyFraction?: number;
  /** Send Accept-Encoding: gzip (a browser's repeated page: the cache keeps it gzipped). */
  gzip?: boolean;
}
interface CaseResult {
  size: number;
  /** Which store served (SQLite unless postgis.ts ran the case). */
  backend: 'sqlite' | 'postgis';
  name: string;
  path: string;
  bytes: number;
  features?: number;
  ours: Measure;
  baseline: Measure;
}

const VARY_MODULE = path.resolve(import.meta.dirname, 'vary-bbox.cjs');

async function measure(origin: string, c: BenchCase): Promise<Measure> {
  const options = { connections: CONNECTIONS, duration: DURATION_S, workers: 1 };
  if (c.varyFraction !== undefined) {
    // Read by vary-bbox.cjs in the load worker (workers copy process.env when they start).
    process.env.BENCH_VARY_BOX = JSON.stringify({ area: PROVINCE, fraction: c.varyFraction, path: c.path });
  }
  const headers = c.gzip ? { 'accept-encoding': 'gzip' } : {};
  const r = await autocannon(
    c.varyFraction === undefined
      ? { ...options, url: origin + c.path, headers }
      : { ...options, url: origin, requests: [{ method: 'GET', setupRequest: VARY_MODULE }] },
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
function rawGet(
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

function listen(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const a = server.address();
      resolve(typeof a === 'object' && a ? `http://127.0.0.1:${a.port}` : '');
    }),
  );
}

/** Measures one size on SQLite, or on PostGIS when `postgis` is given (its bbox cases only). */
async function benchSize(size: number, postgis?: PostgisBench): Promise<CaseResult[]> {
  const dataDir = mkdtempSync(path.join(tmpdir(), `laocai-bench-${size}-`));
  try {
    const catalog = loadCatalog(SHIPPED_GEODATA);
    const shipped = loadSeedData(SHIPPED_GEODATA, catalog);
    const districts = shipped.features.filter((f) => f.collection === 'districts');
    const codes = districts.map((d) => String(d.properties.code));
    const config = loadConfig({
      DATA_DIR: dataDir,
      GEODATA_DIR: SHIPPED_GEODATA,
      LOG_LEVEL: 'silent',
      PORT: '0',
    });
    const features = [...districts, ...syntheticFacilities(size, PROVINCE, codes)];
    let seedMs: number;
    let appConfig = config;
    if (postgis) {
      const seeded = await postgis.seed(features);
      seedMs = seeded.seedMs;
      appConfig = loadConfig({
        DATA_DIR: dataDir,
        GEODATA_DIR: SHIPPED_GEODATA,
        LOG_LEVEL: 'silent',
        PORT: '0',
        ...seeded.env,
      });
    } else {
      const store = openSqliteStore({ file: databaseFile(config), catalog });
      const t0 = performance.now();
      await store.seed({ features, indicators: [] });
      seedMs = Math.round(performance.now() - t0);
      await store.close();
    }
    const backend = postgis ? 'postgis' : 'sqlite';
    const app = await buildApp(appConfig);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const ours = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    const bbox = centredBox(PROVINCE, 100 / size).join(',');
    const items = '/api/collections/facilities/items';
    const bboxPath = `${items}?bbox=${bbox}`;
    const allCases: BenchCase[] = [
      { name: 'first page, same URL', path: `${items}?limit=100` },
      { name: 'bbox ~100, same URL', path: bboxPath },
      { name: 'bbox ~100, same URL, gzip', path: bboxPath, gzip: true },
      { name: 'bbox ~100, varied URL', path: items, varyFraction: 100 / size },
      { name: 'feature by id', path: `${items}/${size / 2}` },
      { name: 'indicator facility_count', path: '/api/indicators/facility_count' },
    ];
    const cases = postgis ? allCases.filter((c) => isPostgisCase(c.name)) : allCases;
    interface Sample {
      body: Buffer;
      headers: Record<string, string | number>;
      json: string;
    }
    /** Per URL (and `gzip:` URL): the bytes and headers ours sent, served as they are by the baseline. */
    const bodies = new Map<string, Sample>();
    const sampleKey = (url: string, gzip: boolean) => `${gzip ? 'gzip:' : ''}${url}`;
    for (const c of cases) {
      // The varied case's baseline answers the fixed bbox page (the same size of answer).
      const sample = c.varyFraction === undefined ? c.path : bboxPath;
      const res = await rawGet(ours + sample, c.gzip ? { 'accept-encoding': 'gzip' } : {});
      if (res.status !== 200) throw new Error(`${sample} answered ${res.status}`);
      const encoded = res.headers['content-encoding'] === 'gzip';
      if (c.gzip && !encoded) throw new Error(`${sample} was not gzipped`);
      const headers: Record<string, string | number> = {
        'content-type': res.headers['content-type'] ?? '',
        etag: res.headers.etag ?? '',
        'content-length': res.body.length,
        ...(encoded ? { 'content-encoding': 'gzip', vary: 'accept-encoding' } : {}),
      };
      const json = (encoded ? gunzipSync(res.body) : res.body).toString();
      bodies.set(sampleKey(c.path, c.gzip === true), { body: res.body, headers, json });
    }
    const notFound = Buffer.from('not found');
    // The same headers as ours (type, etag, length), written with the body in one end().
    const baselineServer = createServer({ noDelay: true }, (req, res) => {
      const url = req.url ?? '';
      const gzip = req.headers['accept-encoding'] === 'gzip';
      const hit =
        bodies.get(sampleKey(url, gzip)) ??
        (url.startsWith(`${items}?bbox=`) ? bodies.get(items) : undefined);
      if (!hit) {
        res.writeHead(404, { 'content-type': 'text/plain', 'content-length': notFound.length });
        res.end(notFound);
        return;
      }
      res.writeHead(200, hit.headers);
      res.end(hit.body);
    });
    const baseline = await listen(baselineServer);
    const results: CaseResult[] = [];
    for (const c of cases) {
      const body = bodies.get(sampleKey(c.path, c.gzip === true))!;
      const parsed = JSON.parse(body.json) as { numberReturned?: number };
      process.stderr.write(`bench ${size} ${backend}: ${c.name} …\n`);
      results.push({
        size,
        backend,
        ...c,
        bytes: body.body.length,
        ...(parsed.numberReturned === undefined ? {} : { features: parsed.numberReturned }),
        ours: await measure(ours, c),
        baseline: await measure(baseline, c),
      });
    }
    const cache = app.responseCache;
    process.stderr.write(
      `bench ${size} ${backend}: seeded in ${seedMs} ms; response cache ${cache.hits} hits, ${cache.misses} misses, ${cache.size} entries, ${Math.round(cache.bytes / 1024)} KiB\n`,
    );
    await app.close();
    await new Promise((r) => baselineServer.close(r));
    return results;
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function table(results: CaseResult[]): string {
  const pad = (s: string | number, n: number) => String(s).padStart(n);
  const cols = (m: Measure) =>
    `${pad(Math.round(m.reqPerSec), 8)} ${pad(m.mean.toFixed(2), 6)} ${pad(m.p50, 4)} ${pad(m.p99, 4)}`;
  const head = `${pad('r/s', 8)} ${pad('mean', 6)} ${pad('p50', 4)} ${pad('p99', 4)}`;
  const lines = [
    `${pad('', 9)} ${''.padEnd(26)} ${pad('', 5)} ${pad('', 7)} | ${'ours'.padEnd(25)} | ${'baseline'.padEnd(25)} |`,
    `${pad('size', 9)} ${'case'.padEnd(26)} ${pad('feat', 5)} ${pad('bytes', 7)} | ${head} | ${head} | ours/base`,
  ];
  for (const r of results) {
    const ratio = (r.ours.reqPerSec / r.baseline.reqPerSec).toFixed(2);
    lines.push(
      `${pad(r.backend === 'postgis' ? `pg ${r.size}` : r.size, 9)} ${r.name.padEnd(26)} ${pad(r.features ?? '-', 5)} ${pad(r.bytes, 7)} | ${cols(r.ours)} | ${cols(r.baseline)} | ${pad(ratio, 9)}`,
    );
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const results: CaseResult[] = [];
  for (const size of SIZES) results.push(...(await benchSize(size)));
  if (postgisBenchEnabled()) {
    const postgis = await startPostgisBench();
    try {
      for (const size of POSTGIS_SIZES) results.push(...(await benchSize(size, postgis)));
    } finally {
      postgis.destroy();
    }
  }
  const imports = importBenchEnabled() ? await runImportBench() : null;
  const sqliteResults = results.filter((r) => r.backend === 'sqlite');
  const small = sqliteResults.filter((r) => r.size === SIZES[0]);
  const scaling = small.map((s) => {
    const big = sqliteResults.find((r) => r.size === SIZES[1] && r.name === s.name)!;
    return {
      name: s.name,
      throughput100kOver1k: big.ours.reqPerSec / s.ours.reqPerSec,
      mean100kOver1k: big.ours.mean / s.ours.mean,
      p99_100kOver1k: big.ours.p99 / Math.max(s.ours.p99, 1),
    };
  });
  const goal = (name: string) => {
    const big = sqliteResults.find((r) => r.size === SIZES[1] && r.name === name)!;
    const small = sqliteResults.find((r) => r.size === SIZES[0] && r.name === name)!;
    const throughput = big.ours.reqPerSec / big.baseline.reqPerSec;
    const latency = big.ours.mean / small.ours.mean;
    return { name, throughput, throughputMet: throughput >= 0.5, latency, latencyMet: latency <= 1.5 };
  };
  // The varied case is the honest one for the index; the same-URL case is served by the cache.
  const goals = [goal('bbox ~100, varied URL'), goal('bbox ~100, same URL')];
  const met = (ok: boolean) => (ok ? 'met' : 'NOT met');
  const out = [
    table(results),
    '',
    '100k / 1k (ours):',
    ...scaling.map(
      (s) =>
        `  ${s.name.padEnd(26)} throughput ×${s.throughput100kOver1k.toFixed(2)}  mean latency ×${s.mean100kOver1k.toFixed(2)}  p99 ×${s.p99_100kOver1k.toFixed(2)}`,
    ),
    '',
    ...goals.flatMap((g) => [
      `goal (${g.name}): 100k ≥ 0.5 × baseline throughput → ${g.throughput.toFixed(2)} (${met(g.throughputMet)})`,
      `goal (${g.name}): 100k mean latency ≤ 1.5 × 1k → ×${g.latency.toFixed(2)} (${met(g.latencyMet)})`,
    ]),
    '',
    ...postgisComparison(results),
    ...(imports ? ['', ...importBenchLines(imports)] : []),
    `(autocannon ${DURATION_S} s per case, ${CONNECTIONS} connections; latencies in ms; Node ${process.version})`,
  ].join('\n');
  process.stdout.write(`${out}\n`);
  const dir = path.resolve('bench-results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  const meta = {
    node: process.version,
    durationSeconds: DURATION_S,
    connections: CONNECTIONS,
    at: new Date().toISOString(),
  };
  writeFileSync(file, `${JSON.stringify({ meta, results, scaling, goals, imports }, null, 2)}\n`);
  process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

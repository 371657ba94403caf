/**
 * `npm run bench`: the read API over 1,000 and 100,000 synthetic facilities against a baseline
 * that serves the very same bytes from memory with node:http. Prints req/s and p50/p99 latency,
 * the ratios ours/baseline and 100k/1k, and writes bench-results/bench-<time>.json.
 * Load runs in an autocannon worker thread; the servers run on this thread. Not part of `npm test`.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { buildApp, databaseFile } from '../../server/src/app';
import { loadCatalog, loadSeedData } from '../../server/src/catalog/load-catalog';
import { loadConfig } from '../../server/src/config';
import type { Bbox } from '../../server/src/store/feature-store';
import { openSqliteStore } from '../../server/src/store/sqlite/sqlite-store';
import { SHIPPED_GEODATA } from '../helpers/server';
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
interface CaseResult {
  size: number;
  name: string;
  path: string;
  bytes: number;
  features?: number;
  ours: Measure;
  baseline: Measure;
}

async function measure(url: string): Promise<Measure> {
  const r = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_S, workers: 1 });
  return {
    reqPerSec: r.requests.average,
    mean: r.latency.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors,
    non2xx: r.non2xx,
  };
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const a = server.address();
      resolve(typeof a === 'object' && a ? `http://127.0.0.1:${a.port}` : '');
    }),
  );
}

async function benchSize(size: number): Promise<CaseResult[]> {
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
    const store = openSqliteStore({ file: databaseFile(config), catalog });
    const t0 = performance.now();
    await store.seed({
      features: [...districts, ...syntheticFacilities(size, PROVINCE, codes)],
      indicators: [],
    });
    const seedMs = Math.round(performance.now() - t0);
    await store.close();
    const app = await buildApp(config);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const ours = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    const bbox = centredBox(PROVINCE, 100 / size).join(',');
    const cases = [
      { name: 'first page (limit=100)', path: '/api/collections/facilities/items?limit=100' },
      { name: 'bbox (~100 features)', path: `/api/collections/facilities/items?bbox=${bbox}` },
      { name: 'feature by id', path: `/api/collections/facilities/items/${size / 2}` },
      { name: 'indicator facility_count', path: '/api/indicators/facility_count' },
    ];
    const bodies = new Map<string, { body: Buffer; type: string }>();
    for (const c of cases) {
      const res = await fetch(ours + c.path);
      if (res.status !== 200) throw new Error(`${c.path} answered ${res.status}`);
      bodies.set(c.path, {
        body: Buffer.from(await res.arrayBuffer()),
        type: res.headers.get('content-type') ?? '',
      });
    }
    const baselineServer = createServer((req, res) => {
      const hit = bodies.get(req.url ?? '');
      res.writeHead(hit ? 200 : 404, { 'content-type': hit?.type ?? 'text/plain' });
      res.end(hit?.body ?? 'not found');
    });
    const baseline = await listen(baselineServer);
    const results: CaseResult[] = [];
    for (const c of cases) {
      const body = bodies.get(c.path)!;
      const parsed = JSON.parse(body.body.toString()) as { numberReturned?: number };
      process.stderr.write(`bench ${size}: ${c.name} …\n`);
      results.push({
        size,
        ...c,
        bytes: body.body.length,
        ...(parsed.numberReturned === undefined ? {} : { features: parsed.numberReturned }),
        ours: await measure(ours + c.path),
        baseline: await measure(baseline + c.path),
      });
    }
    process.stderr.write(`bench ${size}: seeded in ${seedMs} ms\n`);
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
    `${pad('', 7)} ${''.padEnd(26)} ${pad('', 5)} ${pad('', 7)} | ${'ours'.padEnd(25)} | ${'baseline'.padEnd(25)} |`,
    `${pad('size', 7)} ${'case'.padEnd(26)} ${pad('feat', 5)} ${pad('bytes', 7)} | ${head} | ${head} | ours/base`,
  ];
  for (const r of results) {
    const ratio = (r.ours.reqPerSec / r.baseline.reqPerSec).toFixed(2);
    lines.push(
      `${pad(r.size, 7)} ${r.name.padEnd(26)} ${pad(r.features ?? '-', 5)} ${pad(r.bytes, 7)} | ${cols(r.ours)} | ${cols(r.baseline)} | ${pad(ratio, 9)}`,
    );
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const results: CaseResult[] = [];
  for (const size of SIZES) results.push(...(await benchSize(size)));
  const small = results.filter((r) => r.size === SIZES[0]);
  const scaling = small.map((s) => {
    const big = results.find((r) => r.size === SIZES[1] && r.name === s.name)!;
    return {
      name: s.name,
      throughput100kOver1k: big.ours.reqPerSec / s.ours.reqPerSec,
      mean100kOver1k: big.ours.mean / s.ours.mean,
      p99_100kOver1k: big.ours.p99 / Math.max(s.ours.p99, 1),
    };
  });
  const bbox100k = results.find((r) => r.size === SIZES[1] && r.name.startsWith('bbox'))!;
  const bbox1k = results.find((r) => r.size === SIZES[0] && r.name.startsWith('bbox'))!;
  const goals = {
    bbox100kThroughputOverBaseline: bbox100k.ours.reqPerSec / bbox100k.baseline.reqPerSec,
    bbox100kThroughputGoalMet: bbox100k.ours.reqPerSec >= 0.5 * bbox100k.baseline.reqPerSec,
    bbox100kMeanLatencyOver1k: bbox100k.ours.mean / bbox1k.ours.mean,
    bbox100kLatencyGoalMet: bbox100k.ours.mean <= 1.5 * bbox1k.ours.mean,
  };
  const out = [
    table(results),
    '',
    '100k / 1k (ours):',
    ...scaling.map(
      (s) =>
        `  ${s.name.padEnd(26)} throughput ×${s.throughput100kOver1k.toFixed(2)}  mean latency ×${s.mean100kOver1k.toFixed(2)}  p99 ×${s.p99_100kOver1k.toFixed(2)}`,
    ),
    '',
    `goal: bbox@100k ≥ 0.5 × baseline throughput → ${goals.bbox100kThroughputOverBaseline.toFixed(2)} (${goals.bbox100kThroughputGoalMet ? 'met' : 'NOT met'})`,
    `goal: bbox@100k mean latency ≤ 1.5 × bbox@1k → ×${goals.bbox100kMeanLatencyOver1k.toFixed(2)} (${goals.bbox100kLatencyGoalMet ? 'met' : 'NOT met'})`,
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
  writeFileSync(file, `${JSON.stringify({ meta, results, scaling, goals }, null, 2)}\n`);
  process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

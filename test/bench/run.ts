/**
 * `npm run bench`: the read API over 100,000 and 1,000,000 synthetic facilities (BENCH_SIZES)
 * against a baseline that serves the very same bytes from memory with node:http (same headers,
 * one `res.end(buffer)`). "varied" cases ask a different box (vary-bbox.cjs) or tile
 * (vary-tile.cjs) on every request, so the response cache rarely answers and the query and its
 * assembly are measured; "same URL" cases are answered by the cache after the first request.
 * Prints req/s and latency, ours/baseline, the 1M/100k ratios, seed and start-up time, database
 * size and the machine's load, and writes bench-results/bench-<time>.json. Load runs in an
 * autocannon worker thread; the servers run on this thread. Not part of `npm test`.
 * A backend is one `Target` (sqlite.ts); add another to TARGETS to bench it on the same cases.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { type BenchCase, baselineServer, durationSeconds, listen, measure, sample } from './measure';
import { type CaseResult, goals, scaling, type TargetInfo, table, targetLines } from './report';
import { sqliteTarget, type Target } from './sqlite';
import { centredBox, PROVINCE } from './synthetic';

const SIZES = (process.env.BENCH_SIZES ?? '100000,1000000').split(',').map(Number);
/** Each opens a seeded server of `size` synthetic facilities. */
const TARGETS: ((size: number) => Promise<Target>)[] = [sqliteTarget];

/** The tile in the middle of the province at zoom z, as z/y/x. */
function middleTile(z: number): string {
  const lon = (PROVINCE[0] + PROVINCE[2]) / 2;
  const lat = (PROVINCE[1] + PROVINCE[3]) / 2;
  const sin = Math.sin((lat * Math.PI) / 180);
  const x = Math.floor(((lon + 180) / 360) * 2 ** z);
  const y = Math.floor((0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * 2 ** z);
  return `${z}/${y}/${x}`;
}

function casesFor(size: number): BenchCase[] {
  const items = '/api/collections/facilities/items';
  const tiles = '/api/collections/facilities/tiles/WebMercatorQuad';
  const bboxPath = `${items}?bbox=${centredBox(PROVINCE, 100 / size).join(',')}`;
  const varyBox = { area: PROVINCE, fraction: 100 / size, path: items };
  const tileCase = (name: string, zooms: number[]): BenchCase => ({
    name,
    path: `${tiles}/${middleTile(zooms[Math.floor(zooms.length / 2)]!)}`,
    connections: 10,
    varyTile: { area: PROVINCE, zooms, path: tiles },
  });
  return [
    { name: 'bbox ~100, varied URL', path: bboxPath, connections: 10, varyBox },
    { name: 'bbox ~100, varied URL, 32 conn', path: bboxPath, connections: 32, varyBox },
    { name: 'bbox ~100, same URL', path: bboxPath, connections: 10 },
    { name: 'bbox ~100, same URL, gzip', path: bboxPath, connections: 10, gzip: true },
    { name: 'first page, same URL', path: `${items}?limit=100`, connections: 10 },
    { name: 'feature by id', path: `${items}/${size / 2}`, connections: 10 },
    tileCase('tiles z6-9, varied', [6, 7, 8, 9]),
    tileCase('tiles z12-13, varied', [12, 13]),
    tileCase('tiles z14-16, varied', [14, 15, 16]),
  ];
}

async function runCases(target: Target, cases: BenchCase[]): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  for (const c of cases) {
    const answer = await sample(target.origin, c);
    const baseline = baselineServer(answer);
    const baselineOrigin = await listen(baseline);
    process.stderr.write(`bench ${target.name} ${target.size}: ${c.name} …\n`);
    const before = target.cacheCounts();
    const ours = await measure(target.origin, c);
    const after = target.cacheCounts();
    const hits = after.hits - before.hits;
    const total = hits + after.misses - before.misses;
    const features = /"numberReturned":(\d+)/.exec(answer.text)?.[1];
    results.push({
      target: target.name,
      size: target.size,
      name: c.name,
      path: c.path,
      connections: c.connections,
      bytes: answer.body.length,
      ...(features === undefined ? {} : { features: Number(features) }),
      ours,
      baseline: await measure(baselineOrigin, c),
      cacheHitShare: total > 0 ? hits / total : 0,
    });
    await new Promise((r) => baseline.close(r));
  }
  return results;
}

async function main(): Promise<void> {
  const started = performance.now();
  const results: CaseResult[] = [];
  const infos: TargetInfo[] = [];
  for (const open of TARGETS) {
    for (const size of SIZES) {
      const loadBefore = loadavg();
      const target = await open(size);
      try {
        results.push(...(await runCases(target, casesFor(size))));
      } finally {
        await target.close();
      }
      infos.push({ ...target.info, loadBefore, loadAfter: loadavg() });
    }
  }
  const [small, big] = [Math.min(...SIZES), Math.max(...SIZES)];
  const met = (ok: boolean) => (ok ? 'met' : 'NOT met');
  const goalList = goals(results, small, big);
  const minutes = ((performance.now() - started) / 60000).toFixed(1);
  const out = [
    table(results),
    '',
    ...targetLines(infos),
    '',
    ...(small === big ? [] : [`${big} / ${small} (ours):`, ...scaling(results, small, big), '']),
    ...goalList.map((g) => `goal: ${g.text} → ${g.value} (${met(g.met)})`),
    `(autocannon ${durationSeconds} s per run; latencies in ms; hit% = answers from the response cache; Node ${process.version}; ${minutes} min)`,
  ].join('\n');
  process.stdout.write(`${out}\n`);
  const dir = path.resolve('bench-results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  const meta = {
    node: process.version,
    durationSeconds,
    at: new Date().toISOString(),
    minutes: Number(minutes),
  };
  writeFileSync(file, `${JSON.stringify({ meta, targets: infos, results, goals: goalList }, null, 2)}\n`);
  process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

/**
 * `npm run bench`: the read API over 100,000 and 1,000,000 synthetic facilities (BENCH_SIZES)
 * against a baseline that serves the very same bytes from memory with node:http (same headers,
 * one `res.end(buffer)`). "varied" cases ask a different box (vary-bbox.cjs) or tile
 * (vary-tile.cjs) on every request, so the response cache rarely answers and the query and its
 * assembly are measured; "same URL" cases are answered by the cache after the first request.
 * Prints req/s and latency, ours/baseline, the 1M/100k ratios, seed and start-up time, database
 * size and the machine's load, and writes bench-results/bench-<time>.json. Load runs in an
 * autocannon worker thread; the servers run on this thread. Not part of `npm test`.
 * A backend is one `TargetFactory` (sqlite.ts, postgis.ts: PostGIS at 100k, BENCH_POSTGIS=0 leaves
 * it out) in TARGETS; every case runs on every target.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { floorLine } from './floor';
import { headerReferenceLine } from './header-reference';
import { importBenchEnabled, importBenchLines, runImportBench } from './import';
import { type BenchCase, baselineServer, durationSeconds, listen, measure, sample } from './measure';
import { postgisComparison, postgisTargets } from './postgis';
import {
  type CaseResult,
  goals,
  headersComparison,
  median,
  medianMeasure,
  type Round,
  scaling,
  type TargetInfo,
  table,
  targetLines,
} from './report';
import { sqliteNoHeadersTargets, sqliteTargets } from './sqlite';
import { centredBox, PROVINCE } from './synthetic';
import type { Target, TargetFactory } from './target';

const SIZES = (process.env.BENCH_SIZES ?? '100000,1000000').split(',').map(Number);
/** The backends; each opens a seeded server of `size` synthetic facilities for the sizes it runs. */
const TARGETS: TargetFactory[] = [sqliteTargets, sqliteNoHeadersTargets, postgisTargets()];

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

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

/**
 * Every case on every target, in rounds: a round runs ours then the baseline for each target in
 * turn (every other round in reverse order), so the machine's load (shared with other jobs)
 * drifts across all of them alike.
 */
async function runCases(targets: Target[]): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  const perTarget = targets.map((t) => casesFor(t.size));
  for (let i = 0; i < perTarget[0]!.length; i++) {
    const runs = await Promise.all(
      targets.map(async (target, k) => {
        const c = perTarget[k]![i]!;
        const answer = await sample(target.origin, c);
        const baseline = baselineServer(answer);
        return {
          target,
          c,
          answer,
          baseline,
          origin: await listen(baseline),
          rounds: [] as Round[],
          hits: 0,
          total: 0,
        };
      }),
    );
    // Before the first case's rounds, one unrecorded run per target: it starts the point models'
    // builds (1M: 3–5 s in the background, on the thread the servers share) and warms the JIT, so
    // no recorded round measures a server still building or the SQL path it answers meanwhile.
    if (i === 0) {
      for (const run of runs) {
        process.stderr.write(`bench ${run.target.name} ${run.target.size}: warm-up …\n`);
        await measure(run.target.origin, run.c);
      }
    }
    for (let round = 0; round < ROUNDS; round++) {
      // Every other round runs the targets in reverse order, so one running first (or last) in
      // a round is not a constant advantage in the comparisons between targets.
      for (const run of round % 2 === 0 ? runs : [...runs].reverse()) {
        process.stderr.write(
          `bench ${run.target.name} ${run.target.size}: ${run.c.name} (round ${round + 1}/${ROUNDS}) …\n`,
        );
        const before = run.target.cacheCounts();
        const ours = await measure(run.target.origin, run.c);
        const after = run.target.cacheCounts();
        run.hits += after.hits - before.hits;
        run.total += after.hits - before.hits + after.misses - before.misses;
        run.rounds.push({ ours, baseline: await measure(run.origin, run.c) });
      }
    }
    for (const run of runs) {
      const features = /"numberReturned":(\d+)/.exec(run.answer.text)?.[1];
      results.push({
        target: run.target.name,
        size: run.target.size,
        name: run.c.name,
        path: run.c.path,
        connections: run.c.connections,
        bytes: run.answer.body.length,
        ...(features === undefined ? {} : { features: Number(features) }),
        rounds: run.rounds,
        ours: medianMeasure(run.rounds.map((r) => r.ours)),
        baseline: medianMeasure(run.rounds.map((r) => r.baseline)),
        ratio: median(run.rounds.map((r) => r.ours.reqPerSec / r.baseline.reqPerSec)),
        cacheHitShare: run.total > 0 ? run.hits / run.total : 0,
      });
      await new Promise((r) => run.baseline.close(r));
    }
  }
  return results;
}

async function main(): Promise<void> {
  const started = performance.now();
  const infos: TargetInfo[] = [];
  const targets: Target[] = [];
  const loadBefore = loadavg();
  try {
    for (const backend of TARGETS) {
      for (const size of backend.sizes(SIZES)) targets.push(await backend.open(size));
    }
    const results = await runCases(targets);
    // With the headers A/B: what the same header lines cost a bare Fastify app (their floor).
    const headersReference = targets.some((t) => t.name === 'no-headers')
      ? await headerReferenceLine(ROUNDS)
      : null;
    // The new-box case on a request path with nothing but the page's own work (its floor).
    const smallest = targets.find((t) => t.name === 'sqlite' && t.size === Math.min(...SIZES));
    const floor = smallest?.dbFile
      ? await floorLine(smallest.dbFile, 'facilities', casesFor(smallest.size)[0]!, ROUNDS)
      : null;
    const loadAfter = loadavg();
    for (const t of targets) infos.push({ ...t.info, loadBefore, loadAfter });
    // The import bench (issue 14) runs after the load cases, on a quiet server of its own.
    const imports = importBenchEnabled() ? await runImportBench() : null;
    report(results, infos, started, imports, { headersReference, floor });
  } finally {
    for (const t of targets) await t.close();
    for (const backend of TARGETS) backend.dispose?.();
  }
}

type ImportFigures = Awaited<ReturnType<typeof runImportBench>>;

function report(
  results: CaseResult[],
  infos: TargetInfo[],
  started: number,
  imports: ImportFigures | null,
  references: { headersReference: string | null; floor: string | null },
): void {
  const { headersReference, floor } = references;
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
    ...(floor ? [floor] : []),
    ...postgisComparison(results),
    ...headersComparison(results),
    ...(headersReference ? [headersReference] : []),
    ...(imports ? ['', ...importBenchLines(imports)] : []),
    `(autocannon ${durationSeconds} s per run, ${ROUNDS} interleaved rounds, medians; latencies in ms; hit% = answers from the response cache; Node ${process.version}; ${minutes} min)`,
  ].join('\n');
  process.stdout.write(`${out}\n`);
  const dir = path.resolve('bench-results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  const meta = {
    node: process.version,
    durationSeconds,
    rounds: ROUNDS,
    at: new Date().toISOString(),
    minutes: Number(minutes),
  };
  writeFileSync(
    file,
    `${JSON.stringify({ meta, targets: infos, results, goals: goalList, imports, headersReference, floor }, null, 2)}\n`,
  );
  process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

/**
 * The import part of `npm run bench` (issue 14): previewing a CSV of 100,000 facilities (≈ 25 MB,
 * Vietnamese headers, every row valid) through the real app — time from upload to `ready` and
 * the process's peak memory above its idle level — against 1,000 rows in the same run (cost per
 * row, so linearity shows as a ratio), the latency of another request while the preview runs
 * against the same request idle (the server must keep answering), and the commit of the 100,000
 * rows as one batch on SQLite. `BENCH_IMPORT=0` leaves it out.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/src/app';
import type { FeatureImportPreview } from '../../server/src/contract/imports';
import { csvText, facilityRows, MEDIA, VI_HEADERS, viCells } from '../fixtures/imports/make';
import { INJECT_ORIGIN, signIn } from '../helpers/auth';
import { quietConfig } from '../helpers/server';

export interface ImportBenchResult {
  rows: number;
  bytes: number;
  previewMs: number;
  /** Peak RSS during the preview minus RSS just before it, MiB (the worker thread shares the process). */
  peakExtraRssMiB: number;
  smallRows: number;
  smallPreviewMs: number;
  /** Per-row cost at 100k over per-row cost at 1k (≈ 1 when linear). */
  perRowRatio: number;
  /** Median latency of GET /api/collections/facilities/items?limit=10 while the preview ran / idle. */
  busyLatencyMs: number;
  idleLatencyMs: number;
  latencyRatio: number;
  /** Requests answered while the preview ran. */
  answeredWhileParsing: number;
  commitMs: number;
}

export function importBenchEnabled(): boolean {
  return process.env.BENCH_IMPORT !== '0';
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
};

async function timedGet(app: FastifyInstance): Promise<number> {
  const t = performance.now();
  const res = await app.inject('/api/collections/facilities/items?limit=10');
  if (res.statusCode !== 200) throw new Error(`GET answered ${res.statusCode}`);
  return performance.now() - t;
}

async function previewOf(
  app: FastifyInstance,
  cookie: string,
  body: Buffer,
  during?: (latency: number) => void,
) {
  const start = performance.now();
  const res = await app.inject({
    method: 'POST',
    url: '/api/collections/facilities/imports',
    headers: { origin: INJECT_ORIGIN, cookie, 'content-type': MEDIA.csv, prefer: 'respond-async' },
    payload: body,
  });
  if (res.statusCode !== 202) throw new Error(`upload answered ${res.statusCode}: ${res.body.slice(0, 300)}`);
  const id = res.json<FeatureImportPreview>().id;
  for (;;) {
    const p = (
      await app.inject({ url: `/api/imports/${id}`, headers: { cookie } })
    ).json<FeatureImportPreview>();
    if (p.status !== 'parsing') {
      if (p.status !== 'ready' || p.summary?.invalid !== 0)
        throw new Error(`preview ${p.status}: ${JSON.stringify(p.problem ?? p.summary)}`);
      return { id, ms: performance.now() - start };
    }
    if (during) during(await timedGet(app));
    await new Promise((r) => setTimeout(r, 25));
  }
}

export async function runImportBench(rows = 100_000, smallRows = 1000): Promise<ImportBenchResult> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'lcmap-bench-import-'));
  const config = quietConfig({ DATA_DIR: dataDir });
  const app = await buildApp(config);
  try {
    const cookie = await signIn(app, { username: 'bench', role: 'editor' });
    const small = Buffer.from(csvText(VI_HEADERS, facilityRows(smallRows).map(viCells)));
    const big = Buffer.from(csvText(VI_HEADERS, facilityRows(rows).map(viCells)));
    await previewOf(app, cookie, small); // warms the worker (loads the parsers once)
    const smallRun = await previewOf(app, cookie, small);
    const idle: number[] = [];
    for (let i = 0; i < 50; i += 1) idle.push(await timedGet(app));
    const base = process.memoryUsage().rss;
    let peak = base;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 20);
    const busy: number[] = [];
    const bigRun = await previewOf(app, cookie, big, (l) => busy.push(l));
    clearInterval(sampler);
    const t = performance.now();
    const commit = await app.inject({
      method: 'POST',
      url: `/api/imports/${bigRun.id}/commit`,
      headers: { origin: INJECT_ORIGIN, cookie, 'content-type': 'application/json' },
      payload: '{}',
    });
    if (commit.statusCode !== 200) throw new Error(`commit answered ${commit.statusCode}`);
    const commitMs = performance.now() - t;
    return {
      rows,
      bytes: big.length,
      previewMs: bigRun.ms,
      peakExtraRssMiB: (peak - base) / 1048576,
      smallRows,
      smallPreviewMs: smallRun.ms,
      perRowRatio: bigRun.ms / rows / (smallRun.ms / smallRows),
      busyLatencyMs: median(busy),
      idleLatencyMs: median(idle),
      latencyRatio: median(busy) / median(idle),
      answeredWhileParsing: busy.length,
      commitMs,
    };
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export function importBenchLines(r: ImportBenchResult): string[] {
  const mib = (r.bytes / 1048576).toFixed(1);
  return [
    `import preview (CSV, SQLite): ${r.rows.toLocaleString('en')} rows (${mib} MiB) in ${(r.previewMs / 1000).toFixed(1)} s, peak memory +${r.peakExtraRssMiB.toFixed(0)} MiB RSS; ${r.smallRows.toLocaleString('en')} rows in ${r.smallPreviewMs.toFixed(0)} ms → per-row cost 100k / 1k ×${r.perRowRatio.toFixed(2)}`,
    `  while it ran: ${r.answeredWhileParsing} other requests answered, median ${r.busyLatencyMs.toFixed(1)} ms vs ${r.idleLatencyMs.toFixed(1)} ms idle (×${r.latencyRatio.toFixed(2)}); commit of the ${r.rows.toLocaleString('en')} rows as one batch ${(r.commitMs / 1000).toFixed(1)} s`,
  ];
}

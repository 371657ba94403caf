import type { Measure } from './measure';

/** One round: ours then the baseline, back to back. */
export interface Round {
  ours: Measure;
  baseline: Measure;
}

/**
 * One case measured on one target (a backend at one size), in rounds interleaved with the other
 * targets' (so a change of the machine's load hits every target alike). `ours` and `baseline`
 * are per-field medians over the rounds; `ratio` is the median of the rounds' ours/baseline.
 */
export interface CaseResult {
  target: string;
  size: number;
  name: string;
  path: string;
  connections: number;
  bytes: number;
  features?: number;
  rounds: Round[];
  ours: Measure;
  baseline: Measure;
  ratio: number;
  /** Share of our answers that the response cache gave (0..1). */
  cacheHitShare: number;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Per-field medians of measures. */
export function medianMeasure(measures: Measure[]): Measure {
  const of = (k: keyof Measure) => median(measures.map((m) => m[k]));
  return {
    reqPerSec: of('reqPerSec'),
    mean: of('mean'),
    p50: of('p50'),
    p99: of('p99'),
    errors: of('errors'),
    non2xx: of('non2xx'),
  };
}

/** Median over rounds of big / small for a latency field, pairing the rounds run back to back. */
function pairedRatio(big: CaseResult, small: CaseResult, field: 'mean' | 'p99'): number {
  return median(
    big.rounds.map(
      (r, i) => r.ours[field] / Math.max(small.rounds[i]?.ours[field] ?? 1, field === 'p99' ? 1 : 1e-9),
    ),
  );
}

/** How a target was prepared: seed time, start-up time, database size, machine load. */
export interface TargetInfo {
  target: string;
  size: number;
  seedMs: number;
  startMs: number;
  dbBytes: number;
  walBytes: number;
  loadBefore: number[];
  loadAfter: number[];
}

const pad = (s: string | number, n: number) => String(s).padStart(n);
const cols = (m: Measure) =>
  `${pad(Math.round(m.reqPerSec), 7)} ${pad(m.mean.toFixed(2), 6)} ${pad(m.p50, 3)} ${pad(m.p99, 4)}`;

export function table(results: CaseResult[]): string {
  const head = `${pad('r/s', 7)} ${pad('mean', 6)} ${pad('p50', 3)} ${pad('p99', 4)}`;
  const lines = [
    `${''.padEnd(16)} ${''.padEnd(30)} ${pad('', 4)} ${pad('', 5)} ${pad('', 6)} ${pad('', 4)} | ${'ours'.padEnd(23)} | ${'baseline'.padEnd(23)} |`,
    `${'target'.padEnd(16)} ${'case'.padEnd(30)} ${pad('conn', 4)} ${pad('feat', 5)} ${pad('bytes', 6)} ${pad('hit%', 4)} | ${head} | ${head} | ours/base`,
  ];
  for (const r of results) {
    const ratio = r.ratio.toFixed(2);
    const errors =
      r.ours.errors + r.ours.non2xx > 0 ? `  (${r.ours.errors} errors, ${r.ours.non2xx} non-2xx)` : '';
    lines.push(
      `${`${r.target} ${r.size}`.padEnd(16)} ${r.name.padEnd(30)} ${pad(r.connections, 4)} ${pad(r.features ?? '-', 5)} ${pad(r.bytes, 6)} ${pad(Math.round(r.cacheHitShare * 100), 4)} | ${cols(r.ours)} | ${cols(r.baseline)} | ${pad(ratio, 9)}${errors}`,
    );
  }
  return lines.join('\n');
}

export function targetLines(infos: TargetInfo[]): string[] {
  return infos.map(
    (i) =>
      `${i.target} ${i.size}: seed ${(i.seedMs / 1000).toFixed(1)} s, start-up ${i.startMs} ms, database ${(i.dbBytes / 1e6).toFixed(0)} MB (+ WAL ${(i.walBytes / 1e6).toFixed(0)} MB), load average ${i.loadBefore.map((x) => x.toFixed(1)).join('/')} before, ${i.loadAfter.map((x) => x.toFixed(1)).join('/')} after`,
  );
}

export interface Goal {
  text: string;
  value: string;
  met: boolean;
}

/** The issue-10 goals, as ratios within this run (undefined parts when a size was not run). */
export function goals(results: CaseResult[], small: number, big: number, target = 'sqlite'): Goal[] {
  const find = (size: number, name: string) =>
    results.find((r) => r.target === target && r.size === size && r.name === name);
  const out: Goal[] = [];
  const varied = find(small, 'bbox ~100, varied URL');
  if (varied) {
    const ratio = varied.ratio;
    out.push({
      text: `${small}: new box per request ≥ 0.5 × baseline`,
      value: ratio.toFixed(2),
      met: ratio >= 0.5,
    });
  }
  const wide = find(small, 'bbox ~100, varied URL, 32 conn');
  if (wide) {
    out.push({
      text: `${small}: p99 at 32 connections < 50 ms`,
      value: `${wide.ours.p99} ms`,
      met: wide.ours.p99 < 50,
    });
  }
  const bigVaried = big === small ? undefined : find(big, 'bbox ~100, varied URL');
  if (varied && bigVaried) {
    const ratio = pairedRatio(bigVaried, varied, 'mean');
    out.push({
      text: `${big} / ${small} mean latency ≤ 1.5 (new box per request)`,
      value: `×${ratio.toFixed(2)}`,
      met: ratio <= 1.5,
    });
  }
  return out;
}

/** Per case, the big size's latency over the small one's (mean and p99; medians of paired rounds). */
export function scaling(results: CaseResult[], small: number, big: number): string[] {
  return results
    .filter((r) => r.size === small)
    .flatMap((s) => {
      const b = results.find((r) => r.target === s.target && r.size === big && r.name === s.name);
      if (!b) return [];
      return [
        `  ${s.target.padEnd(7)} ${s.name.padEnd(30)} mean latency ×${pairedRatio(b, s, 'mean').toFixed(2)}  p99 ×${pairedRatio(b, s, 'p99').toFixed(2)}`,
      ];
    });
}

/**
 * What the security headers cost: per case, our throughput with them over the same app without
 * them (the no-headers target), the median of the interleaved rounds' ratios (1.00 = no loss).
 */
export function headersComparison(results: readonly CaseResult[]): string[] {
  const without = results.filter((r) => r.target === 'no-headers');
  if (without.length === 0) return [];
  const lines = ['security headers (with / without, our req/s, paired rounds; 1.00 = no loss):'];
  for (const n of without) {
    const w = results.find((r) => r.target === 'sqlite' && r.size === n.size && r.name === n.name);
    if (!w) continue;
    const ratio = median(
      w.rounds.map((r, i) => r.ours.reqPerSec / Math.max(n.rounds[i]?.ours.reqPerSec ?? 1, 1e-9)),
    );
    lines.push(`  ${String(n.size).padStart(7)} ${n.name.padEnd(30)} ×${ratio.toFixed(2)}`);
  }
  return lines;
}

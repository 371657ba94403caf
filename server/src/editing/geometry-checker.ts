import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { AreaFeature } from '../../../geodata/rules/districts';
import { ApiError } from '../errors';
import {
  checkPreparedGeometry,
  DEFAULT_MAX_VERTICES,
  type GeometryCheck,
  prepareGeometry,
} from '../validation/geometry.validation';

export interface GeometryCheckerOptions {
  /** Geometries with more positions are checked in a worker thread (default 500). */
  inlineVertices?: number;
  /** Most positions per feature (default DEFAULT_MAX_VERTICES = 5,000). */
  maxVertices?: number;
  /** Most milliseconds one check may take in the worker; then 503 (default 10,000). */
  budgetMs?: number;
  /** Worker threads (default: cores − 1, at least 1, at most 4). */
  threads?: number;
}

/**
 * Checks a written geometry without stalling the server. The linear step (shape, types, position
 * count ≤ maxVertices) runs here; the costly rules (self-intersection, inside the province) run
 * inline for small geometries (≤ inlineVertices positions: well under a millisecond to a few ms)
 * and in a worker thread (piscina) for larger ones, with a time budget. The pool starts on the
 * first large geometry, keeps its queue bounded (a full queue → 503) and stops idle threads.
 */
export class GeometryChecker {
  readonly #inline: number;
  readonly #max: number;
  readonly #budgetMs: number;
  readonly #threads: number;
  #pool: Piscina | undefined;

  constructor(options: GeometryCheckerOptions = {}) {
    this.#inline = options.inlineVertices ?? 500;
    this.#max = options.maxVertices ?? DEFAULT_MAX_VERTICES;
    this.#budgetMs = options.budgetMs ?? 10_000;
    this.#threads = options.threads ?? Math.min(4, Math.max(1, availableParallelism() - 1));
  }

  async check(
    geometry: unknown,
    geometryTypes: readonly string[],
    province: AreaFeature,
  ): Promise<GeometryCheck> {
    const prepared = prepareGeometry(geometry, geometryTypes, this.#max);
    if (!prepared.valid) return prepared;
    if (prepared.vertices <= this.#inline) return checkPreparedGeometry(prepared.geometry, province);
    this.#pool ??= new Piscina({
      filename: new URL('./geometry-worker.mjs', import.meta.url).href,
      minThreads: 0,
      maxThreads: this.#threads,
      idleTimeout: 60_000,
      maxQueue: this.#threads * 4,
    });
    try {
      return (await this.#pool.run(
        { geometry: prepared.geometry, province },
        { signal: AbortSignal.timeout(this.#budgetMs) },
      )) as GeometryCheck;
    } catch (err) {
      throw isBusy(err) ? busy(err) : err;
    }
  }

  /** Stops the worker threads (app close). */
  async close(): Promise<void> {
    await this.#pool?.destroy();
    this.#pool = undefined;
  }
}

function isOverBudget(err: unknown): boolean {
  return err instanceof Error && (err.name === 'AbortError' || err.name === 'TimeoutError');
}

function isBusy(err: unknown): boolean {
  return isOverBudget(err) || (err instanceof Error && /queue is at limit/i.test(err.message));
}

/** A full queue or a check over budget: the server is busy, not the client wrong. */
function busy(err: unknown): ApiError {
  const overBudget = isOverBudget(err);
  return new ApiError(
    503,
    'ServiceUnavailable',
    overBudget
      ? 'Checking this geometry took too long; try again, or simplify it.'
      : 'The server is checking many geometries right now; try again in a moment.',
    undefined,
    { headers: { 'retry-after': '2' } },
  );
}

import { randomUUID } from 'node:crypto';
import type { ImportStatus } from '../contract/vocabulary';
import { ApiError, notFound } from '../errors';
import { IMPORT_EXPIRY_MS, MAX_HELD_BYTES, MAX_OPEN_IMPORTS, MAX_PARSING } from './limits';
import type { ImportProgress, PreviewFailure } from './worker-messages';

/** What every import has, whatever it imports (features of a collection, indicator values). */
export interface ImportJobBase {
  id: string;
  owner: string;
  fileName: string;
  mediaType: string;
  size: number;
  status: ImportStatus;
  progress: ImportProgress;
  /** Epoch ms. */
  createdAt: number;
  touchedAt: number;
  /** Why it failed (status `failed`). */
  failure: PreviewFailure | null;
  /** The batch it was committed as (status `committed`). */
  batchId: number | null;
  /** Settles when the current parse has finished (ready or failed). */
  settled: Promise<void>;
  /** Stops a parse in progress (expiry, discard). */
  cancel: () => void;
}

/** The state every new import starts in (read next, nothing yet), at epoch ms `now`. */
export function freshJobState(now: number) {
  return {
    status: 'parsing' as const,
    progress: { phase: 'waiting' as const, done: 0, total: 0 },
    createdAt: now,
    touchedAt: now,
    failure: null,
    batchId: null,
    preview: null,
    settled: Promise.resolve(),
    cancel: () => {},
  };
}

/**
 * The preview of a job that may be committed now; 409 when it was committed already (naming its
 * batch), is still being read, or failed.
 */
export function committablePreview<P>(job: ImportJobBase & { preview: P | null | undefined }): P {
  if (job.status === 'committed')
    throw new ApiError(
      409,
      'Conflict',
      `Import '${job.id}' was committed already, as batch ${job.batchId}.`,
      undefined,
      { body: { batch: job.batchId } },
    );
  if (job.status !== 'ready' || !job.preview) {
    throw new ApiError(
      409,
      'Conflict',
      job.status === 'parsing'
        ? `Import '${job.id}' is still being read; wait until its status is ready.`
        : `Import '${job.id}' failed and cannot be committed.`,
    );
  }
  return job.preview;
}

/**
 * The imports this server process holds (issue 14), in memory: an import is working state until
 * it is committed (then its batch is in the database), so it lives with the process that read
 * its file. It expires IMPORT_EXPIRY_MS after it was last read, changed or committed; at most
 * MAX_OPEN_IMPORTS imports and MAX_HELD_BYTES of uncommitted files are held (more → 429), and at
 * most MAX_PARSING files are parsed at once (the others wait, in `waiting` progress). The clock
 * is the app's (tests move it).
 */
export class ImportRegistry<J extends ImportJobBase> {
  readonly #jobs = new Map<string, J>();
  #parsing = 0;
  readonly #queue: (() => void)[] = [];

  constructor(private readonly clock: () => number) {}

  /** A new job id for a file of `size` bytes; refuses (429) when the process holds too many imports or file bytes. */
  newId(size: number): string {
    this.sweep();
    const held = [...this.#jobs.values()].reduce(
      (sum, j) => sum + (j.status === 'committed' ? 0 : j.size),
      0,
    );
    if (this.#jobs.size >= MAX_OPEN_IMPORTS || held + size > MAX_HELD_BYTES) {
      throw new ApiError(
        429,
        'TooManyRequests',
        `This server holds too many open imports (${this.#jobs.size}, ${Math.round(held / 1048576)} MB of files); commit or discard one (DELETE /api/imports/{importId}), or wait until one expires (${IMPORT_EXPIRY_MS / 60_000} minutes after its last use).`,
        undefined,
        { headers: { 'retry-after': '60' } },
      );
    }
    return randomUUID();
  }

  add(job: J): void {
    this.#jobs.set(job.id, job);
  }

  /** The job, if it exists, has not expired and `user` may see it (its owner, or an admin); else 404. */
  get(id: string, user: { username: string; role: string }): J {
    this.sweep();
    const job = this.#jobs.get(id);
    if (!job || (job.owner !== user.username && user.role !== 'admin')) {
      throw notFound(
        `Import '${id}' does not exist (imports expire ${IMPORT_EXPIRY_MS / 60_000} minutes after their last use)`,
      );
    }
    job.touchedAt = this.clock();
    return job;
  }

  /** Forgets a job (discarded), stopping its parse. */
  remove(job: J): void {
    job.cancel();
    this.#jobs.delete(job.id);
  }

  /** Epoch ms when a job expires. */
  expiresAt(job: J): number {
    return job.touchedAt + IMPORT_EXPIRY_MS;
  }

  /** Drops expired jobs. */
  sweep(): void {
    const now = this.clock();
    for (const job of this.#jobs.values()) if (now > this.expiresAt(job)) this.remove(job);
  }

  /** Runs `task` when fewer than MAX_PARSING tasks run (the others wait in order). */
  async parse<T>(task: () => Promise<T>): Promise<T> {
    if (this.#parsing >= MAX_PARSING) await new Promise<void>((resolve) => this.#queue.push(resolve));
    this.#parsing += 1;
    try {
      return await task();
    } finally {
      this.#parsing -= 1;
      this.#queue.shift()?.();
    }
  }

  /** Stops every parse and forgets every job (the app is closing). */
  close(): void {
    for (const job of [...this.#jobs.values()]) this.remove(job);
  }
}

import { Worker } from 'node:worker_threads';
import { PARSE_TIMEOUT_MS, WORKER_HEAP_MB } from './limits';
import type {
  ImportProgress,
  PreviewFailure,
  TaskResult,
  WorkerMessage,
  WorkerTask,
} from './worker-messages';

/** A preview running in a worker thread. */
export interface PreviewRun<R> {
  /** Resolves with the result, or with the failure (a file that cannot be imported, a crash, a timeout). */
  result: Promise<{ ok: true; result: R } | { ok: false; failure: PreviewFailure }>;
  /** Stops the preview (an expired or discarded import); `result` then resolves as failed. */
  cancel(): void;
}

const BOOT = new URL('./worker-boot.mjs', import.meta.url);
const ENTRY = new URL('./worker.ts', import.meta.url).href;
/** An idle worker is ended after this long (its memory goes back to the system). */
const IDLE_MS = 5 * 60 * 1000;

interface Slot {
  worker: Worker;
  idleTimer: NodeJS.Timeout | null;
}

/**
 * Worker threads that read and check imported files (issue 14: a 50 MB file must not block the
 * server). A worker loads the parsers once (≈ 1 s) and then takes one task after another; the
 * caller limits how many run at once (ImportRegistry.parse). Each task gets the file's bytes
 * (transferred), a heap limit of WORKER_HEAP_MB, and PARSE_TIMEOUT_MS; a worker that times out,
 * runs out of memory, crashes or is cancelled is ended and replaced by a new one on demand.
 */
export class WorkerPool {
  readonly #idle: Slot[] = [];
  readonly #busy = new Set<Worker>();
  #closed = false;

  #take(): Slot {
    const slot = this.#idle.pop();
    if (slot) {
      if (slot.idleTimer) clearTimeout(slot.idleTimer);
      slot.idleTimer = null;
      return slot;
    }
    const worker = new Worker(BOOT, {
      workerData: { entry: ENTRY },
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
      stdout: false,
      stderr: false,
    });
    worker.unref();
    return { worker, idleTimer: null };
  }

  #release(slot: Slot): void {
    this.#busy.delete(slot.worker);
    if (this.#closed) {
      void slot.worker.terminate();
      return;
    }
    slot.idleTimer = setTimeout(() => {
      const i = this.#idle.indexOf(slot);
      if (i >= 0) this.#idle.splice(i, 1);
      void slot.worker.terminate();
    }, IDLE_MS);
    slot.idleTimer.unref();
    this.#idle.push(slot);
  }

  /** Runs one task; progress arrives through `onProgress`, rows in chunks (each message small to receive here). */
  run<T extends WorkerTask>(
    input: T,
    onProgress: (p: ImportProgress) => void,
  ): PreviewRun<TaskResult<T['task']>> {
    type Outcome = Awaited<PreviewRun<TaskResult<T['task']>>['result']>;
    const slot = this.#take();
    const { worker } = slot;
    this.#busy.add(worker);
    const rows: unknown[] = [];
    let settled = false;
    let resolveResult: (value: Outcome) => void = () => {};
    const result = new Promise<Outcome>((resolve) => {
      resolveResult = resolve;
    });
    const cleanup = () => {
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    /** Ends the task; a worker that did not finish cleanly is not reused. */
    const finish = (value: Outcome, reusable: boolean) => {
      if (settled) return;
      settled = true;
      cleanup();
      if (reusable) this.#release(slot);
      else {
        this.#busy.delete(worker);
        void worker.terminate();
      }
      resolveResult(value);
    };
    const fail = (status: number, message: string) =>
      finish({ ok: false, failure: { status, code: 'UnreadableFile', message, params: {} } }, false);
    const onMessage = (message: WorkerMessage) => {
      if (message.type === 'progress') onProgress(message.progress);
      else if (message.type === 'rows') rows.push(...message.rows);
      else if (message.type === 'done')
        finish({ ok: true, result: { ...message.result, rows } as TaskResult<T['task']> }, true);
      else finish({ ok: false, failure: message.failure }, message.failure.status < 500);
    };
    const onError = (err: Error & { code?: string }) =>
      err.code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? finish(
            {
              ok: false,
              failure: {
                status: 413,
                code: 'FileTooLarge',
                message: `reading the file needs more than ${WORKER_HEAP_MB} MB of memory`,
                params: { limit: WORKER_HEAP_MB * 1024 * 1024, limitMb: WORKER_HEAP_MB },
              },
            },
            false,
          )
        : fail(500, err.message);
    const onExit = () => fail(500, 'the import worker stopped');
    const timer = setTimeout(
      () => fail(422, `reading the file took longer than ${PARSE_TIMEOUT_MS / 60_000} minutes`),
      PARSE_TIMEOUT_MS,
    );
    timer.unref();
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    const bytes = input.bytes.slice().buffer;
    worker.postMessage({ ...input, bytes: new Uint8Array(bytes) }, [bytes]);
    return { result, cancel: () => fail(410, 'the import was discarded') };
  }

  /** Ends every worker (the app is closing). */
  async close(): Promise<void> {
    this.#closed = true;
    const all = [...this.#idle.map((s) => s.worker), ...this.#busy];
    for (const s of this.#idle) if (s.idleTimer) clearTimeout(s.idleTimer);
    this.#idle.length = 0;
    await Promise.all(all.map((w) => w.terminate()));
  }
}

import { parentPort } from 'node:worker_threads';
import { runIndicatorPreview } from './indicator-preview';
import { runPreview } from './preview';
import { ImportFileError } from './source';
import type { WorkerMessage, WorkerTask } from './worker-messages';

/** Rows per message back to the main thread, so no single message takes long to receive there. */
const ROWS_PER_MESSAGE = 2000;

/**
 * An import worker thread: takes one task at a time, posts its progress (at most every 100 ms),
 * then the result's rows in chunks and the rest of it — or the failure. The pool (runner.ts)
 * reuses it for the next task, or ends it.
 */
const port = parentPort;
if (!port) throw new Error('imports/worker.ts runs only as a worker thread');
const post = (message: WorkerMessage) => port.postMessage(message);
port.on('message', (input: WorkerTask) => {
  let last = 0;
  const progress = (phase: 'reading' | 'checking', done: number, total: number) => {
    const now = Date.now();
    if (now - last < 100 && done !== total) return;
    last = now;
    post({ type: 'progress', progress: { phase, done, total } });
  };
  const run = input.task === 'features' ? runPreview(input, progress) : runIndicatorPreview(input, progress);
  run
    .then(({ rows, ...head }) => {
      for (let i = 0; i < rows.length; i += ROWS_PER_MESSAGE)
        post({ type: 'rows', rows: rows.slice(i, i + ROWS_PER_MESSAGE) });
      post({ type: 'done', result: head });
    })
    .catch((err: unknown) => {
      post({
        type: 'failed',
        failure:
          err instanceof ImportFileError
            ? { status: err.status, code: err.code, message: err.message, params: err.params }
            : {
                status: 500,
                code: 'UnreadableFile',
                message: String((err as Error)?.stack ?? err),
                params: {},
              },
      });
    });
});

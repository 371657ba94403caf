import type { ProblemFieldCode } from '../contract/vocabulary';
import type { IndicatorPreviewInput, IndicatorPreviewResult } from './indicator-preview';
import type { PreviewInput, PreviewResult } from './preview';

/** How far a preview is: waiting for a worker, reading the file, checking its rows, comparing with the stored features (`done` of `total`). */
export interface ImportProgress {
  phase: 'waiting' | 'reading' | 'checking' | 'comparing';
  done: number;
  total: number;
}

/** Why a preview failed: a file that cannot be imported (4xx), or a fault of ours (500). */
export interface PreviewFailure {
  status: number;
  code: ProblemFieldCode;
  message: string;
  params: Record<string, string | number>;
}

/** What a worker is asked to do: a features preview or an indicators preview. */
export type WorkerTask =
  | ({ task: 'features' } & PreviewInput)
  | ({ task: 'indicators' } & IndicatorPreviewInput);

/** The result of each task. */
export type TaskResult<T extends WorkerTask['task']> = T extends 'features'
  ? PreviewResult
  : IndicatorPreviewResult;

/** What the worker thread posts, in this order: progress…, rows…, then done (the result without its rows) or failed. */
export type WorkerMessage =
  | { type: 'progress'; progress: ImportProgress }
  | { type: 'rows'; rows: unknown[] }
  | { type: 'done'; result: Record<string, unknown> }
  | { type: 'failed'; failure: PreviewFailure };

import { useCallback, useEffect, useRef, useState } from 'react';
import type { ImportCommitBody, ImportPatchBody } from '../../../../server/src/contract/imports';
import type { Lang } from '../../lib/format';
import type { BatchInfo, ImportApi, ImportPreview } from './importApi';

/** Where one upload is: nothing yet, sending, the server reading it (polled), a preview, committed. */
export type JobState =
  | { step: 'idle' }
  | { step: 'uploading'; fileName: string }
  | { step: 'parsing' | 'ready' | 'failed'; preview: ImportPreview }
  | { step: 'committed'; preview: ImportPreview; batch: BatchInfo };

/** How often a parsing import is asked again (ms): soon at first, then every second. */
const POLL_MS = [300, 500, 800, 1000] as const;

function stepOf(preview: ImportPreview): 'parsing' | 'ready' | 'failed' {
  return preview.status === 'parsing' ? 'parsing' : preview.status === 'failed' ? 'failed' : 'ready';
}

/**
 * One import at a time: upload → poll while the server reads (progress) → preview; PATCH to read
 * it again with another mapping or encoding; commit as one batch; discard. A failure of any call
 * is kept in `error` (an ApiError: problem+json) and leaves the last good state.
 */
export function useImportJob(api: ImportApi, lang: Lang) {
  const [state, setState] = useState<JobState>({ step: 'idle' });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const id = state.step === 'idle' || state.step === 'uploading' ? null : state.preview.id;
  const parsing = state.step === 'parsing';
  const langRef = useRef(lang);
  langRef.current = lang;

  const show = useCallback((preview: ImportPreview) => {
    setState({ step: stepOf(preview), preview });
  }, []);

  // Poll while the server reads the file (a large file is answered 202 at once).
  useEffect(() => {
    if (!parsing || id === null) return;
    const ctrl = new AbortController();
    let n = 0;
    let timer: ReturnType<typeof setTimeout>;
    const tick = () => {
      api
        .get(id, langRef.current, ctrl.signal)
        .then((p) => {
          if (ctrl.signal.aborted) return;
          show(p);
          if (p.status === 'parsing') timer = setTimeout(tick, POLL_MS[Math.min(++n, POLL_MS.length - 1)]);
        })
        .catch((err: unknown) => {
          if (!ctrl.signal.aborted) setError(err);
        });
    };
    timer = setTimeout(tick, POLL_MS[0]);
    return () => {
      ctrl.abort();
      clearTimeout(timer);
    };
  }, [api, id, parsing, show]);

  // Row messages come in the UI language: ask again when it changes (only then: the id and step
  // changes bring their own answer).
  // biome-ignore lint/correctness/useExhaustiveDependencies: see above
  useEffect(() => {
    if (id === null || parsing) return;
    const ctrl = new AbortController();
    api
      .get(id, lang, ctrl.signal)
      .then((p) => {
        if (!ctrl.signal.aborted)
          setState((s) => (s.step === 'ready' || s.step === 'failed' ? { step: stepOf(p), preview: p } : s));
      })
      .catch(() => undefined);
    return () => ctrl.abort();
  }, [lang]);

  const run = useCallback(async <T>(work: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setError(null);
    try {
      return await work();
    } catch (err) {
      setError(err);
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);

  const upload = useCallback(
    (target: { collection: string } | 'indicators', file: File, mediaType: string) => {
      setState({ step: 'uploading', fileName: file.name });
      return run(async () => {
        try {
          show(await api.upload(target, file, mediaType, langRef.current));
        } catch (err) {
          setState({ step: 'idle' });
          throw err;
        }
      });
    },
    [api, run, show],
  );

  const patch = useCallback(
    (body: ImportPatchBody) => {
      if (id === null) return Promise.resolve(undefined);
      return run(async () => show(await api.patch(id, body, langRef.current)));
    },
    [api, id, run, show],
  );

  const commit = useCallback(
    (body: ImportCommitBody) => {
      if (state.step !== 'ready') return Promise.resolve(undefined);
      const preview = state.preview;
      return run(async () => {
        const { batch } = await api.commit(preview.id, body);
        setState({ step: 'committed', preview, batch });
        return batch;
      });
    },
    [api, run, state],
  );

  /** Forgets the import (and tells the server, unless it was committed). */
  const reset = useCallback(() => {
    if (id !== null && state.step !== 'committed') void api.discard(id).catch(() => undefined);
    setState({ step: 'idle' });
    setError(null);
  }, [api, id, state.step]);

  return { state, error, busy, upload, patch, commit, reset };
}

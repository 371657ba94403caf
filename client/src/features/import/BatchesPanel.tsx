import { useCallback, useEffect, useState } from 'react';
import type { EditedSince } from '../../../../server/src/contract/batches';
import { ApiError } from '../../api/ApiError';
import { formatDateTime, formatNumber } from '../../lib/format';
import { useImportText } from './i18n/useImportText';
import type { BatchInfo, ImportApi } from './importApi';
import { importErrorText } from './importError';

interface Props {
  importApi: ImportApi;
  /** Layer and indicator names for the list. */
  collectionTitle: (id: string) => string;
  /** Admins may undo indicator batches too. */
  isAdmin: boolean;
  /** A revert changed this collection (null: indicator values). */
  onReverted: (collection: string | null) => void;
}

/**
 * "Import history": every batch newest first (who, when, file, counts, what undid what), each
 * undoable as a whole after a confirmation; a 409 lists the features edited since.
 */
export function BatchesPanel({ importApi, collectionTitle, isAdmin, onReverted }: Props) {
  const { t, lang } = useImportText();
  const [batches, setBatches] = useState<BatchInfo[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [asking, setAsking] = useState<number | null>(null);
  const [conflicts, setConflicts] = useState<{ batch: number; items: EditedSince[] } | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(
    (signal?: AbortSignal) =>
      importApi
        .batches(signal)
        .then((r) => setBatches(r.batches))
        .catch((err: unknown) => {
          if (!signal?.aborted) setError(err);
        }),
    [importApi],
  );
  useEffect(() => {
    const ctrl = new AbortController();
    void load(ctrl.signal);
    return () => ctrl.abort();
  }, [load]);

  const revert = async (b: BatchInfo) => {
    setBusy(true);
    setError(null);
    setConflicts(null);
    try {
      await importApi.revert(b.id);
      onReverted(b.collection);
      await load();
    } catch (err) {
      if (err instanceof ApiError && err.status === 409 && err.conflicts.length > 0)
        setConflicts({ batch: b.id, items: err.conflicts });
      else setError(err);
    } finally {
      setBusy(false);
      setAsking(null);
    }
  };

  if (batches === null && error === null) return <p role="status">{t('history.loading')}</p>;
  return (
    <section className="import-history" data-testid="import-history">
      {error !== null && (
        <p className="import-error" role="alert" data-testid="history-error">
          {importErrorText(error, t)}
        </p>
      )}
      {conflicts && (
        <div className="import-error" role="alert" data-testid="history-conflicts">
          <p>{t('history.conflicts', { batch: conflicts.batch })}</p>
          <ul>
            {conflicts.items.map((c) => (
              <li key={`${c.kind}:${c.collection}:${c.featureId}:${c.name}`}>
                {c.currentVersion === null
                  ? t('history.conflictDeleted', { name: c.name, id: c.featureId ?? '' })
                  : t('history.conflictEdited', {
                      name: c.name,
                      id: c.featureId ?? '',
                      expected: c.expectedVersion ?? '',
                      current: c.currentVersion,
                    })}
              </li>
            ))}
          </ul>
        </div>
      )}
      {batches?.length === 0 && <p>{t('history.empty')}</p>}
      <ul className="import-batches">
        {batches?.map((b) => {
          const undoable = b.revertedBy === null && (b.kind === 'features' || isAdmin);
          return (
            <li key={b.id} data-testid="batch" data-batch={b.id} data-reverted={b.revertedBy !== null}>
              <p className="import-batch-title">
                {t('history.batch', { id: b.id })}
                {' · '}
                {b.kind === 'indicators' ? t('history.indicators') : collectionTitle(b.collection ?? '')}
              </p>
              <p className="import-hint">
                {[b.fileName ?? t('history.noFile'), b.user, formatDateTime(b.at, lang)].join(' · ')}
              </p>
              <p>
                {t('history.counts', {
                  created: formatNumber(b.counts.created, lang),
                  updated: formatNumber(b.counts.updated, lang),
                  deleted: formatNumber(b.counts.deleted, lang),
                  indicators: formatNumber(b.counts.indicators, lang),
                })}
              </p>
              {b.reverts !== null && <p className="import-hint">{t('history.reverts', { id: b.reverts })}</p>}
              {b.revertedBy !== null && (
                <p className="import-hint">{t('history.revertedBy', { id: b.revertedBy })}</p>
              )}
              {undoable &&
                (asking === b.id ? (
                  <span className="import-confirm">
                    {t('history.confirm')}{' '}
                    <button
                      type="button"
                      disabled={busy}
                      data-testid="batch-revert-yes"
                      onClick={() => void revert(b)}
                    >
                      {t('history.revertYes')}
                    </button>
                    <button type="button" disabled={busy} onClick={() => setAsking(null)}>
                      {t('history.revertNo')}
                    </button>
                  </span>
                ) : (
                  <button type="button" data-testid="batch-revert" onClick={() => setAsking(b.id)}>
                    {t('history.revert')}
                  </button>
                ))}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

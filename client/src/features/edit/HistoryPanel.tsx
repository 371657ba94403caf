import { useCallback, useEffect, useState } from 'react';
import type { ApiClient, HistoryEntry, Versioned } from '../../api/client';
import { ConfirmButton } from './ConfirmButton';
import { DiffTable } from './diff/DiffTable';
import { diffFeatures } from './diff/diff.model';
import type { FieldDef } from './form/form.model';
import { formatDateTime, useEditText } from './i18n/useEditText';
import { writeErrorMessage } from './writeErrorMessage';

interface Props {
  api: ApiClient;
  collection: string;
  featureId: number;
  featureName: string;
  fields: FieldDef[];
  /** Bumped by the parent after each save so the list reloads. */
  refreshKey: number;
  onReverted: (result: Versioned) => void;
}

/** Versions of one feature (who, when, what), a diff per version, and "revert to this version". */
export function HistoryPanel({
  api,
  collection,
  featureId,
  featureName,
  fields,
  refreshKey,
  onReverted,
}: Props) {
  const { t, lang } = useEditText();
  const [entries, setEntries] = useState<HistoryEntry[] | null>(null);
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(
    (signal?: AbortSignal) => {
      api
        .history(collection, featureId, signal)
        .then(setEntries)
        .catch((err: unknown) => {
          if (signal?.aborted) return;
          const m = writeErrorMessage(err);
          setMessage({ text: t(m.key, m.params), error: true });
          setEntries([]);
        });
    },
    [api, collection, featureId, t],
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: refreshKey is the parent's "reload" signal.
  useEffect(() => {
    const ctrl = new AbortController();
    load(ctrl.signal);
    return () => ctrl.abort();
  }, [load, refreshKey]);

  const revert = async (version: number) => {
    setBusy(true);
    setMessage(null);
    try {
      // The revert is conditional on the version we see now.
      const current = await api.getFeatureWithEtag(collection, featureId);
      const result = await api.revert(collection, featureId, version, current.etag);
      const newVersion = result.etag.replace(/\D/g, '') || '?';
      setMessage({ text: t('history.reverted', { version, newVersion }), error: false });
      onReverted(result);
      load();
    } catch (err) {
      const m = writeErrorMessage(err);
      setMessage({ text: t(m.key, m.params), error: true });
      load();
    } finally {
      setBusy(false);
    }
  };

  const toggle = (v: number) =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (next.has(v)) next.delete(v);
      else next.add(v);
      return next;
    });

  return (
    <section
      className="history-panel"
      data-testid="history-panel"
      aria-label={t('history.title', { name: featureName })}
    >
      <h3>{t('history.title', { name: featureName })}</h3>
      {message && (
        <p role={message.error ? 'alert' : 'status'} className={message.error ? 'edit-error' : undefined}>
          {message.text}
        </p>
      )}
      {entries === null && <p>{t('editor.loading')}</p>}
      {entries?.length === 0 && <p>{t('history.empty')}</p>}
      <ol className="history-list">
        {entries?.map((e, i) => (
          <li key={e.version} data-testid={`history-entry-${e.version}`}>
            <p>
              <strong>{t('history.version', { version: e.version })}</strong>
              {i === 0 && ` (${t('history.current')})`} — {t(`history.op.${e.operation}`)}
            </p>
            <p className="muted">{t('history.by', { user: e.user, at: formatDateTime(e.at, lang) })}</p>
            <button type="button" aria-expanded={open.has(e.version)} onClick={() => toggle(e.version)}>
              {open.has(e.version) ? t('history.hideDiff') : t('history.showDiff')}
            </button>
            {open.has(e.version) && (
              <DiffTable
                rows={diffFeatures(e.before, e.after)}
                fields={fields}
                testId={`history-diff-${e.version}`}
              />
            )}
            {i > 0 && e.after !== null && (
              <ConfirmButton
                label={t('history.revert')}
                question={t('history.confirmRevert', { version: e.version })}
                disabled={busy}
                testId={`history-revert-${e.version}`}
                onConfirm={() => void revert(e.version)}
              />
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

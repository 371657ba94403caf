import { useCallback, useEffect, useState } from 'react';
import type { ApiClient, DeletedFeature, Versioned } from '../../api/client';
import { formatDateTime, useEditText } from './i18n/useEditText';
import { writeErrorMessage } from './writeErrorMessage';

interface Props {
  api: ApiClient;
  collection: string;
  onRestored: (result: Versioned) => void;
}

/** Admin only: the deleted features of a collection, each with "Restore". */
export function DeletedPanel({ api, collection, onRestored }: Props) {
  const { t, lang } = useEditText();
  const [list, setList] = useState<DeletedFeature[] | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(
    (signal?: AbortSignal) => {
      api
        .listDeleted(collection, signal)
        .then(setList)
        .catch((err: unknown) => {
          if (signal?.aborted) return;
          const m = writeErrorMessage(err);
          setMessage({ text: t(m.key, m.params), error: true });
          setList([]);
        });
    },
    [api, collection, t],
  );
  useEffect(() => {
    const ctrl = new AbortController();
    load(ctrl.signal);
    return () => ctrl.abort();
  }, [load]);

  const restore = async (f: DeletedFeature) => {
    setBusy(true);
    setMessage(null);
    try {
      const result = await api.restore(collection, f.id);
      setMessage({ text: t('history.restored', { name: f.name }), error: false });
      onRestored(result);
    } catch (err) {
      const m = writeErrorMessage(err);
      setMessage({ text: t(m.key, m.params), error: true });
    } finally {
      setBusy(false);
      load();
    }
  };

  return (
    <section className="deleted-panel" data-testid="deleted-panel">
      <h3>{t('history.deletedTitle')}</h3>
      {message && (
        <p role={message.error ? 'alert' : 'status'} className={message.error ? 'edit-error' : undefined}>
          {message.text}
        </p>
      )}
      {list === null && <p>{t('editor.loading')}</p>}
      {list?.length === 0 && <p>{t('history.noDeleted')}</p>}
      <ul>
        {list?.map((f) => (
          <li key={f.id} data-testid={`deleted-${f.id}`}>
            <span>{f.name}</span>{' '}
            <span className="muted">
              {t('history.deletedBy', { user: f.deletedBy, at: formatDateTime(f.deletedAt, lang) })}
            </span>{' '}
            <button
              type="button"
              disabled={busy}
              onClick={() => void restore(f)}
              data-testid={`restore-${f.id}`}
            >
              {t('history.restore')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

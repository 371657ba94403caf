import { useEffect, useState } from 'react';
import type { ApiClient, ChangeEntry } from '../../api/client';
import { formatDateTime, useEditText } from './i18n/useEditText';
import type { EditorCollection } from './useEditableCollections';
import { writeErrorMessage } from './writeErrorMessage';

interface Props {
  api: ApiClient;
  /** The catalog's collections: a change names its collection by title. */
  collections: readonly EditorCollection[];
  /** Bumped by the parent after each change so the list reloads. */
  refreshKey: number;
}

/** How many recent changes the panel shows. */
const LIMIT = 20;

/** Admin only: the latest changes across all collections (who, when, what, which feature). */
export function ChangeLogPanel({ api, collections, refreshKey }: Props) {
  const { t, lang } = useEditText();
  // The collection's title in the UI language (the catalog's), never its id.
  const titleOf = (id: string) => collections.find((c) => c.id === id)?.title[lang] ?? id;
  const [list, setList] = useState<ChangeEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: refreshKey is the parent's "reload" signal.
  useEffect(() => {
    const ctrl = new AbortController();
    api.changes(LIMIT, 0, ctrl.signal).then(
      (changes) => {
        setList(changes);
        setError(null);
      },
      (err: unknown) => {
        if (ctrl.signal.aborted) return;
        const m = writeErrorMessage(err);
        setError(t(m.key, m.params));
        setList([]);
      },
    );
    return () => ctrl.abort();
  }, [api, refreshKey, t]);

  return (
    <section className="changes-panel" data-testid="changes-panel" aria-labelledby="changes-title">
      <h3 id="changes-title">{t('changes.title')}</h3>
      {error && (
        <p role="alert" className="edit-error">
          {error}
        </p>
      )}
      {list === null && <p>{t('editor.loading')}</p>}
      {list?.length === 0 && !error && <p>{t('changes.empty')}</p>}
      <ol className="changes-list">
        {list?.map((c) => (
          <li key={`${c.collection}/${c.featureId}/${c.version}`} data-testid="change-entry">
            <span className="change-name">{c.name || `#${c.featureId}`}</span>{' '}
            <span className="muted">
              {t('changes.entry', {
                collection: titleOf(c.collection),
                version: c.version,
                operation: t(`history.op.${c.operation}`),
                user: c.user,
                at: formatDateTime(c.at, lang),
              })}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}

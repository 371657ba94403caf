import { useId, useRef } from 'react';
import type { ApiFeature } from '../../../../server/src/contract/api';
import { useModalDialog } from '../dialog/useModalDialog';
import {
  type ConflictRow,
  conflictRows,
  displayValue,
  type FeatureSide,
  geometrySummary,
} from './diff/diff.model';
import type { FieldDef } from './form/form.model';
import { useEditText } from './i18n/useEditText';

interface Props {
  /** The version the editor started from (null for a feature that did not exist). */
  base: FeatureSide | null;
  /** The server's current feature from the 412 answer (undefined if the server sent none). */
  server: ApiFeature | undefined;
  serverVersion: number | undefined;
  /** What the editor wanted to save. */
  mine: FeatureSide;
  fields: FieldDef[];
  busy: boolean;
  onReload: () => void;
  onReapply: () => void;
  onCancel: () => void;
}

/**
 * Shown on 412: what changed on the server since the editor opened the feature, next to the
 * editor's own changes, with "reload the server version" and "re-apply my changes on top".
 */
export function ConflictDialog({
  base,
  server,
  serverVersion,
  mine,
  fields,
  busy,
  onReload,
  onReapply,
  onCancel,
}: Props) {
  const { t, lang } = useEditText();
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  useModalDialog(ref);
  const rows: ConflictRow[] = server ? conflictRows(base, server, mine) : [];
  const words = { yes: t('form.yes'), no: t('form.no') };
  const byName = new Map(fields.map((f) => [f.name, f]));
  const show = (field: string, v: unknown) =>
    field === 'geometry' ? geometrySummary(v, lang) : displayValue(byName.get(field), v, lang, words);
  const mark = (changed: boolean) => (changed ? ` (${t('conflict.changed')})` : '');
  return (
    <dialog
      ref={ref}
      className="edit-dialog conflict-dialog"
      aria-labelledby={`${id}-title`}
      data-testid="conflict-dialog"
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      <h2 id={`${id}-title`}>{t('conflict.title')}</h2>
      {server ? (
        <p>{t('conflict.intro', { version: serverVersion ?? '?' })}</p>
      ) : (
        <p role="alert">{t('conflict.deleted')}</p>
      )}
      {rows.length > 0 && (
        <table className="diff-table" data-testid="conflict-table">
          <thead>
            <tr>
              <th scope="col">{t('conflict.field')}</th>
              <th scope="col">{t('conflict.base')}</th>
              <th scope="col">{t('conflict.server')}</th>
              <th scope="col">{t('conflict.mine')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.field} data-field={r.field} className={r.clash ? 'clash' : undefined}>
                <th scope="row">
                  {r.field === 'geometry'
                    ? t('diff.geometry')
                    : (byName.get(r.field)?.label[lang] ?? r.field)}
                  {r.clash && <span className="clash-note"> — {t('conflict.clash')}</span>}
                </th>
                <td>{show(r.field, r.base)}</td>
                <td>
                  {show(r.field, r.server)}
                  {mark(r.serverChanged)}
                </td>
                <td>
                  {show(r.field, r.mine)}
                  {mark(r.mineChanged)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="actions">
        <button type="button" disabled={busy || !server} onClick={onReload} data-testid="conflict-reload">
          {t('conflict.reload')}
        </button>
        <button type="button" disabled={busy || !server} onClick={onReapply} data-testid="conflict-reapply">
          {t('conflict.reapply')}
        </button>
        <button type="button" disabled={busy} onClick={onCancel} data-testid="conflict-cancel">
          {t('conflict.cancel')}
        </button>
      </div>
    </dialog>
  );
}

import './edit.css';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useRef, useState } from 'react';
import type { ApiFeature } from '../../../../server/src/contract/api';
import type { ApiClient, SessionUser, Versioned } from '../../api/client';
import { featureLabel } from '../../lib/featureLabel';
import { ChangeLogPanel } from './ChangeLogPanel';
import { CollectionToolbar } from './CollectionToolbar';
import { ConfirmButton } from './ConfirmButton';
import { ConflictDialog } from './ConflictDialog';
import { DeletedPanel } from './DeletedPanel';
import { DiscardDialog } from './DiscardDialog';
import type { NotDrawableReason } from './draw/drawable';
import { TerraDrawController } from './draw/terra-draw.controller';
import { AttributeForm } from './form/AttributeForm';
import { isDraftDirty } from './form/dirty.model';
import { HistoryPanel } from './HistoryPanel';
import { useEditText } from './i18n/useEditText';
import { ProblemBox } from './ProblemBox';
import { useDiscardGuard } from './useDiscardGuard';
import { type EditorCollection, useEditableCollections } from './useEditableCollections';
import { useFeatureDraft } from './useFeatureDraft';
import { useFocusFirstInvalid } from './useFocusFirstInvalid';
import { usePickToEdit } from './usePickToEdit';
import { useSaveFlow } from './useSaveFlow';
import { writeErrorMessage } from './writeErrorMessage';

export interface EditorPanelProps {
  /** The map MapView owns; the editor only adds and removes its drawing layers. */
  map: MapLibreMap;
  api: ApiClient;
  /** The catalog's collections (which are editable, their titles and geometry types). */
  collections: readonly EditorCollection[];
  user: SessionUser;
  /** The feature the user picked on the map (or in a list), to edit. */
  selected?: { collection: string; id: number };
  /** After a create, save, revert, restore or delete: the host refreshes its layer data. */
  onDataChanged: (change: { collection: string; id: number; feature: ApiFeature | null }) => void;
  /** A write answered 401: the host shows the login entry again. */
  onSessionExpired: () => void;
  onClose: () => void;
  /** Whether the draft has unsaved changes (false again on unmount): the host guards leaving. */
  onDirtyChange?: (dirty: boolean) => void;
  /** Whether a new feature is being drawn (map clicks are then drawing input, not picks). */
  onDrawingChange?: (drawing: boolean) => void;
  /** The user kept the draft instead of opening a new pick: the host selects the draft's feature again. */
  onKeepDraft?: (ref: { collection: string; id: number }) => void;
}

/**
 * Edit mode: pick an editable collection, draw a new point/polygon or edit the selected feature's
 * geometry and attributes, save (POST/PATCH/PUT with If-Match), delete with confirmation, see
 * its history; 412 opens the conflict dialog. Lazy-loaded (default export).
 */
export default function EditorPanel(props: EditorPanelProps) {
  const {
    map,
    api,
    collections,
    user,
    selected,
    onDataChanged,
    onSessionExpired,
    onClose,
    onDirtyChange,
    onDrawingChange,
    onKeepDraft,
  } = props;
  const { t, lang } = useEditText();
  const editable = useEditableCollections(api, collections, lang);
  const [collection, setCollection] = useState<string | undefined>(undefined);
  const active = collection ?? editable.list[0]?.id ?? '';
  const draft = useFeatureDraft(api, active);
  const [drawNote, setDrawNote] = useState<NotDrawableReason | undefined>(undefined);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [historyKey, setHistoryKey] = useState(0);
  const [showHistory, setShowHistory] = useState(false);
  const controllerRef = useRef<TerraDrawController | null>(null);
  const setGeometry = draft.setGeometry;
  const dirty = isDraftDirty(draft);
  const discard = useDiscardGuard(dirty);

  useEffect(() => onDirtyChange?.(dirty), [dirty, onDirtyChange]);
  useEffect(() => () => onDirtyChange?.(false), [onDirtyChange]);
  const drawing = draft.target.kind === 'new';
  useEffect(() => onDrawingChange?.(drawing), [drawing, onDrawingChange]);
  useEffect(() => () => onDrawingChange?.(false), [onDrawingChange]);

  useEffect(() => {
    const c = new TerraDrawController(map, { onGeometry: (g) => setGeometry(g) });
    controllerRef.current = c;
    c.start();
    return () => {
      c.stop();
      controllerRef.current = null;
    };
  }, [map, setGeometry]);

  const changed = (result: Versioned) => {
    setHistoryKey((k) => k + 1);
    onDataChanged({ collection: active, id: result.feature.id, feature: result.feature });
  };
  const labelProperty = collections.find((c) => c.id === active)?.label ?? 'name';
  const nameOf = (f: ApiFeature) => featureLabel(f, 'vi', labelProperty);
  const flow = useSaveFlow(api, active, draft, {
    nameOf,
    onSaved: changed,
    onDeleted: (id) => {
      controllerRef.current?.clear();
      setHistoryKey((k) => k + 1);
      onDataChanged({ collection: active, id, feature: null });
    },
    onSessionExpired,
  });

  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(formRef, flow.invalidSeq);

  const open = (feature: ApiFeature, etag: string) => {
    flow.clearNotice();
    draft.startExisting(feature, etag);
    const r = controllerRef.current?.load(feature.geometry);
    setDrawNote(r && !r.valid ? r.reason : undefined);
  };

  const pick = usePickToEdit({
    api,
    selected,
    editable: editable.list,
    active,
    setCollection,
    draft,
    dirty,
    discard,
    open,
    onLoadError: (err) => {
      if (err === null) return setLoadError(null);
      const m = writeErrorMessage(err);
      setLoadError(t(m.key, m.params));
    },
    onKeepDraft,
  });

  // After a save the map shows the stored geometry again (rounded as the server keeps it).
  useEffect(() => {
    if (draft.target.kind === 'existing') {
      const r = controllerRef.current?.load(draft.target.base.geometry);
      setDrawNote(r && !r.valid ? r.reason : undefined);
    }
  }, [draft.target]);

  const startNew = (shape: 'point' | 'polygon') => {
    flow.clearNotice();
    setDrawNote(undefined);
    pick.cancelLoad();
    draft.startNew(shape);
    controllerRef.current?.drawNew(shape);
  };
  const cancel = () => {
    flow.clearNotice();
    if (draft.target.kind === 'existing') open(draft.target.base, draft.target.etag);
    else {
      draft.reset();
      controllerRef.current?.clear();
    }
  };

  const target = draft.target;
  const name = target.kind === 'existing' ? nameOf(target.base) : '#';
  const activeLabel = editable.list.find((c) => c.id === active)?.label ?? active;
  const fieldNames = new Set(draft.fields.map((f) => f.name));
  const otherProblems = Object.entries(draft.serverErrors)
    .filter(([name]) => name !== 'geometry' && !fieldNames.has(name))
    .flatMap(([, list]) => list);
  const noticeText = (n: NonNullable<typeof flow.notice>): string => {
    if (n.key !== 'editor.savedDistrictSet') return t(n.key, n.params);
    const code = String(n.params?.district ?? '');
    const option = draft.fields.find((f) => f.fromLocation)?.options?.find((o) => o.value === code);
    return t(n.key, { ...n.params, district: option ? `${option.title[lang]} (${code})` : code });
  };

  return (
    <section className="editor-panel" data-testid="editor-panel" aria-labelledby="editor-title">
      <header className="editor-head">
        <h2 id="editor-title">{t('editor.title')}</h2>
        <button type="button" onClick={onClose} data-testid="editor-close">
          {t('editor.close')}
        </button>
      </header>
      {editable.status === 'loading' && <p role="status">{t('editor.loading')}</p>}
      {editable.status === 'ready' && editable.list.length === 0 && <p>{t('editor.noEditable')}</p>}
      {editable.list.length > 0 && (
        <CollectionToolbar
          collections={editable.list}
          active={active}
          disabled={flow.busy}
          onCollection={(id) =>
            discard.guard(() => {
              setCollection(id);
              controllerRef.current?.clear();
            })
          }
          onNew={(shape) => discard.guard(() => startNew(shape))}
        />
      )}
      {loadError && (
        <p role="alert" className="edit-error">
          {loadError}
        </p>
      )}
      {target.kind === 'none' && editable.list.length > 0 && <p className="muted">{t('editor.pickHint')}</p>}
      {target.kind !== 'none' && (
        <form
          ref={formRef}
          className="editor-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void flow.save();
          }}
        >
          <h3 data-testid="editor-target">
            {target.kind === 'new'
              ? t('editor.newFeature', { collection: activeLabel })
              : t('editor.editing', { name })}
          </h3>
          <p className="muted" data-testid="editor-draw-hint">
            {drawNote
              ? t(`editor.notDrawable.${drawNote}`)
              : target.kind === 'new' && !draft.geometry
                ? t(`editor.drawHint.${target.shape}`)
                : t('editor.editHint')}
          </p>
          <ProblemBox
            problems={draft.serverErrors.geometry ?? []}
            heading={t('editor.geometryErrors')}
            testId="field-error-geometry"
          />
          <ProblemBox problems={otherProblems} heading={t('editor.otherErrors')} testId="field-error-other" />
          <AttributeForm
            fields={draft.fields}
            values={draft.values}
            issues={draft.issues}
            serverErrors={draft.serverErrors}
            showAllIssues={flow.attempted}
            onChange={draft.setValue}
          />
          {flow.notice && (
            <p
              role={flow.notice.error ? 'alert' : 'status'}
              className={flow.notice.error ? 'edit-error' : 'edit-ok'}
              data-testid="editor-notice"
            >
              {noticeText(flow.notice)}
            </p>
          )}
          <div className="actions">
            <button type="submit" disabled={flow.busy} data-testid="editor-save">
              {flow.busy ? t('editor.saving') : t('editor.save')}
            </button>
            <button type="button" disabled={flow.busy} onClick={cancel} data-testid="editor-cancel">
              {t('editor.cancel')}
            </button>
            {target.kind === 'existing' && (
              <>
                <ConfirmButton
                  label={t('editor.delete')}
                  question={t('editor.confirmDelete', { name })}
                  disabled={flow.busy}
                  testId="editor-delete"
                  onConfirm={() => void flow.remove()}
                />
                <button
                  type="button"
                  aria-expanded={showHistory}
                  onClick={() => setShowHistory((s) => !s)}
                  data-testid="editor-history"
                >
                  {t('editor.history')}
                </button>
              </>
            )}
          </div>
        </form>
      )}
      {flow.notice && target.kind === 'none' && (
        <p role="status" data-testid="editor-notice">
          {t(flow.notice.key, flow.notice.params)}
        </p>
      )}
      {showHistory && target.kind === 'existing' && (
        <HistoryPanel
          api={api}
          collection={active}
          featureId={target.id}
          featureName={name}
          fields={draft.fields}
          refreshKey={historyKey}
          onReverted={(r) => {
            // The history panel says "Reverted to version …"; an older "Saved (version N)" would now be wrong.
            flow.clearNotice();
            draft.startExisting(r.feature, r.etag);
            changed(r);
          }}
        />
      )}
      {user.role === 'admin' && active !== '' && (
        <DeletedPanel api={api} collection={active} onRestored={changed} key={`${active}-${historyKey}`} />
      )}
      {user.role === 'admin' && (
        <ChangeLogPanel api={api} collections={collections} refreshKey={historyKey} />
      )}
      {discard.asking && <DiscardDialog onKeep={discard.keep} onDiscard={discard.discard} />}
      {flow.conflict && (
        <ConflictDialog
          base={target.kind === 'existing' ? target.base : null}
          server={flow.conflict.server}
          serverVersion={flow.conflict.serverVersion}
          mine={draft.mine}
          fields={draft.fields}
          busy={flow.busy}
          onReload={() => void flow.reloadServerVersion()}
          onReapply={() => void flow.reapplyMine()}
          onCancel={flow.dismissConflict}
        />
      )}
    </section>
  );
}

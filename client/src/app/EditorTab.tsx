import { lazy, Suspense } from 'react';
import type { ApiFeature } from '../../../server/src/contract/api';
import type { ApiClient } from '../api/client';
import type { Catalog } from '../catalog/catalog';
import { useI18n } from '../i18n/I18n';
import type { FeatureRef } from '../lib/urlState';
import type { StaffEditing } from './useStaffEditing';

// terra-draw, the forms and the editor's strings load only when edit mode first opens.
const EditorPanel = lazy(() => import('../features/edit/EditorPanel'));

interface Props {
  staff: StaffEditing;
  editApi: ApiClient;
  /** The collections the editor offers (the catalog's editable ones) and names. */
  catalog: Catalog;
  /** The host's selection (map clicks while editing land here). */
  selected: FeatureRef | undefined;
  onDataChanged: (change: { collection: string; id: number; feature: ApiFeature | null }) => void;
  onClose: () => void;
  /** "Keep editing" after a pick: select the draft's feature again. */
  onKeepDraft: (ref: FeatureRef) => void;
}

/** The side panel's edit tab: the lazily loaded editor, once the map and a staff user exist. */
export function EditorTab({ staff, editApi, catalog, selected, onDataChanged, onClose, onKeepDraft }: Props) {
  const { t } = useI18n();
  const { map } = staff;
  const user = staff.editorUser;
  if (!staff.editorOpen || !map || !user) return null;
  return (
    <Suspense
      fallback={
        <p role="status" data-testid="editor-loading">
          {t('editor.loading')}
        </p>
      }
    >
      <EditorPanel
        map={map}
        api={editApi}
        collections={catalog.collections}
        user={user}
        selected={selected}
        onDataChanged={onDataChanged}
        onSessionExpired={staff.sessionExpired}
        onClose={() => staff.leaveGuard.guard(onClose)}
        onDirtyChange={staff.onDraftDirty}
        onDrawingChange={staff.onDrawing}
        onKeepDraft={onKeepDraft}
      />
    </Suspense>
  );
}

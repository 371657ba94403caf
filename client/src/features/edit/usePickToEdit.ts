import { useEffect, useRef, useState } from 'react';
import type { ApiFeature } from '../../../../server/src/contract/api';
import type { ApiClient } from '../../api/client';
import type { DiscardGuard } from './useDiscardGuard';
import type { EditableCollection } from './useEditableCollections';
import type { Draft } from './useFeatureDraft';

interface Options {
  api: ApiClient;
  /** The host's selection: a map click, search or list pick. */
  selected: { collection: string; id: number } | undefined;
  editable: EditableCollection[];
  /** The collection the editor shows now, and how to switch it (a pick in another one). */
  active: string;
  setCollection: (id: string) => void;
  draft: Draft;
  /** The draft has unsaved changes: a pick asks "Discard unsaved changes?" first. */
  dirty: boolean;
  discard: DiscardGuard;
  /** Opens the loaded feature in the form and on the map. */
  open: (feature: ApiFeature, etag: string) => void;
  /** null when a load starts, the error when it failed. */
  onLoadError: (err: unknown) => void;
  /** "Keep editing": the host selects the draft's feature again. */
  onKeepDraft?: (ref: { collection: string; id: number }) => void;
}

/**
 * Loads the feature picked on the map (once per pick) into the editor. While a new feature is
 * drawn picks are ignored (map clicks are drawing input); with unsaved changes a pick waits for
 * the user's answer: "keep" leaves the draft (and re-selects its feature), "discard" loads the
 * pick. Returns `cancelLoad`, which makes a load still in flight land nowhere.
 */
export function usePickToEdit(o: Options): { cancelLoad: () => void } {
  const { selected, draft, active } = o;
  const selectedKey = selected ? `${selected.collection}/${selected.id}` : '';
  const handledPick = useRef('');
  // A pick the user agreed to open although the draft had unsaved changes.
  const approvedPick = useRef('');
  const [pickAnswer, setPickAnswer] = useState(0);
  const loadSeq = useRef(0);

  const keepDraft = () => {
    const t = draft.target;
    const current = t.kind === 'existing' ? { collection: active, id: t.id } : undefined;
    handledPick.current = current ? `${current.collection}/${current.id}` : selectedKey;
    if (current) o.onKeepDraft?.(current);
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: reacts to a new pick (selectedKey, or the answer to "discard?") once the collection's schema is ready.
  useEffect(() => {
    if (!selected || selectedKey === handledPick.current || draft.target.kind === 'new') return;
    if (!o.editable.some((c) => c.id === selected.collection)) return;
    if (o.dirty && approvedPick.current !== selectedKey) {
      const key = selectedKey;
      if (!o.discard.asking) {
        o.discard.guard(() => {
          approvedPick.current = key;
          setPickAnswer((n) => n + 1);
        }, keepDraft);
      }
      return;
    }
    if (selected.collection !== active) {
      o.setCollection(selected.collection);
      return;
    }
    // Wait for the picked collection's own schema (not the one shown before the switch).
    if (draft.fieldsCollection !== selected.collection || draft.fields.length === 0) return;
    handledPick.current = selectedKey;
    const seq = ++loadSeq.current;
    o.onLoadError(null);
    o.api
      .getFeatureWithEtag(selected.collection, selected.id)
      .then((v) => {
        if (seq === loadSeq.current) o.open(v.feature, v.etag);
      })
      .catch((err: unknown) => {
        if (seq === loadSeq.current) o.onLoadError(err);
      });
  }, [selectedKey, active, draft.fields, draft.fieldsCollection, o.editable, pickAnswer]);

  return {
    cancelLoad: () => {
      loadSeq.current++;
    },
  };
}

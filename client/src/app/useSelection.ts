import { type Dispatch, useCallback } from 'react';
import type { Catalog } from '../catalog/catalog';
import { refKey } from '../lib/featureLabel';
import { geometryBbox } from '../lib/geometry';
import type { FeatureRef } from '../lib/urlState';
import type { MapClick } from '../map/MapView';
import type { IndexedFeature } from './derive';
import type { Action } from './state';

interface Options {
  catalog: Catalog;
  index: ReadonlyMap<string, IndexedFeature>;
  dispatch: Dispatch<Action>;
  /** The editor is open: picks of editable features go to it. */
  editing: boolean;
  /** A new feature is being drawn: map clicks are drawing input. */
  drawing: boolean;
  /** A pick outside the editor shows the panel (the phone's sheet opens). */
  onShowPanel: () => void;
  /** Several features near a click: offer them ("N features here"). */
  onChooser: (click: ChooserClick) => void;
}

/** A click offering a choice: with, for stacked tiled features, how many are here and whether some are not listed. */
export type ChooserClick = MapClick & { total?: number; more?: boolean };

/**
 * What picking a feature does: outside edit mode it opens its details; while editing, a feature
 * of an editable collection opens in the editor (the edit tab stays in front) and one of another
 * collection (e.g. the areas under a polygon being drawn) picks nothing. From search or the list
 * the camera also goes to it.
 */
export function useSelection(o: Options) {
  const { catalog, dispatch, editing, onShowPanel } = o;
  const select = useCallback(
    (ref: FeatureRef) => {
      dispatch({ type: 'select', ref });
      onShowPanel();
    },
    [dispatch, onShowPanel],
  );
  const selectForEdit = useCallback(
    (ref: FeatureRef) => {
      if (catalog.editable.has(ref.collection)) dispatch({ type: 'select', ref, tab: 'edit' });
    },
    [catalog, dispatch],
  );
  const pick = editing ? selectForEdit : select;
  const onMapClick = (click: ChooserClick): void => {
    if (o.drawing) return;
    const refs = editing ? click.refs.filter((r) => catalog.editable.has(r.collection)) : click.refs;
    // While editing, what the server counted may include features that cannot be picked.
    const counted = refs.length === click.refs.length ? click : { ...click, total: undefined, more: false };
    if (refs.length > 1) o.onChooser({ ...counted, refs });
    else if (refs[0]) pick(refs[0]);
  };
  const zoomTo = (ref: FeatureRef, zoom = 12): void => {
    const hit = o.index.get(refKey(ref.collection, ref.id));
    const b = hit ? geometryBbox(hit.feature.geometry) : undefined;
    if (!b) return;
    if (b[0] === b[2] && b[1] === b[3]) {
      dispatch({ type: 'moveTo', request: { kind: 'fly', center: [b[0], b[1]], zoom } });
    } else {
      dispatch({ type: 'moveTo', request: { kind: 'fit', bbox: b } });
    }
  };
  const chooseAndZoom = (ref: FeatureRef): void => {
    if (editing && catalog.editable.has(ref.collection)) selectForEdit(ref);
    else select(ref);
    zoomTo(ref);
  };
  return { pick, selectForEdit, onMapClick, zoomTo, chooseAndZoom };
}

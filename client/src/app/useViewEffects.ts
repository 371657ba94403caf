import type { BBox } from 'geojson';
import { type RefObject, useEffect, useRef } from 'react';
import { refKey } from '../lib/featureLabel';
import type { FeatureRef } from '../lib/urlState';
import { isNarrow } from './useMapPadding';

interface Options {
  selected: FeatureRef | undefined;
  /** The page opened with a link that names a view (that view wins over automatic moves). */
  hasLinkView: boolean;
  /** The area an applied area filter chose (e.g. a district), as a key that changes with it. */
  area: string | undefined;
  areaBbox: () => BBox | undefined;
  detailsShown: boolean;
  panel: RefObject<HTMLElement | null>;
  zoomTo: (ref: FeatureRef, zoom?: number) => void;
  fitTo: (bbox: BBox) => void;
}

/**
 * Camera and scroll moves that follow the state: a link to a feature opened on a phone brings the
 * feature above the bottom sheet; an area filter zooms to its area, e.g. the district of a district
 * filter (not the area of a link that names a view); a newly selected feature's details start at
 * the top.
 */
export function useViewEffects(o: Options): void {
  const optionsRef = useRef(o);
  optionsRef.current = o;
  useEffect(() => {
    const { selected, zoomTo } = optionsRef.current;
    if (selected && isNarrow()) zoomTo(selected, 12);
  }, []);

  const first = useRef(true);
  useEffect(() => {
    const initial = first.current;
    first.current = false;
    const { areaBbox, hasLinkView, fitTo } = optionsRef.current;
    const b = o.area ? areaBbox() : undefined;
    if (b && !(initial && hasLinkView)) fitTo(b);
  }, [o.area]);

  const selectedKey = o.selected ? refKey(o.selected.collection, o.selected.id) : '';
  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll when the selection or the tab changes.
  useEffect(() => {
    const panel = optionsRef.current.panel.current;
    if (o.detailsShown && panel) panel.scrollTop = 0;
  }, [selectedKey, o.detailsShown]);
}

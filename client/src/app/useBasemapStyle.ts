import type { StyleSpecification } from 'maplibre-gl';
import { useEffect, useMemo, useState } from 'react';
import type { BasemapId } from '../lib/urlState';
import { asCustomBasemap, offlineBasemap, osmBasemap } from '../map/basemap/basemaps';

/**
 * The basemap style for the chosen id. The custom style is fetched from the deployment's URL
 * only when chosen; while loading, or if it fails or is invalid, the offline basemap is used
 * (`frameSource`: the frame collection's source, see offlineBasemap).
 */
export function useBasemapStyle(
  id: BasemapId,
  customUrl: string | null,
  frameSource: string | undefined,
): StyleSpecification {
  const [custom, setCustom] = useState<StyleSpecification | undefined>(undefined);
  const wantCustom = id === 'custom' && customUrl !== null;
  useEffect(() => {
    if (!wantCustom || !customUrl) return;
    const abort = new AbortController();
    fetch(customUrl, { signal: abort.signal })
      .then((r) => (r.ok ? r.json() : undefined))
      .then((json: unknown) => setCustom(asCustomBasemap(json)))
      .catch(() => {
        if (!abort.signal.aborted) setCustom(undefined);
      });
    return () => abort.abort();
  }, [wantCustom, customUrl]);
  return useMemo(() => {
    if (id === 'osm') return osmBasemap();
    if (wantCustom && custom) return custom;
    return offlineBasemap(frameSource);
  }, [id, wantCustom, custom, frameSource]);
}

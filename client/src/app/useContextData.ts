import type { FeatureCollection } from 'geojson';
import { useEffect, useState } from 'react';
import contextUrl from '../../../geodata/context.geojson?url';

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

/**
 * The country context of the offline basemap (geodata/context.geojson, built by
 * `npm run geodata:build` from Natural Earth and our province outline): a static file that Vite
 * ships with the client, fetched from our own server once. Empty while loading or if it fails
 * (the map then simply has no neighbours drawn).
 */
export function useContextData(): FeatureCollection {
  const [data, setData] = useState<FeatureCollection>(EMPTY);
  useEffect(() => {
    const abort = new AbortController();
    fetch(contextUrl, { signal: abort.signal })
      .then((r) => (r.ok ? (r.json() as Promise<FeatureCollection>) : EMPTY))
      .then((fc) => setData(fc.type === 'FeatureCollection' ? fc : EMPTY))
      .catch(() => undefined);
    return () => abort.abort();
  }, []);
  return data;
}

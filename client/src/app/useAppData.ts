import type { FeatureCollection } from 'geojson';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import contextUrl from '../../../geodata/context.geojson?url';
import type { ApiFeature, IndicatorMeta } from '../../../server/src/contract/api';
import { ApiError } from '../api/ApiError';
import type { ApiClient } from '../api/client';
import type { PropertySchema } from '../api/schema';

export const COLLECTION_IDS = [
  'province',
  'districts',
  'industrial-clusters',
  'craft-villages',
  'facilities',
  'landmarks',
] as const;
export type CollectionId = (typeof COLLECTION_IDS)[number];

/** Everything the map needs at start, loaded once from the API. */
export interface AppData {
  features: Record<CollectionId, ApiFeature[]>;
  schemas: Partial<Record<CollectionId, PropertySchema>>;
  indicators: IndicatorMeta[];
  customBasemapStyleUrl: string | null;
  /**
   * The offline basemap's country context (geodata/context.geojson, a static file shipped with the
   * client): loaded with the rest so the first style already has it; empty if it fails.
   */
  context: FeatureCollection;
}

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

async function loadContext(signal: AbortSignal): Promise<FeatureCollection> {
  try {
    const r = await fetch(contextUrl, { signal });
    const fc = r.ok ? ((await r.json()) as FeatureCollection) : EMPTY;
    return fc.type === 'FeatureCollection' ? fc : EMPTY;
  } catch {
    return EMPTY;
  }
}

export type Loadable<T> =
  | { status: 'loading' }
  | { status: 'ready'; data: T }
  | { status: 'error'; error: ApiError };

/** The loaded data, and `reload(collection)` to fetch one collection again (after a staff edit). */
export type AppDataState = Loadable<AppData> & { reload: (collection: string) => void };

export function useAppData(api: ApiClient): AppDataState {
  const [state, setState] = useState<Loadable<AppData>>({ status: 'loading' });
  useEffect(() => {
    const abort = new AbortController();
    loadAppData(api, abort.signal).then(
      (data) => setState({ status: 'ready', data }),
      (err: unknown) => {
        if (abort.signal.aborted) return;
        const error = err instanceof ApiError ? err : new ApiError(0, 'NetworkError', String(err));
        setState({ status: 'error', error });
      },
    );
    return () => abort.abort();
  }, [api]);
  // A failed reload keeps the data shown (the edit itself succeeded; the next reload catches up);
  // of overlapping reloads of one collection only the latest one lands.
  const reloads = useRef(new Map<string, number>());
  const reload = useCallback(
    (collection: string) => {
      const id = COLLECTION_IDS.find((c) => c === collection);
      if (!id) return;
      const seq = (reloads.current.get(id) ?? 0) + 1;
      reloads.current.set(id, seq);
      api.allItems(id).then(
        (list) =>
          reloads.current.get(id) === seq &&
          setState((prev) =>
            prev.status === 'ready'
              ? { status: 'ready', data: { ...prev.data, features: { ...prev.data.features, [id]: list } } }
              : prev,
          ),
        () => undefined,
      );
    },
    [api],
  );
  return useMemo(() => ({ ...state, reload }), [state, reload]);
}

async function loadAppData(api: ApiClient, signal: AbortSignal): Promise<AppData> {
  const featureLists = Promise.all(COLLECTION_IDS.map((id) => api.allItems(id, signal)));
  // A schema is only labels: a missing one degrades to raw property names rather than failing.
  const schemaList = Promise.all(COLLECTION_IDS.map((id) => api.schema(id, signal).catch(() => undefined)));
  const [lists, schemas, indicators, appConfig, context] = await Promise.all([
    featureLists,
    schemaList,
    api.indicators(signal),
    api.appConfig(signal).catch(() => ({ customBasemapStyleUrl: null })),
    loadContext(signal),
  ]);
  const features = {} as Record<CollectionId, ApiFeature[]>;
  const schemaMap: Partial<Record<CollectionId, PropertySchema>> = {};
  COLLECTION_IDS.forEach((id, i) => {
    features[id] = lists[i]!;
    const schema = schemas[i];
    if (schema) schemaMap[id] = schema;
  });
  return {
    features,
    schemas: schemaMap,
    indicators: indicators.indicators,
    customBasemapStyleUrl: appConfig.customBasemapStyleUrl,
    context,
  };
}

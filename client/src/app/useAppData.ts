import type { FeatureCollection } from 'geojson';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import contextUrl from '../../../geodata/context.geojson?url';
import type { ApiFeature, IndicatorMeta } from '../../../server/src/contract/api';
import { ApiError } from '../api/ApiError';
import type { ApiClient } from '../api/client';
import type { PropertySchema } from '../api/schema';
import { buildCatalog, type Catalog } from '../catalog/catalog';

/** Everything the map needs at start, loaded once from the API. */
export interface AppData {
  /** The collections of `/api/collections` with their schemas: what the UI is built from. */
  catalog: Catalog;
  /** Every feature, by collection id. */
  features: Readonly<Record<string, ApiFeature[]>>;
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
    (id: string) => {
      const seq = (reloads.current.get(id) ?? 0) + 1;
      reloads.current.set(id, seq);
      api.allItems(id).then(
        (list) =>
          reloads.current.get(id) === seq &&
          setState((prev) =>
            prev.status === 'ready' && prev.data.catalog.get(id)
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

/**
 * The catalog first (which collections there are), then every collection's features and schema;
 * the indicators, the app config and the country context load meanwhile.
 */
async function loadAppData(api: ApiClient, signal: AbortSignal): Promise<AppData> {
  const others = Promise.all([
    api.indicators(signal),
    api.appConfig(signal).catch(() => ({ customBasemapStyleUrl: null })),
    loadContext(signal),
  ]);
  const infos = (await api.collections(signal)).collections;
  const featureLists = Promise.all(infos.map((c) => api.allItems(c.id, signal)));
  // A schema is only labels: a missing one degrades to raw property names rather than failing.
  const schemaList = Promise.all(infos.map((c) => api.schema(c.id, signal).catch(() => undefined)));
  const [lists, schemas, [indicators, appConfig, context]] = await Promise.all([
    featureLists,
    schemaList,
    others,
  ]);
  const features: Record<string, ApiFeature[]> = {};
  const schemaMap: Record<string, PropertySchema | undefined> = {};
  infos.forEach((c, i) => {
    features[c.id] = lists[i]!;
    schemaMap[c.id] = schemas[i];
  });
  return {
    catalog: buildCatalog(infos, schemaMap),
    features,
    indicators: indicators.indicators,
    customBasemapStyleUrl: appConfig.customBasemapStyleUrl,
    context,
  };
}

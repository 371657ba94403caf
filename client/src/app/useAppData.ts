import type { FeatureCollection } from 'geojson';
import { useCallback, useEffect, useMemo, useState } from 'react';
import contextUrl from '../../../geodata/context.geojson?url';
import type { ApiFeature, CollectionInfo, IndicatorMeta } from '../../../server/src/contract/api';
import { ApiError } from '../api/ApiError';
import type { ApiClient } from '../api/client';
import type { PropertySchema } from '../api/schema';
import { buildCatalog, type Catalog } from '../catalog/catalog';

/** Everything the map needs at start, loaded once from the API. */
export interface AppData {
  /** The collections of `/api/collections` with their schemas: what the UI is built from. */
  catalog: Catalog;
  /**
   * Features by collection id: every feature of a small collection; of a tiled one only those
   * loaded one by one (selected, found, saved), the map draws it from vector tiles.
   */
  features: Readonly<Record<string, ApiFeature[]>>;
  /** The large point collections drawn from vector tiles (and listed and searched on the server). */
  tiled: ReadonlySet<string>;
  /** Per tiled collection: bumped by every edit, so the map asks for fresh tiles. */
  revisions: Readonly<Record<string, number>>;
  /** Vector tile URL template of each tiled collection (absolute). */
  tileUrls: Readonly<Record<string, string>>;
  /** Features in each collection when loaded (numberMatched of the first page), if the server said. */
  counts: Readonly<Record<string, number | undefined>>;
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

/** A feature written by the editor (null: deleted), as the server answered it. */
export interface FeatureChange {
  collection: string;
  id: number;
  feature: ApiFeature | null;
}

/** How the data change after start, without fetching a whole collection again. */
export interface DataUpdates {
  /** An edit: the returned feature replaces (or removes) its old version; tiles of its collection are renewed. */
  applyChange: (change: FeatureChange) => void;
  /** Features of a tiled collection loaded one by one (a pick, a search hit) join the state. */
  addFeatures: (collection: string, features: readonly ApiFeature[]) => void;
  /**
   * A whole batch changed a collection (an import or its undo, issue 14): a GeoJSON layer is read
   * again, a tiled one renews its tiles. Single edits use applyChange instead.
   */
  reloadCollection: (collection: string) => Promise<void>;
}

export type AppDataState = Loadable<AppData> & DataUpdates;

/**
 * Point collections with more features than this are drawn from vector tiles (clustered at low
 * zoom) instead of being downloaded whole; smaller ones stay GeoJSON.
 */
export const TILE_THRESHOLD = 2000;

/** `list` with `features` put in by id (replacing older versions), `removed` taken out. */
export function upsert(
  list: readonly ApiFeature[],
  features: readonly ApiFeature[],
  removed?: number,
): ApiFeature[] {
  const byId = new Map(features.map((f) => [f.id, f]));
  const out = list.filter((f) => !byId.has(f.id) && f.id !== removed);
  return [...out, ...byId.values()];
}

/** Drawn as points only (the kind of collection vector tiles cluster). */
function isPointOnly(c: CollectionInfo): boolean {
  return c.display.geometry === 'point' && c.geometryTypes.every((t) => t === 'Point');
}

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
  const update = useCallback((id: string, change: (data: AppData) => Partial<AppData>) => {
    setState((prev) =>
      prev.status === 'ready' && prev.data.catalog.get(id)
        ? { status: 'ready', data: { ...prev.data, ...change(prev.data) } }
        : prev,
    );
  }, []);
  const applyChange = useCallback(
    ({ collection, id, feature }: FeatureChange) =>
      update(collection, (d) => ({
        features: {
          ...d.features,
          [collection]: upsert(d.features[collection] ?? [], feature ? [feature] : [], id),
        },
        revisions: d.tiled.has(collection)
          ? { ...d.revisions, [collection]: (d.revisions[collection] ?? 0) + 1 }
          : d.revisions,
      })),
    [update],
  );
  const addFeatures = useCallback(
    (collection: string, features: readonly ApiFeature[]) =>
      update(collection, (d) => ({
        features: { ...d.features, [collection]: upsert(d.features[collection] ?? [], features) },
      })),
    [update],
  );
  const reloadCollection = useCallback(
    async (collection: string) => {
      if (state.status !== 'ready' || !state.data.catalog.get(collection)) return;
      if (state.data.tiled.has(collection)) {
        update(collection, (d) => ({
          features: { ...d.features, [collection]: [] },
          revisions: { ...d.revisions, [collection]: (d.revisions[collection] ?? 0) + 1 },
        }));
        return;
      }
      const features = await api.allItems(collection);
      update(collection, (d) => ({ features: { ...d.features, [collection]: features } }));
    },
    [api, state, update],
  );
  return useMemo(
    () => ({ ...state, applyChange, addFeatures, reloadCollection }),
    [state, applyChange, addFeatures, reloadCollection],
  );
}

/**
 * The catalog first (which collections there are), then every collection's first page and
 * schema; the indicators, the app config and the country context load meanwhile. A point
 * collection with more than TILE_THRESHOLD features stops there (it is tiled); any other one is
 * read to its end.
 */
async function loadAppData(api: ApiClient, signal: AbortSignal): Promise<AppData> {
  const others = Promise.all([
    api.indicators(signal),
    api.appConfig(signal).catch(() => ({ customBasemapStyleUrl: null })),
    loadContext(signal),
  ]);
  const infos = (await api.collections(signal)).collections;
  const tiled = new Set<string>();
  const counts: Record<string, number | undefined> = {};
  const featureLists = Promise.all(
    infos.map(async (c) => {
      const first = await api.itemsPage(c.id, { limit: TILE_THRESHOLD }, signal);
      counts[c.id] = first.numberMatched;
      const more = api.nextPath(first) !== undefined;
      if (more && isPointOnly(c)) {
        tiled.add(c.id);
        return [];
      }
      return more ? api.allItems(c.id, signal, first) : first.features;
    }),
  );
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
    tiled,
    tileUrls: Object.fromEntries([...tiled].map((id) => [id, api.tilesUrl(id, window.location.href)])),
    revisions: {},
    counts,
    indicators: indicators.indicators,
    customBasemapStyleUrl: appConfig.customBasemapStyleUrl,
    context,
  };
}

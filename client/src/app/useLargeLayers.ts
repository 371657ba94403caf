import type { BBox } from 'geojson';
import { type Dispatch, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ApiFeature } from '../../../server/src/contract/api';
import type { ApiClient } from '../api/client';
import { type CatalogCollection, isShown } from '../catalog/catalog';
import type { ListItem } from '../features/feature-list/FeatureList';
import { refKey } from '../lib/featureLabel';
import type { Lang } from '../lib/format';
import type { SearchEntry } from '../lib/search';
import type { FeatureRef, Filters } from '../lib/urlState';
import type { HoverInfo, MapClick } from '../map/MapView';
import { type IndexedFeature, labelOf } from './derive';
import type { Action } from './state';
import { serverFilters } from './tiled';
import type { AppData, DataUpdates } from './useAppData';

/** Features of one tiled collection the server lists for the view (a page; `more` when it has a next). */
const LIST_PAGE = 100;
/** Server hits per tiled collection for one search. */
const SEARCH_PAGE = 8;
/** Quiet time (ms) before the view's list or a search goes to the server. */
const DEBOUNCE_MS = 250;
/** Features of one tiled collection the chooser lists for a click on stacked points. */
export const CHOOSER_PAGE = 12;

interface Options {
  api: ApiClient;
  data: AppData;
  updates: DataUpdates;
  filters: Filters;
  visible: ReadonlySet<string>;
  bounds: BBox | undefined;
  /** The List tab is shown: only then are the tiled layers' features in view asked for. */
  listShown: boolean;
  selected: FeatureRef | undefined;
  index: ReadonlyMap<string, IndexedFeature>;
  lang: Lang;
  dispatch: Dispatch<Action>;
  /** Opens a feature (details, or the editor while editing). */
  pick: (ref: FeatureRef) => void;
}

/** A map click with its stacked tiled features resolved: how many are here, and whether some are not listed. */
export type StackedClick = MapClick & { total: number; more: boolean };

/**
 * The tiled (large) collections in the UI, from the server: the List tab's features in view (a
 * bbox page with the filters as parameters), search through `q`, a picked or linked feature
 * fetched by id, and the tooltip from the tile's attributes. Small collections are untouched.
 */
export function useLargeLayers(o: Options) {
  const { api, data, updates, filters, visible, bounds, listShown, selected, index, lang, dispatch, pick } =
    o;
  const tiled = useMemo(
    () => data.catalog.collections.filter((c) => data.tiled.has(c.id)),
    [data.catalog, data.tiled],
  );
  /** Full features the server gave for list rows and search hits, by ref key. */
  const fetched = useRef(new Map<string, ApiFeature>());
  const [serverList, setServerList] = useState<{ items: ListItem[]; more: boolean }>({
    items: [],
    more: false,
  });

  // The selected feature of a tiled collection (a map pick, a link) is fetched by id.
  const selectedKey = selected ? refKey(selected.collection, selected.id) : undefined;
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new selection is the trigger; the feature, once in the index, is not fetched again.
  useEffect(() => {
    if (
      !selected ||
      !data.tiled.has(selected.collection) ||
      index.has(refKey(selected.collection, selected.id))
    )
      return;
    const abort = new AbortController();
    api.feature(selected.collection, selected.id, abort.signal).then(
      (f) => updates.addFeatures(selected.collection, [f]),
      () => undefined,
    );
    return () => abort.abort();
  }, [selectedKey]);

  // The List tab's features of the tiled collections in view, from the server (again after an edit).
  const { catalog, revisions } = data;
  // biome-ignore lint/correctness/useExhaustiveDependencies: revisions is a trigger (an edit renews the list).
  useEffect(() => {
    const shown = tiled.filter((c) => c.display.listed && isShown(c, visible));
    if (!listShown || !bounds || shown.length === 0) {
      setServerList({ items: [], more: false });
      return;
    }
    const abort = new AbortController();
    const timer = setTimeout(() => {
      Promise.all(
        shown.map((c) =>
          api.itemsPage(
            c.id,
            {
              limit: LIST_PAGE,
              bbox: bounds as [number, number, number, number],
              filters: serverFilters(catalog, c.id, filters),
            },
            abort.signal,
          ),
        ),
      ).then(
        (pages) => {
          const items = pages.flatMap((page, i) =>
            page.features.map((f) => remember(fetched.current, shown[i]!, f, lang)),
          );
          setServerList({ items, more: pages.some((p) => api.nextPath(p) !== undefined) });
        },
        () => undefined,
      );
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [api, catalog, tiled, visible, bounds, listShown, filters, revisions, lang]);

  /** Search hits of the tiled collections from the server's `q` (with the filters), bounded. */
  const remoteSearch = useCallback(
    async (query: string, signal: AbortSignal): Promise<SearchEntry[]> => {
      const pages = await Promise.all(
        tiled.map((c) =>
          api.itemsPage(
            c.id,
            { limit: SEARCH_PAGE, q: query, filters: serverFilters(catalog, c.id, filters) },
            signal,
          ),
        ),
      );
      return pages.flatMap((page, i) => {
        const c = tiled[i]!;
        return page.features.map((f) => ({
          ...remember(fetched.current, c, f, lang),
          texts: [],
          rank: c.display.searchRank,
        }));
      });
    },
    [tiled, api, catalog, filters, lang],
  );

  /** A feature of a tiled collection the server listed or found joins the state; false for any other. */
  const adoptFetched = (ref: FeatureRef): boolean => {
    const f = fetched.current.get(refKey(ref.collection, ref.id));
    if (!f || !data.tiled.has(ref.collection)) return false;
    updates.addFeatures(ref.collection, [f]);
    return true;
  };

  /**
   * Opens a feature of a tiled collection the server listed or found: it joins the state, and
   * the camera flies to it. False for any other feature (the caller handles it).
   */
  const chooseFetched = (ref: FeatureRef): boolean => {
    const f = fetched.current.get(refKey(ref.collection, ref.id));
    if (!f || !adoptFetched(ref)) return false;
    pick(ref);
    if (f.geometry?.type === 'Point') {
      const [lon, lat] = f.geometry.coordinates as [number, number];
      dispatch({ type: 'moveTo', request: { kind: 'fly', center: [lon, lat], zoom: 15 } });
    }
    return true;
  };

  /** The hovered feature: from the index, else (tiled) from the tile's attributes. */
  const hoverHit = (hover: HoverInfo): IndexedFeature | undefined => {
    const hit = index.get(refKey(hover.ref.collection, hover.ref.id));
    const c = data.catalog.get(hover.ref.collection);
    if (hit || !c || !data.tiled.has(c.id)) return hit;
    const feature: ApiFeature = {
      type: 'Feature',
      id: hover.ref.id,
      geometry: hover.geometry,
      properties: { ...hover.properties },
    };
    return { collection: c, feature };
  };

  /**
   * A click on stacked points of tiled collections (or a count bubble that cannot split): their
   * features in the click's box from the server (with the filters, at most CHOOSER_PAGE each)
   * replace what the tiles showed of them; `total` counts every feature here when the server
   * knows it (numberMatched), `more` says some are not listed.
   */
  const resolveStacked = async (click: MapClick): Promise<StackedClick> => {
    const stacked = click.stacked.filter((id) => data.tiled.has(id));
    const pages = await Promise.all(
      stacked.map((id) =>
        api.itemsPage(id, {
          limit: CHOOSER_PAGE,
          bbox: click.box as [number, number, number, number],
          filters: serverFilters(catalog, id, filters),
        }),
      ),
    );
    const refs = click.refs.filter((r) => !stacked.includes(r.collection));
    let total: number | undefined = refs.length;
    let more = false;
    pages.forEach((page, i) => {
      const c = catalog.get(stacked[i]!);
      if (!c) return;
      for (const f of page.features) {
        remember(fetched.current, c, f, lang);
        refs.push({ collection: c.id, id: f.id });
      }
      more ||= api.nextPath(page) !== undefined;
      total =
        total === undefined || page.numberMatched === undefined ? undefined : total + page.numberMatched;
    });
    return { ...click, refs, total: total ?? refs.length, more };
  };

  /** A chooser row of a tiled feature the server gave (label and kind), if it did. */
  const fetchedItem = (ref: FeatureRef): { label: string; kind: string } | undefined => {
    const f = fetched.current.get(refKey(ref.collection, ref.id));
    const c = catalog.get(ref.collection);
    return f && c ? { label: labelOf(c, f, lang), kind: c.itemTitle[lang] } : undefined;
  };

  return {
    serverList,
    remoteSearch,
    chooseFetched,
    adoptFetched,
    resolveStacked,
    fetchedItem,
    hoverHit,
    hasTiled: tiled.length > 0,
  };
}

/** A feature the server listed or found, kept (by ref key) for opening it, as a list row. */
function remember(store: Map<string, ApiFeature>, c: CatalogCollection, f: ApiFeature, lang: Lang): ListItem {
  store.set(refKey(c.id, f.id), f);
  return { collection: c.id, id: f.id, label: labelOf(c, f, lang), kind: c.itemTitle[lang] };
}

import { useEffect, useState } from 'react';
import type { ItemsResponse } from '../../../../server/src/contract/api';
import type { ApiClient } from '../../api/client';
import { box2d } from '../../lib/exportUrls';

export interface PageQuery {
  collection: string;
  limit: number;
  offset: number;
  /** The map's bounds, w,s,e,n (a GeoJSON BBox of 4 numbers). */
  bbox: readonly number[] | undefined;
  q: string;
  filters: Record<string, string>;
  /** The server's order (`sortby`), or undefined for id order. */
  sortby: string | undefined;
}

/** One page of items from the server (its limit/offset paging, filters and sortby) and the offset it starts at; the previous page stays while the next loads. */
export function useItemsPage(
  api: ApiClient,
  query: PageQuery,
): { page: ItemsResponse | undefined; pageOffset: number; loading: boolean; failed: boolean } {
  const [page, setPage] = useState<{ body: ItemsResponse; offset: number } | undefined>(undefined);
  const [loading, setLoading] = useState(true);
  const [failed, setFailed] = useState(false);
  const key = JSON.stringify(query);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for the query's content.
  useEffect(() => {
    const abort = new AbortController();
    setLoading(true);
    // Typing in a filter box asks once it pauses.
    const timer = setTimeout(() => {
      api
        .itemsPage(
          query.collection,
          {
            limit: query.limit,
            offset: query.offset,
            bbox: box2d(query.bbox),
            q: query.q,
            filters: query.filters,
            sortby: query.sortby,
          },
          abort.signal,
        )
        .then(
          (p) => {
            setPage({ body: p, offset: query.offset });
            setFailed(false);
            setLoading(false);
          },
          () => {
            if (abort.signal.aborted) return;
            setFailed(true);
            setLoading(false);
          },
        );
    }, 200);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [api, key]);
  return { page: page?.body, pageOffset: page?.offset ?? 0, loading, failed };
}

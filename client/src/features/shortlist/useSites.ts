import { useEffect, useState } from 'react';
import type { ApiClient } from '../../api/client';
import type { Catalog } from '../../catalog/catalog';
import type { FeatureRef } from '../../lib/urlState';
import type { Site } from './compareModel';

export type SitesState = { status: 'loading' } | { status: 'ready'; sites: Site[]; missing: FeatureRef[] };

/** The shortlisted sites read from the API (with their computed `site`); refs no longer found are listed apart. */
export function useSites(api: ApiClient, catalog: Catalog, refs: readonly FeatureRef[]): SitesState {
  const [state, setState] = useState<SitesState>({ status: 'loading' });
  const key = refs.map((r) => `${r.collection}/${r.id}`).join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for `refs`.
  useEffect(() => {
    const ctl = new AbortController();
    setState({ status: 'loading' });
    void Promise.all(
      refs.map(async (ref) => {
        const collection = catalog.get(ref.collection);
        if (!collection) return { ref };
        try {
          return {
            ref,
            site: { collection, feature: await api.feature(ref.collection, ref.id, ctl.signal) },
          };
        } catch {
          return { ref };
        }
      }),
    ).then((all) => {
      if (ctl.signal.aborted) return;
      setState({
        status: 'ready',
        sites: all.flatMap((a) => (a.site ? [a.site] : [])),
        missing: all.filter((a) => !a.site).map((a) => a.ref),
      });
    });
    return () => ctl.abort();
  }, [api, catalog, key]);
  return state;
}

import { useEffect, useState } from 'react';
import type { ApiFeature } from '../../../../server/src/contract/api';
import type { ApiClient } from '../../api/client';

export type SiteFeatureState =
  | { status: 'ready'; feature: ApiFeature }
  | { status: 'loading' }
  | { status: 'error' };

/**
 * The feature with its computed `site` (the API's figures, never recomputed here): the one given
 * when it already carries `site`, else read again from the API.
 */
export function useSiteFeature(api: ApiClient, collection: string, feature: ApiFeature): SiteFeatureState {
  const [fetched, setFetched] = useState<SiteFeatureState>({ status: 'loading' });
  const needsFetch = feature.site === undefined;
  useEffect(() => {
    if (!needsFetch) return;
    const ctl = new AbortController();
    setFetched({ status: 'loading' });
    api
      .feature(collection, feature.id, ctl.signal)
      .then((f) => setFetched({ status: 'ready', feature: f }))
      .catch(() => {
        if (!ctl.signal.aborted) setFetched({ status: 'error' });
      });
    return () => ctl.abort();
  }, [api, collection, feature.id, needsFetch]);
  return needsFetch ? fetched : { status: 'ready', feature };
}

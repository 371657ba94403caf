import { useCallback, useEffect, useState } from 'react';
import type { BasemapId } from '../lib/urlState';

/**
 * The basemap to draw: the chosen one, or the offline one when an online basemap cannot be
 * reached (the browser is offline, or its tiles fail). `failed` names the basemap that failed, for
 * the UI to say so; choosing again tries again.
 */
export function useBasemapFallback(chosen: BasemapId): {
  shown: BasemapId;
  failed: BasemapId | null;
  onBasemapError: () => void;
} {
  const [failed, setFailed] = useState<BasemapId | null>(null);
  useEffect(() => {
    setFailed(chosen !== 'offline' && !navigator.onLine ? chosen : null);
  }, [chosen]);
  const onBasemapError = useCallback(() => {
    if (chosen !== 'offline') setFailed(chosen);
  }, [chosen]);
  return { shown: failed ? 'offline' : chosen, failed, onBasemapError };
}

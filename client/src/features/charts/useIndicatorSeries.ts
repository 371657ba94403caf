import { useEffect, useState } from 'react';
import type { IndicatorMeta, IndicatorValuesResponse } from '../../../../server/src/contract/api';
import type { ApiClient } from '../../api/client';

/** Every year of an indicator (one answer for a computed one), oldest first. */
export function loadSeries(
  api: ApiClient,
  meta: IndicatorMeta,
  signal: AbortSignal,
): Promise<IndicatorValuesResponse[]> {
  const years: (number | undefined)[] = meta.computed || meta.years.length === 0 ? [undefined] : meta.years;
  return Promise.all(years.map((y) => api.indicatorValues(meta.id, y, signal)));
}

/** The series of each indicator given (undefined while loading; a failed one is left out). */
export function useIndicatorSeries(
  api: ApiClient,
  metas: readonly IndicatorMeta[],
): Map<string, IndicatorValuesResponse[]> | undefined {
  const [series, setSeries] = useState<Map<string, IndicatorValuesResponse[]> | undefined>(undefined);
  const key = metas.map((m) => `${m.id}:${m.years.join(',')}`).join(';');
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for the metas' content.
  useEffect(() => {
    const abort = new AbortController();
    setSeries(undefined);
    void Promise.all(
      metas.map((m) =>
        loadSeries(api, m, abort.signal).then(
          (s) => [m.id, s] as const,
          () => undefined,
        ),
      ),
    ).then((all) => {
      if (!abort.signal.aborted) setSeries(new Map(all.filter((x) => x !== undefined)));
    });
    return () => abort.abort();
  }, [api, key]);
  return series;
}

import { useEffect, useState } from 'react';
import type { IndicatorMeta, IndicatorValuesResponse } from '../../../../server/src/contract/api';
import type { ApiClient } from '../../api/client';

/** The default indicator of the choropleth: true figures (official population over boundary area). */
export const DEFAULT_INDICATOR = 'population_density';

/**
 * The indicator to show: the chosen one if it exists; else the default (true figures, never
 * illustrative), else the first indicator without illustrative values, else the first.
 */
export function resolveIndicator(
  indicators: readonly IndicatorMeta[],
  chosen: string | undefined,
): IndicatorMeta | undefined {
  return (
    indicators.find((i) => i.id === chosen) ??
    indicators.find((i) => i.id === DEFAULT_INDICATOR && !i.statuses.includes('illustrative')) ??
    indicators.find((i) => !i.statuses.includes('illustrative')) ??
    indicators[0]
  );
}

/** The year to show: the chosen one if the indicator has it, else its latest (undefined if computed). */
export function resolveYear(meta: IndicatorMeta | undefined, chosen: number | undefined): number | undefined {
  if (!meta || meta.years.length === 0) return undefined;
  if (chosen !== undefined && meta.years.includes(chosen)) return chosen;
  return Math.max(...meta.years);
}

/**
 * Loads the district values of an indicator for a year; undefined while loading or on failure.
 * A new `revision` loads them again (after an indicator import or its undo).
 */
export function useIndicatorValues(
  api: ApiClient,
  id: string | undefined,
  year: number | undefined,
  revision = 0,
): IndicatorValuesResponse | undefined {
  const [values, setValues] = useState<IndicatorValuesResponse | undefined>(undefined);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new `revision` only asks again
  useEffect(() => {
    if (!id) return;
    const abort = new AbortController();
    api.indicatorValues(id, year, abort.signal).then(
      (v) => setValues(v),
      () => {
        if (!abort.signal.aborted) setValues(undefined);
      },
    );
    return () => abort.abort();
  }, [api, id, year, revision]);
  return values && values.indicator === id ? values : undefined;
}

import { useMemo } from 'react';
import type { IndicatorMeta, IndicatorValuesResponse } from '../../../../server/src/contract/api';
import type { ApiClient } from '../../api/client';
import { useIndicatorValues } from '../indicators/useIndicatorValues';
import { changeAsValues } from './chartData';

/**
 * The change of an indicator from its first to its last year, as values the map colours (percent
 * or absolute); undefined when the change view is off or the indicator has fewer than two years.
 */
export function useChangeValues(
  api: ApiClient,
  meta: IndicatorMeta | undefined,
  change: 'pct' | 'abs' | undefined,
): IndicatorValuesResponse | undefined {
  const on = change !== undefined && meta !== undefined && meta.years.length >= 2;
  const first = useIndicatorValues(api, on ? meta.id : undefined, on ? meta.years[0] : undefined);
  const last = useIndicatorValues(api, on ? meta.id : undefined, on ? meta.years.at(-1) : undefined);
  return useMemo(
    () => (on && first && last && first.year !== last.year ? changeAsValues(first, last, change) : undefined),
    [on, first, last, change],
  );
}

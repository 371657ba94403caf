import type { IndicatorValuesResponse } from '../../../server/src/contract/api';
import type { I18n } from '../i18n/I18n';
import { type IndexedFeature, labelOf } from './derive';

/**
 * The hover text of a feature: its name; for an area of the choropleth while it shows, its value
 * with the unit ("no data" when unknown) and "(illustrative)" when the value is illustrative.
 */
export function tooltipText(
  hit: IndexedFeature | undefined,
  o: Pick<I18n, 'lang' | 't' | 'n'> & { values: IndicatorValuesResponse | undefined },
): string | undefined {
  if (!hit) return undefined;
  const name = labelOf(hit.collection, hit.feature, o.lang);
  const join = hit.collection.display.choropleth?.joinProperty;
  if (!join || !o.values) return name;
  const code = String(hit.feature.properties?.[join] ?? '');
  const v = o.values.values.find((x) => x.district_code === code);
  const shown = v?.value == null ? o.t('legend.noData') : `${o.n(v.value)} ${o.values.unit[o.lang]}`;
  const text = o.t('tooltip.value', { name, value: shown });
  return v?.status === 'illustrative' ? `${text} ${o.t('tooltip.illustrative')}` : text;
}

import type { DistrictIndicatorValue } from '../contract/api';
import type { FeatureStore, StoredFeature } from '../store/feature-store';

/** How each computed indicator (its source text is written here, in English: `source_lang` en) is derived from the current features (ids from indicators.json). */
const COUNTS: Record<string, { collection: string; noun: string }> = {
  cluster_count: { collection: 'industrial-clusters', noun: 'industrial clusters' },
  craft_village_count: { collection: 'craft-villages', noun: 'craft villages' },
  facility_count: { collection: 'facilities', noun: 'production facilities' },
};

export const COMPUTED_INDICATORS: readonly string[] = [
  ...Object.keys(COUNTS),
  'cluster_area_ha',
  'population_density',
];

type Value = Pick<DistrictIndicatorValue, 'value' | 'status' | 'source' | 'source_lang'>;
const NO_DATA: Value = { value: null, status: null, source: null, source_lang: null };

/**
 * Per district code, the value of a computed indicator from the store's current features, or
 * undefined when the id is not one we know how to compute. Districts are the `districts` features.
 */
export async function computeIndicator(
  store: FeatureStore,
  id: string,
  districts: StoredFeature[],
): Promise<Map<string, Value> | undefined> {
  const out = new Map<string, Value>();
  const codes = districts.map((d) => String(d.properties.code));
  const count = COUNTS[id];
  if (count) {
    const rows = new Map((await store.aggregateByDistrict(count.collection)).map((r) => [r.districtCode, r]));
    for (const code of codes) {
      const n = rows.get(code)?.count ?? 0;
      out.set(code, {
        value: n,
        status: 'computed',
        source: `Count of ${count.noun} on this map in district ${code}`,
        source_lang: 'en',
      });
    }
    return out;
  }
  if (id === 'cluster_area_ha') {
    const rows = new Map(
      (await store.aggregateByDistrict('industrial-clusters', 'area_ha')).map((r) => [r.districtCode, r]),
    );
    for (const code of codes) {
      const r = rows.get(code);
      if (r && r.summed === 0) {
        out.set(code, NO_DATA);
        continue;
      }
      const missing = r ? r.count - r.summed : 0;
      const note =
        missing > 0 ? `; ${missing} of ${r?.count} clusters have no known area (not included)` : '';
      out.set(code, {
        value: r?.sum ?? 0,
        status: 'computed',
        source: `Sum of area_ha of the industrial clusters on this map${note}`,
        source_lang: 'en',
      });
    }
    return out;
  }
  if (id === 'population_density') {
    for (const d of districts) {
      const { population, area_km2: area, population_year: year } = d.properties;
      const ok = typeof population === 'number' && typeof area === 'number' && area > 0;
      out.set(
        String(d.properties.code),
        ok
          ? {
              value: Math.round((population / area) * 10) / 10,
              status: 'computed',
              source: `Population${typeof year === 'number' ? ` (${year})` : ''} divided by the district's area_km2 (from its boundary)`,
              source_lang: 'en',
            }
          : NO_DATA,
      );
    }
    return out;
  }
  return undefined;
}

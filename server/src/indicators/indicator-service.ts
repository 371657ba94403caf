import { PROVINCE_CODE } from '../../../geodata/rules/indicator-rows';
import type { Catalog, IndicatorDef } from '../catalog/catalog';
import type { IndicatorMeta, IndicatorStatus, IndicatorValuesResponse } from '../contract/api';
import { ApiError, invalidParameter, notFound } from '../errors';
import type { FeatureStore } from '../store/feature-store';
import { computeIndicator } from './computed';

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

/** The indicator catalog with the years and statuses present in the store. */
export async function listIndicators(catalog: Catalog, store: FeatureStore): Promise<IndicatorMeta[]> {
  const rows = await store.listIndicatorRows();
  return catalog.indicators.map((def) => {
    const mine = rows.filter((r) => r.indicator === def.id);
    const meta: IndicatorMeta = {
      id: def.id,
      title: def.title,
      unit: def.unit,
      years: def.computed ? [] : unique(mine.map((r) => r.year)).sort((a, b) => a - b),
      computed: def.computed,
      statuses: def.computed ? ['computed'] : unique(mine.map((r) => r.status)),
    };
    return def.description ? { ...meta, description: def.description } : meta;
  });
}

async function districtsOf(store: FeatureStore) {
  const page = await store.queryFeatures('districts', { limit: 10_000, offset: 0 });
  return page.features;
}

/**
 * Values of one indicator per district. Stored indicators: the given year, or the latest one
 * (400 naming `year` when there is no data for it). Computed indicators ignore `year` and describe
 * the current features. Unknown indicator → 404.
 */
export async function indicatorValues(
  catalog: Catalog,
  store: FeatureStore,
  id: string,
  year: number | undefined,
): Promise<IndicatorValuesResponse> {
  const def: IndicatorDef | undefined = catalog.indicators.find((d) => d.id === id);
  if (!def)
    throw notFound(
      `Indicator '${id}' does not exist (indicators: ${catalog.indicators.map((d) => d.id).join(', ')})`,
    );
  const districts = await districtsOf(store);
  const base = { indicator: def.id, title: def.title, unit: def.unit };
  const name = (code: string) =>
    String(districts.find((d) => d.properties.code === code)?.properties.name ?? code);
  if (def.computed) {
    const values = await computeIndicator(store, def.id, districts);
    if (!values)
      throw new ApiError(
        501,
        'NotImplemented',
        `Indicator '${id}' is marked computed but this server cannot compute it`,
      );
    return {
      ...base,
      year: null,
      values: [...values].map(([code, v]) => ({ district_code: code, district_name: name(code), ...v })),
      province: null,
    };
  }
  const rows = await store.listIndicatorRows(def.id);
  const years = unique(rows.map((r) => r.year)).sort((a, b) => a - b);
  const chosen = year ?? years.at(-1);
  if (chosen === undefined || !years.includes(chosen)) {
    throw invalidParameter(
      'year',
      `Parameter 'year': no data for indicator '${id}' in year ${year ?? '(any)'}; years with data: ${years.join(', ') || 'none'}`,
    );
  }
  const ofYear = rows.filter((r) => r.year === chosen);
  const province = ofYear.find((r) => r.district_code === PROVINCE_CODE);
  return {
    ...base,
    year: chosen,
    values: districts.map((d) => {
      const code = String(d.properties.code);
      const row = ofYear.find((r) => r.district_code === code);
      const status: IndicatorStatus | null = row?.status ?? null;
      return {
        district_code: code,
        district_name: name(code),
        value: row?.value ?? null,
        status,
        source: row?.source ?? null,
        source_lang: row ? catalog.citationLang(row.source) : null,
      };
    }),
    province: province
      ? {
          value: province.value,
          status: province.status,
          source: province.source,
          source_lang: catalog.citationLang(province.source),
        }
      : null,
  };
}

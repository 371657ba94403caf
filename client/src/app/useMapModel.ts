import type { BBox, FeatureCollection } from 'geojson';
import type { ExpressionSpecification, StyleSpecification } from 'maplibre-gl';
import { useMemo } from 'react';
import type { IndicatorMeta, IndicatorValuesResponse } from '../../../server/src/contract/api';
import { enumTitle, enumValues } from '../api/schema';
import { buildChoropleth, type Choropleth } from '../lib/choropleth';
import { refKey } from '../lib/featureLabel';
import type { Lang } from '../lib/format';
import { geometryBbox, mergeBboxes } from '../lib/geometry';
import { NO_DATA_COLOR } from '../lib/palette';
import type { LayerId } from '../lib/urlState';
import { buildMapStyle } from '../map/style';
import {
  categoryEntries,
  type FeaturesByCollection,
  featuresInView,
  filterAll,
  indexFeatures,
  searchEntriesFor,
  statusCategories,
  toCollection,
  withSpreadSlots,
} from './derive';
import type { AppState } from './state';
import type { AppData } from './useAppData';

/** Lào Cai's extent, used only if the province outline is missing. */
const FALLBACK_BBOX: BBox = [103.52, 21.86, 104.64, 22.86];

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

/** Everything derived from the data and the state that the layout and the map need (memoised). */
export interface MapModelInput {
  data: AppData;
  state: AppState;
  lang: Lang;
  basemap: StyleSpecification;
  context: FeatureCollection;
  indicatorValues: IndicatorValuesResponse | undefined;
  bounds: BBox | undefined;
  /** The district filter when it names a known district (else undefined). */
  district: string | undefined;
  attribution: { boundaries: string; context: string };
}

export function useMapModel({
  data,
  state,
  lang,
  basemap,
  context,
  indicatorValues,
  bounds,
  district,
  attribution,
}: MapModelInput) {
  const visible = useMemo(() => new Set<LayerId>(state.layers), [state.layers]);
  const filtered: FeaturesByCollection = useMemo(
    () => filterAll(data.features, state.filters),
    [data, state.filters],
  );
  const spread = useMemo(() => withSpreadSlots(filtered, visible), [filtered, visible]);
  const index = useMemo(() => indexFeatures(data.features), [data]);
  const searchEntries = useMemo(() => searchEntriesFor(data.features, lang), [data, lang]);
  const listItems = useMemo(
    () => featuresInView(filtered, visible, bounds, lang),
    [filtered, visible, bounds, lang],
  );

  const choropleth: Choropleth | undefined = useMemo(
    () => (indicatorValues ? buildChoropleth(indicatorValues.values, state.classMethod) : undefined),
    [indicatorValues, state.classMethod],
  );
  // Colours stay fixed per value (from all features); legends list only what the filters leave.
  const status = useMemo(
    () => statusCategories(data.schemas['industrial-clusters'], data.features['industrial-clusters'], lang),
    [data, lang],
  );
  const crafts = useMemo(
    () => categoryEntries(data.schemas['craft-villages'], 'craft', data.features['craft-villages'], lang),
    [data, lang],
  );
  const legend = useMemo(() => {
    const shownStatus = new Set(filtered['industrial-clusters'].map((f) => String(f.properties?.status)));
    const shownCrafts = new Set(filtered['craft-villages'].map((f) => String(f.properties?.craft)));
    return {
      status: status.entries.filter((e) => shownStatus.has(e.value)),
      crafts: crafts.entries.filter((e) => shownCrafts.has(e.value)),
      facilities: filtered.facilities.length,
      landmarkKinds: enumValues(data.schemas.landmarks, 'kind')
        .filter((k) => filtered.landmarks.some((f) => f.properties?.kind === k))
        .map((value) => ({ value, label: enumTitle(data.schemas.landmarks, 'kind', value, lang) })),
    };
  }, [filtered, status, crafts, data, lang]);
  const illustrativeCodes = useMemo(
    () =>
      (indicatorValues?.values ?? []).filter((v) => v.status === 'illustrative').map((v) => v.district_code),
    [indicatorValues],
  );

  const selected = state.selected
    ? index.get(refKey(state.selected.collection, state.selected.id))
    : undefined;
  // The selected feature as drawn (with its spread slot, so the ring sits on its symbol).
  const selectedOnMap = selected
    ? (spread[selected.collection].find((f) => f.id === selected.feature.id) ?? selected.feature)
    : undefined;
  const initialBbox = useMemo(
    () => mergeBboxes(data.features.province.map((f) => geometryBbox(f.geometry))) ?? FALLBACK_BBOX,
    [data],
  );

  const style = useMemo(() => {
    const fill: ExpressionSpecification | string = choropleth
      ? ([
          'match',
          ['to-string', ['get', 'code']],
          ...Object.entries(choropleth.colorByCode).flat(),
          NO_DATA_COLOR,
        ] as ExpressionSpecification)
      : NO_DATA_COLOR;
    return buildMapStyle({
      basemap,
      data: {
        province: toCollection(spread.province),
        districts: toCollection(spread.districts),
        'industrial-clusters': toCollection(spread['industrial-clusters']),
        'craft-villages': toCollection(spread['craft-villages']),
        facilities: toCollection(spread.facilities),
        landmarks: toCollection(spread.landmarks),
      },
      context,
      selection: selectedOnMap ? toCollection([selectedOnMap]) : EMPTY,
      visible,
      choroplethColor: Object.keys(choropleth?.colorByCode ?? {}).length ? fill : NO_DATA_COLOR,
      illustrativeCodes,
      highlightDistrict: district,
      statusColors: status.colors,
      craftColors: crafts.colors,
      lang,
      attribution,
    });
  }, [
    basemap,
    spread,
    context,
    selectedOnMap,
    visible,
    choropleth,
    illustrativeCodes,
    district,
    status,
    crafts,
    lang,
    attribution,
  ]);

  return {
    visible,
    filtered,
    index,
    searchEntries,
    listItems,
    choropleth,
    status,
    crafts,
    legend,
    selected,
    initialBbox,
    style,
  };
}

/** Whether any value shown for the indicator is illustrative (the legend must say so). */
export function isIllustrative(
  meta: IndicatorMeta | undefined,
  values: IndicatorValuesResponse | undefined,
): boolean {
  if (values) return values.values.some((v) => v.status === 'illustrative');
  return meta?.statuses.includes('illustrative') ?? false;
}

import type { BBox, FeatureCollection } from 'geojson';
import type { ExpressionSpecification, StyleSpecification } from 'maplibre-gl';
import { useMemo } from 'react';
import type { IndicatorMeta, IndicatorValuesResponse } from '../../../server/src/contract/api';
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
} from './derive';
import type { AppState } from './state';
import type { AppData } from './useAppData';

/** Lào Cai's extent, used only if the province outline is missing. */
const FALLBACK_BBOX: BBox = [103.52, 21.86, 104.64, 22.86];

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

/** Everything derived from the data and the state that the layout and the map need (memoised). */
export function useMapModel(
  data: AppData,
  state: AppState,
  lang: Lang,
  basemap: StyleSpecification,
  indicatorValues: IndicatorValuesResponse | undefined,
  bounds: BBox | undefined,
) {
  const visible = useMemo(() => new Set<LayerId>(state.layers), [state.layers]);
  const filtered: FeaturesByCollection = useMemo(
    () => filterAll(data.features, state.filters),
    [data, state.filters],
  );
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
  const status = useMemo(
    () => statusCategories(data.schemas['industrial-clusters'], data.features['industrial-clusters'], lang),
    [data, lang],
  );
  const crafts = useMemo(
    () => categoryEntries(data.schemas['craft-villages'], 'craft', data.features['craft-villages'], lang),
    [data, lang],
  );

  const selected = state.selected
    ? index.get(refKey(state.selected.collection, state.selected.id))
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
        province: toCollection(filtered.province),
        districts: toCollection(filtered.districts),
        'industrial-clusters': toCollection(filtered['industrial-clusters']),
        'craft-villages': toCollection(filtered['craft-villages']),
        facilities: toCollection(filtered.facilities),
        landmarks: toCollection(filtered.landmarks),
      },
      selection: selected ? toCollection([selected.feature]) : EMPTY,
      visible,
      choroplethColor: Object.keys(choropleth?.colorByCode ?? {}).length ? fill : NO_DATA_COLOR,
      statusColors: status.colors,
      craftColors: crafts.colors,
      lang,
    });
  }, [basemap, filtered, selected, visible, choropleth, status, crafts, lang]);

  return {
    visible,
    filtered,
    index,
    searchEntries,
    listItems,
    choropleth,
    status,
    crafts,
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

import type { BBox, FeatureCollection } from 'geojson';
import type { ExpressionSpecification, StyleSpecification } from 'maplibre-gl';
import { useMemo } from 'react';
import type { IndicatorMeta, IndicatorValuesResponse } from '../../../server/src/contract/api';
import { type ValueColors, valueColors } from '../catalog/presentation';
import { buildChangeChoropleth } from '../lib/changeChoropleth';
import { buildChoropleth, type Choropleth } from '../lib/choropleth';
import { refKey } from '../lib/featureLabel';
import type { Lang } from '../lib/format';
import { geometryBbox, mergeBboxes } from '../lib/geometry';
import { NO_DATA_COLOR } from '../lib/palette';
import { buildMapStyle, mapInteraction } from '../map/style';
import {
  type FeaturesByCollection,
  featuresInView,
  featuresOf,
  filterAll,
  indexFeatures,
  searchEntriesFor,
  toCollection,
  withSpreadSlots,
} from './derive';
import { legendsFor } from './legends';
import type { AppState } from './state';
import { tiledLayers, withoutTiled, withTiledCounts } from './tiled';
import type { AppData } from './useAppData';

/** Lào Cai's extent, used only if the catalog has no frame (or it has no features). */
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
  /** The area an area filter chose, when it names a known area. */
  highlight: { collection: string; property: string; value: string } | undefined;
  attribution: { boundaries: string; context: string };
  /** The values are changes (issue 16's change view): classes around 0, diverging palette. */
  diverging?: boolean;
}

export function useMapModel({
  data,
  state,
  lang,
  basemap,
  context,
  indicatorValues,
  bounds,
  highlight,
  attribution,
  diverging = false,
}: MapModelInput) {
  const { catalog } = data;
  const visible = useMemo(() => new Set<string>(state.layers), [state.layers]);
  const filtered: FeaturesByCollection = useMemo(
    () => filterAll(catalog, data.features, state.filters),
    [catalog, data.features, state.filters],
  );
  // Tiled collections are drawn, listed and searched from the server; what is loaded of them
  // (picked, found, saved) only serves the index (details, selection, tooltips).
  const local = useMemo(() => withoutTiled(filtered, data.tiled), [filtered, data.tiled]);
  const spread = useMemo(() => withSpreadSlots(catalog, local, visible), [catalog, local, visible]);
  const index = useMemo(() => indexFeatures(catalog, data.features), [catalog, data.features]);
  const searchEntries = useMemo(
    () => searchEntriesFor(catalog, withoutTiled(data.features, data.tiled), lang),
    [catalog, data.features, data.tiled, lang],
  );
  const listItems = useMemo(
    () => featuresInView(catalog, local, visible, bounds, lang),
    [catalog, local, visible, bounds, lang],
  );
  const interaction = useMemo(() => mapInteraction(catalog, data.tiled), [catalog, data.tiled]);
  const { tiled, tileUrls, revisions } = data;
  const tiles = useMemo(
    () => tiledLayers(catalog, { tiled, tileUrls, revisions }, state.filters),
    [catalog, tiled, tileUrls, revisions, state.filters],
  );

  const choropleth: Choropleth | undefined = useMemo(
    () =>
      indicatorValues
        ? diverging
          ? buildChangeChoropleth(indicatorValues.values)
          : buildChoropleth(indicatorValues.values, state.classMethod)
        : undefined,
    [indicatorValues, state.classMethod, diverging],
  );
  // Colours stay fixed per value (from all features); legends list only what the filters leave.
  const colors = useMemo(() => {
    const out: Record<string, ValueColors> = {};
    for (const c of catalog.collections) out[c.id] = valueColors(c, featuresOf(data.features, c.id));
    return out;
  }, [catalog, data.features]);
  const legend = useMemo(
    () => withTiledCounts(catalog, legendsFor(catalog, filtered, colors, lang), data.counts, data.tiled),
    [catalog, filtered, colors, lang, data.counts, data.tiled],
  );
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
    ? (featuresOf(spread, selected.collection.id).find((f) => f.id === selected.feature.id) ??
      selected.feature)
    : undefined;
  const initialBbox = useMemo(() => {
    const frame = catalog.frame ? featuresOf(data.features, catalog.frame.id) : [];
    return mergeBboxes(frame.map((f) => geometryBbox(f.geometry))) ?? FALLBACK_BBOX;
  }, [catalog, data.features]);

  const style = useMemo(() => {
    const join = catalog.choropleth?.display.choropleth?.joinProperty;
    const classes = Object.entries(choropleth?.colorByCode ?? {});
    const fill: ExpressionSpecification | string =
      join && classes.length > 0
        ? ([
            'match',
            ['to-string', ['get', join]],
            ...classes.flat(),
            NO_DATA_COLOR,
          ] as ExpressionSpecification)
        : NO_DATA_COLOR;
    const drawn: Record<string, FeatureCollection> = {};
    for (const c of catalog.collections) drawn[c.id] = toCollection(featuresOf(spread, c.id));
    return buildMapStyle({
      basemap,
      catalog,
      data: drawn,
      colors,
      context,
      selection: selectedOnMap ? toCollection([selectedOnMap]) : EMPTY,
      visible,
      choropleth: { color: fill, illustrativeCodes },
      highlight,
      lang,
      attribution,
      tiles,
    });
  }, [
    tiles,
    basemap,
    catalog,
    spread,
    colors,
    context,
    selectedOnMap,
    visible,
    choropleth,
    illustrativeCodes,
    highlight,
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
    legend,
    selected,
    initialBbox,
    style,
    interaction,
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

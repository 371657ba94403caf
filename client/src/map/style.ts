import type { FeatureCollection } from 'geojson';
import type { ExpressionSpecification, LayerSpecification, StyleSpecification } from 'maplibre-gl';
import type { Lang } from '../lib/format';
import { labelPoints } from '../lib/labelPoints';
import type { LayerId } from '../lib/urlState';
import { matchColor } from './layers/common';
import { choroplethLayers, districtBorderLayers, districtLabelLayers } from './layers/districts';
import { clusterLayers, facilityLayers, pointLayers, selectionLayers } from './layers/points';

/** Our data sources, one per collection (source id = collection id). */
export interface MapData {
  province: FeatureCollection;
  districts: FeatureCollection;
  'industrial-clusters': FeatureCollection;
  'craft-villages': FeatureCollection;
  facilities: FeatureCollection;
  landmarks: FeatureCollection;
}

export interface MapStyleInput {
  basemap: StyleSpecification;
  data: MapData;
  selection: FeatureCollection;
  visible: ReadonlySet<LayerId>;
  choroplethColor: ExpressionSpecification | string;
  statusColors: Record<string, string>;
  craftColors: Record<string, string>;
  lang: Lang;
}

export const LANDMARK_COLOR = '#333333';
export const FALLBACK_POINT_COLOR = '#777777';

/** The whole map style as data: basemap beneath, our layers on top (pure; diffed by MapView). */
export function buildMapStyle(input: MapStyleInput): StyleSpecification {
  const { data, visible, lang } = input;
  const sources: StyleSpecification['sources'] = {
    ...input.basemap.sources,
    province: { type: 'geojson', data: data.province },
    districts: { type: 'geojson', data: data.districts },
    'district-labels': { type: 'geojson', data: labelPoints(data.districts) },
    'industrial-clusters': { type: 'geojson', data: data['industrial-clusters'] },
    'craft-villages': { type: 'geojson', data: data['craft-villages'] },
    facilities: {
      type: 'geojson',
      data: data.facilities,
      cluster: true,
      clusterMaxZoom: 11,
      clusterRadius: 40,
    },
    landmarks: { type: 'geojson', data: data.landmarks },
    selection: { type: 'geojson', data: input.selection },
  };
  const overlay: LayerSpecification[] = [
    ...choroplethLayers(input.choroplethColor, visible.has('choropleth')),
    {
      id: 'province-outline',
      type: 'line',
      source: 'province',
      paint: { 'line-color': '#222222', 'line-width': 2.5 },
    },
    ...districtBorderLayers(visible.has('districts')),
    ...clusterLayers(
      matchColor('status', input.statusColors, FALLBACK_POINT_COLOR),
      visible.has('clusters'),
      lang,
    ),
    ...pointLayers({
      prefix: 'village',
      source: 'craft-villages',
      color: matchColor('craft', input.craftColors, FALLBACK_POINT_COLOR),
      radius: 6,
      visible: visible.has('villages'),
      lang,
      labelMinZoom: 10,
    }),
    ...facilityLayers(visible.has('facilities'), lang),
    ...pointLayers({
      prefix: 'landmark',
      source: 'landmarks',
      color: LANDMARK_COLOR,
      radius: 5,
      visible: visible.has('landmarks'),
      lang,
      labelMinZoom: 9,
    }),
    ...districtLabelLayers(lang, visible.has('districts')),
    ...selectionLayers(),
  ];
  const font = input.basemap.glyphs ? basemapFont(input.basemap) : undefined;
  return {
    ...input.basemap,
    sources,
    layers: [...input.basemap.layers, ...(font ? withFont(overlay, font) : overlay)],
  };
}

/**
 * A basemap with a `glyphs` URL serves only its own font stacks; our labels must then use one of
 * them (the first literal `text-font` in its layers). Without `glyphs` (offline), MapLibre draws
 * our stacks locally from system fonts.
 */
export function basemapFont(basemap: StyleSpecification): string[] | undefined {
  for (const layer of basemap.layers) {
    if (layer.type !== 'symbol') continue;
    const font = layer.layout?.['text-font'];
    if (Array.isArray(font) && font.every((f) => typeof f === 'string') && font[0] !== 'literal')
      return font as string[];
  }
  return undefined;
}

function withFont(layers: LayerSpecification[], font: string[]): LayerSpecification[] {
  return layers.map((l) => (l.type === 'symbol' ? { ...l, layout: { ...l.layout, 'text-font': font } } : l));
}

/** Layers a click or hover can pick, top-most first. */
export const INTERACTIVE_LAYERS = [
  'facility-cluster',
  'landmark-point',
  'facility-point',
  'village-point',
  'cluster-point',
  'cluster-area',
  'district-fill',
];

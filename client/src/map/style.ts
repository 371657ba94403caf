import type { FeatureCollection } from 'geojson';
import type { ExpressionSpecification, LayerSpecification, StyleSpecification } from 'maplibre-gl';
import type { Lang } from '../lib/format';
import { labelPoints } from '../lib/labelPoints';
import type { LayerId } from '../lib/urlState';
import { matchColor } from './layers/common';
import { contextLayers, internationalBorderLayers } from './layers/context';
import {
  choroplethLayers,
  districtBorderLayers,
  districtHighlightLayers,
  districtLabelLayers,
  illustrativeHatchLayers,
} from './layers/districts';
import {
  clusterLayers,
  facilityLayers,
  pointLayers,
  selectionLayers,
  selectionRingLayers,
  symbolIcon,
} from './layers/points';
import {
  FALLBACK_POINT_COLOR,
  LANDMARK_COLOR,
  LANDMARK_COLORS,
  LANDMARK_SHAPES,
} from './layers/presentation';

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
  /** Neighbouring countries and the international border (geodata/context.geojson); empty until loaded. */
  context: FeatureCollection;
  selection: FeatureCollection;
  visible: ReadonlySet<LayerId>;
  choroplethColor: ExpressionSpecification | string;
  /** District codes whose indicator value is illustrative (hatched on the map). */
  illustrativeCodes: readonly string[];
  /** The district of the district filter (outlined), if any. */
  highlightDistrict?: string;
  statusColors: Record<string, string>;
  craftColors: Record<string, string>;
  lang: Lang;
  /** Attribution texts of our sources (plain text), in the UI language. */
  attribution: { boundaries: string; context: string };
}

/** The whole map style as data: basemap beneath, our layers on top (pure; diffed by MapView). */
export function buildMapStyle(input: MapStyleInput): StyleSpecification {
  const { data, visible, lang } = input;
  const sources: StyleSpecification['sources'] = {
    ...input.basemap.sources,
    context: { type: 'geojson', data: input.context, attribution: input.attribution.context },
    province: { type: 'geojson', data: data.province, attribution: input.attribution.boundaries },
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
  const statusColor = matchColor('status', input.statusColors, FALLBACK_POINT_COLOR);
  const craftColor = matchColor('craft', input.craftColors, FALLBACK_POINT_COLOR);
  const landmarkColor = matchColor('kind', { ...LANDMARK_COLORS }, LANDMARK_COLOR);
  const [villageHalo, villageSymbol] = pointLayers({
    collection: 'craft-villages',
    color: craftColor,
    icon: symbolIcon('circle', craftColor),
    visible: visible.has('villages'),
    lang,
  });
  const [landmarkHalo, landmarkSymbol] = pointLayers({
    collection: 'landmarks',
    color: landmarkColor,
    icon: symbolIcon(
      [
        'match',
        ['get', 'kind'],
        ...Object.entries(LANDMARK_SHAPES).flat(),
        'seat',
      ] as unknown as ExpressionSpecification,
      landmarkColor,
    ),
    visible: visible.has('landmarks'),
    lang,
  });
  const [areaLayer, clusterHalo, clusterSymbol] = clusterLayers(statusColor, visible.has('clusters'), lang);
  const [facilityGroups, facilityCount, facilityHalo, facilitySymbol] = facilityLayers(
    visible.has('facilities'),
    lang,
  );
  // Drawn bottom to top. Symbols are placed top to bottom: clusters first (their labels win and no
  // later label covers a cluster), then district names, landmarks, facilities and villages.
  const overlay: LayerSpecification[] = [
    ...choroplethLayers(input.choroplethColor, visible.has('choropleth')),
    ...illustrativeHatchLayers(input.illustrativeCodes, visible.has('choropleth')),
    {
      id: 'province-outline',
      type: 'line',
      source: 'province',
      paint: { 'line-color': '#222222', 'line-width': 2.5 },
    },
    ...districtBorderLayers(visible.has('districts')),
    ...districtHighlightLayers(input.highlightDistrict),
    ...internationalBorderLayers(),
    areaLayer,
    villageHalo,
    facilityHalo,
    landmarkHalo,
    clusterHalo,
    ...selectionLayers(),
    ...contextLayers(lang),
    villageSymbol,
    facilityGroups,
    facilityCount,
    facilitySymbol,
    landmarkSymbol,
    ...districtLabelLayers(lang, visible.has('districts')),
    clusterSymbol,
    ...selectionRingLayers(),
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
  return layers.map((l) =>
    l.type === 'symbol' && l.layout?.['text-field']
      ? { ...l, layout: { ...l.layout, 'text-font': font } }
      : l,
  );
}

/** Layers a click or hover can pick, top-most first. */
export const INTERACTIVE_LAYERS = [
  'cluster-symbol',
  'landmark-symbol',
  'facility-cluster',
  'facility-symbol',
  'village-symbol',
  'cluster-area',
  'district-fill',
];

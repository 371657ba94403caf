import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl';
import type { Lang } from '../../lib/format';
import {
  FONT_REGULAR,
  IS_APPROXIMATE,
  IS_POINT,
  IS_POLYGON,
  labelExpression,
  uncertaintyRadius,
  visibility,
} from './common';

interface PointFamily {
  /** Prefix of the layer ids ('cluster', 'village', 'landmark'). */
  prefix: string;
  source: string;
  color: ExpressionSpecification | string;
  radius: number;
  visible: boolean;
  lang: Lang;
  /** Show a label next to the point from this zoom on (undefined: no label layer). */
  labelMinZoom?: number;
  /** Extra filter (e.g. excluding clustered points). */
  filter?: ExpressionSpecification;
}

/**
 * A point layer family: an uncertainty halo for approximate locations (a faint disc with a
 * dashed-looking thin rim sized by `location_uncertainty_km`), the point itself (smaller and hollow
 * when approximate, so it does not read as a precise pin) and an optional label.
 */
export function pointLayers(f: PointFamily): LayerSpecification[] {
  const base: ExpressionSpecification = f.filter ? ['all', IS_POINT, f.filter] : IS_POINT;
  const layers: LayerSpecification[] = [
    {
      id: `${f.prefix}-halo`,
      type: 'circle',
      source: f.source,
      filter: ['all', base, IS_APPROXIMATE],
      layout: { visibility: visibility(f.visible) },
      paint: {
        'circle-radius': uncertaintyRadius(2),
        'circle-color': f.color,
        'circle-opacity': 0.07,
        'circle-stroke-color': f.color,
        'circle-stroke-width': 1,
        'circle-stroke-opacity': 0.45,
      },
    },
    {
      id: `${f.prefix}-point`,
      type: 'circle',
      source: f.source,
      filter: base,
      layout: { visibility: visibility(f.visible) },
      paint: {
        'circle-radius': f.radius,
        'circle-color': ['case', IS_APPROXIMATE, '#ffffff', f.color],
        'circle-stroke-color': ['case', IS_APPROXIMATE, f.color, '#1a1a1a'],
        'circle-stroke-width': ['case', IS_APPROXIMATE, 3, 1.5],
      },
    },
  ];
  if (f.labelMinZoom !== undefined) {
    layers.push({
      id: `${f.prefix}-label`,
      type: 'symbol',
      source: f.source,
      filter: base,
      minzoom: f.labelMinZoom,
      layout: {
        visibility: visibility(f.visible),
        'text-field': labelExpression(f.lang),
        'text-font': FONT_REGULAR,
        'text-size': 12,
        'text-offset': [0, 1.1],
        'text-anchor': 'top',
        'text-max-width': 10,
        'text-optional': true,
      },
      paint: { 'text-color': '#1a1a1a', 'text-halo-color': '#ffffff', 'text-halo-width': 1.4 },
    });
  }
  return layers;
}

/** Industrial clusters: areas when the data has polygons, otherwise points; coloured by status. */
export function clusterLayers(
  color: ExpressionSpecification | string,
  visible: boolean,
  lang: Lang,
): LayerSpecification[] {
  return [
    {
      id: 'cluster-area',
      type: 'fill',
      source: 'industrial-clusters',
      filter: IS_POLYGON,
      layout: { visibility: visibility(visible) },
      paint: { 'fill-color': color, 'fill-opacity': 0.5, 'fill-outline-color': '#1a1a1a' },
    },
    ...pointLayers({
      prefix: 'cluster',
      source: 'industrial-clusters',
      color,
      radius: 8,
      visible,
      lang,
      labelMinZoom: 8,
    }),
  ];
}

/** Facilities: clustered at low zoom (circles sized by count, count label), single points beyond. */
export function facilityLayers(visible: boolean, lang: Lang): LayerSpecification[] {
  const color = '#CC79A7';
  return [
    {
      id: 'facility-cluster',
      type: 'circle',
      source: 'facilities',
      filter: ['has', 'point_count'],
      layout: { visibility: visibility(visible) },
      paint: {
        'circle-color': '#7a2a5c',
        'circle-radius': ['step', ['get', 'point_count'], 13, 10, 17, 100, 22, 1000, 28],
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 2,
      },
    },
    {
      id: 'facility-cluster-count',
      type: 'symbol',
      source: 'facilities',
      filter: ['has', 'point_count'],
      layout: {
        visibility: visibility(visible),
        'text-field': ['to-string', ['get', 'point_count_abbreviated']],
        'text-font': FONT_REGULAR,
        'text-size': 12,
        'text-allow-overlap': true,
      },
      paint: { 'text-color': '#ffffff' },
    },
    ...pointLayers({
      prefix: 'facility',
      source: 'facilities',
      color,
      radius: 6,
      visible,
      lang,
      labelMinZoom: 11,
      filter: ['!', ['has', 'point_count']],
    }),
  ];
}

/** The selected feature, drawn on top: a thick ring (points) or outline (areas). */
export function selectionLayers(): LayerSpecification[] {
  return [
    {
      id: 'selection-outline',
      type: 'line',
      source: 'selection',
      filter: IS_POLYGON,
      paint: { 'line-color': '#d62728', 'line-width': 3.5 },
    },
    {
      id: 'selection-ring',
      type: 'circle',
      source: 'selection',
      filter: IS_POINT,
      paint: {
        'circle-radius': 14,
        'circle-color': 'rgba(0,0,0,0)',
        'circle-stroke-color': '#d62728',
        'circle-stroke-width': 3.5,
      },
    },
  ];
}

import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl';
import type { Lang } from '../../lib/format';
import { FONT_BOLD, labelExpression, visibility } from './common';
import { symbolId } from './symbols';

export const DISTRICT_FILL_LAYER = 'district-fill';

/** The choropleth fill of the districts (colour from the indicator classes, by district code). */
export function choroplethLayers(
  fillColor: ExpressionSpecification | string,
  visible: boolean,
): LayerSpecification[] {
  return [
    {
      id: DISTRICT_FILL_LAYER,
      type: 'fill',
      source: 'districts',
      layout: { visibility: 'visible' },
      paint: { 'fill-color': fillColor, 'fill-opacity': visible ? 0.85 : 0 },
    },
  ];
}

/** District borders (drawn under the point layers). */
export function districtBorderLayers(visible: boolean): LayerSpecification[] {
  return [
    {
      id: 'district-border',
      type: 'line',
      source: 'districts',
      layout: { visibility: visibility(visible), 'line-join': 'round' },
      paint: { 'line-color': '#4a4a4a', 'line-width': ['interpolate', ['linear'], ['zoom'], 7, 0.8, 12, 2] },
    },
  ];
}

/**
 * District names, one per district (lib/labelPoints), drawn above the point layers so that
 * MapLibre places them first: a point's label gives way to a district name, not the reverse.
 */
export function districtLabelLayers(lang: Lang, visible: boolean): LayerSpecification[] {
  return [
    {
      id: 'district-label',
      type: 'symbol',
      source: 'district-labels',
      layout: {
        visibility: visibility(visible),
        'text-field': labelExpression(lang),
        'text-font': FONT_BOLD,
        'text-size': ['interpolate', ['linear'], ['zoom'], 7, 11, 11, 16],
        'text-max-width': 8,
      },
      paint: { 'text-color': '#1a1a1a', 'text-halo-color': '#ffffff', 'text-halo-width': 1.6 },
    },
  ];
}

/** Hatching over districts whose indicator value is illustrative: the map itself says so. */
export function illustrativeHatchLayers(codes: readonly string[], visible: boolean): LayerSpecification[] {
  if (codes.length === 0) return [];
  return [
    {
      id: 'district-illustrative-hatch',
      type: 'fill',
      source: 'districts',
      filter: ['in', ['to-string', ['get', 'code']], ['literal', [...codes]]],
      layout: { visibility: visibility(visible) },
      paint: { 'fill-pattern': symbolId('hatch', '#3d3d3d', false), 'fill-opacity': 0.55 },
    },
  ];
}

/** A thick outline around the district of the district filter. */
export function districtHighlightLayers(code: string | undefined): LayerSpecification[] {
  if (!code) return [];
  return [
    {
      id: 'district-highlight',
      type: 'line',
      source: 'districts',
      filter: ['==', ['to-string', ['get', 'code']], code],
      layout: { 'line-join': 'round' },
      paint: { 'line-color': '#0b5cad', 'line-width': 4 },
    },
  ];
}

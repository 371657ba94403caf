import type { LayerSpecification } from 'maplibre-gl';
import type { Lang } from '../../lib/format';
import { CONTEXT_SOURCE, FONT_BOLD } from './common';

/** The international border's colour (dash-dot), drawn unlike any of our own borders. */
export const BORDER_COLOR = '#7a1f5c';

/**
 * The country context around the province (source CONTEXT_SOURCE, geodata/context.geojson): the
 * international border with China along the province outline, drawn unlike any district border,
 * and the name of the neighbouring country and province. Kinds: `country` (areas, filled by the
 * offline basemap), `international_border` (lines), `label` (points). The catalog's `context`
 * hint places the border above that collection's borders and its legend entry under its toggle.
 */
export function internationalBorderLayers(): LayerSpecification[] {
  return [
    {
      id: 'international-border-casing',
      type: 'line',
      source: CONTEXT_SOURCE,
      filter: ['==', ['get', 'kind'], 'international_border'],
      layout: { 'line-join': 'round' },
      paint: { 'line-color': '#ffffff', 'line-width': 6, 'line-opacity': 0.8 },
    },
    {
      id: 'international-border',
      type: 'line',
      source: CONTEXT_SOURCE,
      filter: ['==', ['get', 'kind'], 'international_border'],
      layout: { 'line-join': 'round' },
      paint: { 'line-color': BORDER_COLOR, 'line-width': 3.5, 'line-dasharray': [3, 1, 0.6, 1] },
    },
  ];
}

export function contextLayers(lang: Lang): LayerSpecification[] {
  const name = lang === 'vi' ? 'name' : 'name_en';
  const region = lang === 'vi' ? 'region' : 'region_en';
  return [
    {
      id: 'context-label',
      type: 'symbol',
      source: CONTEXT_SOURCE,
      filter: ['==', ['get', 'kind'], 'label'],
      layout: {
        'text-field': [
          'concat',
          ['upcase', ['to-string', ['get', name]]],
          '\n',
          ['to-string', ['get', region]],
        ],
        'text-font': FONT_BOLD,
        'text-size': 13,
        'text-letter-spacing': 0.08,
        'text-max-width': 12,
      },
      paint: { 'text-color': '#5a3a52', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
    },
  ];
}

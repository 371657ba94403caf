import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl';
import type { CatalogCollection } from '../../catalog/catalog';
import type { Lang } from '../../lib/format';
import { FONT_BOLD, labelExpression, labelSource, layerId, visibility } from './common';
import { type CollectionStyle, colorExpression, HIGHLIGHT_STATE, HOVER_STATE } from './points';
import { symbolId } from './symbols';

/**
 * An area collection's own layers: borders (`outline`; width `size`, thinner at low zoom unless
 * it is the map's frame) or filled polygons (`fill`), and for a pickable outline a transparent
 * fill that hover and click can hit.
 */
export function areaLayers(p: CollectionStyle): LayerSpecification[] {
  const { c, visible } = p;
  const d = c.display;
  if (d.symbol === 'fill') {
    return [
      {
        id: layerId(c.id, 'area'),
        type: 'fill',
        source: c.id,
        layout: { visibility: visibility(visible) },
        paint: {
          'fill-color': colorExpression(c, p.colors),
          'fill-opacity': 0.5,
          'fill-outline-color': '#1a1a1a',
        },
      },
    ];
  }
  // The frame is a crisp constant-width line with mitred corners; other borders thin out when
  // zoomed out and round their joins.
  const outline: LayerSpecification = {
    id: layerId(c.id, 'outline'),
    type: 'line',
    source: c.id,
    layout: d.frame
      ? { visibility: visibility(visible) }
      : { visibility: visibility(visible), 'line-join': 'round' },
    paint: {
      'line-color': d.color,
      'line-width': d.frame ? d.size : ['interpolate', ['linear'], ['zoom'], 7, 0.4 * d.size, 12, d.size],
    },
  };
  // The choropleth's fill is the areas' hit layer when there is one.
  if (!d.pickable || d.choropleth) return [outline];
  const hit: LayerSpecification = {
    id: layerId(c.id, 'hit'),
    type: 'fill',
    source: c.id,
    layout: { visibility: visibility(visible) },
    paint: { 'fill-color': '#000000', 'fill-opacity': 0 },
  };
  return [hit, outline];
}

/**
 * The indicator fill of the choropleth areas (colour from the indicator classes, joined on the
 * hint's `joinProperty`). Always laid out, transparent when off, so the areas stay pickable.
 */
export function choroplethLayers(
  c: CatalogCollection,
  fillColor: ExpressionSpecification | string,
  visible: boolean,
): LayerSpecification[] {
  return [
    {
      id: layerId(c.id, 'choropleth'),
      type: 'fill',
      source: c.id,
      layout: { visibility: 'visible' },
      paint: { 'fill-color': fillColor, 'fill-opacity': visible ? 0.85 : 0 },
    },
    // The area under the pointer, or highlighted from elsewhere (a chart's bar), is outlined.
    {
      id: layerId(c.id, 'hover'),
      type: 'line',
      source: c.id,
      layout: { 'line-join': 'round' },
      paint: {
        'line-color': '#c2410c',
        'line-width': 3,
        'line-opacity': [
          'case',
          [
            'any',
            ['boolean', ['feature-state', HOVER_STATE], false],
            ['boolean', ['feature-state', HIGHLIGHT_STATE], false],
          ],
          1,
          0,
        ],
      },
    },
  ];
}

/** Hatching over areas whose indicator value is illustrative: the map itself says so. */
export function illustrativeHatchLayers(
  c: CatalogCollection,
  joinProperty: string,
  codes: readonly string[],
  visible: boolean,
): LayerSpecification[] {
  if (codes.length === 0) return [];
  return [
    {
      id: layerId(c.id, 'illustrative-hatch'),
      type: 'fill',
      source: c.id,
      filter: ['in', ['to-string', ['get', joinProperty]], ['literal', [...codes]]],
      layout: { visibility: visibility(visible) },
      paint: { 'fill-pattern': symbolId('hatch', '#3d3d3d', false), 'fill-opacity': 0.55 },
    },
  ];
}

/** A thick outline around the area chosen by an area filter. */
export function highlightLayers(c: CatalogCollection, property: string, value: string): LayerSpecification[] {
  return [
    {
      id: layerId(c.id, 'highlight'),
      type: 'line',
      source: c.id,
      filter: ['==', ['to-string', ['get', property]], value],
      layout: { 'line-join': 'round' },
      paint: { 'line-color': '#0b5cad', 'line-width': 4 },
    },
  ];
}

/**
 * Area names, one per area (lib/labelPoints), bold; stacked with the point symbols by label
 * priority, so a point's label gives way to a district name placed before it.
 */
export function areaLabelLayers(c: CatalogCollection, lang: Lang, visible: boolean): LayerSpecification[] {
  const label = c.display.label;
  if (!label) return [];
  const text = labelExpression(lang, c.label);
  return [
    {
      id: layerId(c.id, 'label'),
      type: 'symbol',
      source: labelSource(c.id),
      layout: {
        visibility: visibility(visible),
        'text-field': label.minZoom > 0 ? ['step', ['zoom'], '', label.minZoom, text] : text,
        'text-font': FONT_BOLD,
        'text-size': ['interpolate', ['linear'], ['zoom'], 7, 11, 11, 16],
        'text-max-width': 8,
      },
      paint: { 'text-color': '#1a1a1a', 'text-halo-color': '#ffffff', 'text-halo-width': 1.6 },
    },
  ];
}

import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl';
import type { CatalogCollection } from '../../catalog/catalog';
import { pointSymbol, type ValueColors } from '../../catalog/presentation';
import type { Lang } from '../../lib/format';
import { MAX_SPREAD, spreadOffset } from '../../lib/spread';
import {
  FONT_REGULAR,
  IS_APPROXIMATE,
  IS_POINT,
  IS_POLYGON,
  labelExpression,
  layerId,
  matchValue,
  SELECTION_SOURCE,
  uncertaintyRadius,
  visibility,
} from './common';
import { scaledSize, symbolId } from './symbols';

/** Feature state MapView sets on the feature under the pointer. */
export const HOVER_STATE = 'hover';
/** Feature state of a feature the app highlights (e.g. a district whose chart bar is hovered). */
export const HIGHLIGHT_STATE = 'highlight';
const HOVERED: ExpressionSpecification = ['boolean', ['feature-state', HOVER_STATE], false];

/** What the point layers of one collection are drawn from. */
export interface CollectionStyle {
  c: CatalogCollection;
  /** Colours per value of its `colorBy` property (catalog/presentation valueColors). */
  colors: ValueColors;
  visible: boolean;
  lang: Lang;
  /**
   * Drawn from the collection's vector tiles (source layer = collection id; clusters with
   * `point_count` at low zoom). The server filters them (the filters are in the tile URL), so
   * the count bubbles count only the matching features.
   */
  tiled?: boolean;
}

/** The source (and, for vector tiles, the source layer) of a collection's layers. */
export function sourceOf(c: CatalogCollection, tiled: boolean): { source: string; 'source-layer'?: string } {
  return tiled ? { source: c.id, 'source-layer': c.id } : { source: c.id };
}

/** The feature's colour: by `colorBy`, else the layer's colour. */
export function colorExpression(c: CatalogCollection, colors: ValueColors): ExpressionSpecification | string {
  const by = c.display.colorBy;
  return by ? matchValue(by.property, colors, c.display.color) : c.display.color;
}

/**
 * Image id of our canvas symbol per feature (map/layers/symbols): the shape by `symbolBy` (else
 * the layer's), its colour, pale when the location is approximate (with `uncertainty`), and its
 * size (symbols chosen per value keep their proportion to the layer's own).
 */
export function symbolIcon(
  c: CatalogCollection,
  color: ExpressionSpecification | string,
): ExpressionSpecification {
  const base = pointSymbol(c);
  const size = c.display.size;
  const by = c.display.symbolBy;
  const shape = by ? matchValue(by.property, by.symbols, base) : base;
  const sizes = by
    ? matchValue(
        by.property,
        Object.fromEntries(
          Object.entries(by.symbols).map(([v, s]) => [v, String(scaledSize(s, base, size))]),
        ),
        String(size),
      )
    : String(size);
  const variant = c.display.uncertainty ? ['case', IS_APPROXIMATE, 'approx', 'exact'] : 'exact';
  return ['concat', 'sym|', shape, '|', color, '|', variant, '|', sizes] as ExpressionSpecification;
}

/**
 * The icon offset (px) per feature from its `_slot` property, which spreads features at the same
 * place (lib/spread); features without a slot stay on their location.
 */
export function spreadExpression(): ExpressionSpecification {
  const cases: unknown[] = [];
  for (let n = 2; n <= MAX_SPREAD; n++) {
    for (let k = 0; k < n; k++) cases.push(`${k}/${n}`, ['literal', spreadOffset(k, n)]);
  }
  return ['match', ['to-string', ['get', '_slot']], ...cases, ['literal', [0, 0]]] as ExpressionSpecification;
}

const LABEL_SIZE = 12;
type Anchor = 'top' | 'bottom' | 'left' | 'right';

/** Which side of a spread symbol its label goes: away from the group's centre. */
function outward(x: number, y: number): Anchor {
  if (Math.abs(x) > Math.abs(y)) return x < 0 ? 'right' : 'left';
  return y < 0 ? 'bottom' : 'top';
}

/**
 * Label anchor and offset (ems) per feature: below its symbol, or, for a spread symbol, on the
 * outer side of it, so each label sits next to the symbol it names. `half` = half the symbol size (px).
 */
export function labelPlacement(half: number): {
  anchor: ExpressionSpecification;
  offset: ExpressionSpecification;
} {
  const gap = half + 2;
  const anchors: unknown[] = [];
  const offsets: unknown[] = [];
  for (let n = 2; n <= MAX_SPREAD; n++) {
    for (let k = 0; k < n; k++) {
      const [x, y] = spreadOffset(k, n);
      const side = outward(x, y);
      const push = { left: [gap, 0], right: [-gap, 0], top: [0, gap], bottom: [0, -gap] }[side];
      anchors.push(`${k}/${n}`, side);
      offsets.push(`${k}/${n}`, ['literal', [(x + push[0]!) / LABEL_SIZE, (y + push[1]!) / LABEL_SIZE]]);
    }
  }
  const slot: ExpressionSpecification = ['to-string', ['get', '_slot']];
  return {
    anchor: ['match', slot, ...anchors, 'top'] as ExpressionSpecification,
    offset: ['match', slot, ...offsets, ['literal', [0, gap / LABEL_SIZE]]] as ExpressionSpecification,
  };
}

/**
 * A point collection's layers: `halos`, the uncertainty disc (radius = `location_uncertainty_km`
 * on the ground) drawn only for the feature under the pointer (the selected one has its own, see
 * selectionLayers), and `symbols`: with `cluster`, the count bubbles and their numbers, then one
 * symbol layer with the canvas symbol and its label. Symbols always show (icon-allow-overlap) but
 * keep their place in the collision index, so labels of layers placed later never cover them; a
 * label is optional and placed next to its own symbol, also when the symbol is spread away from
 * features at the same place.
 */
export function pointLayers(p: CollectionStyle): {
  halos: LayerSpecification[];
  symbols: LayerSpecification[];
} {
  const { c, visible, lang } = p;
  const d = c.display;
  const color = colorExpression(c, p.colors);
  const tiled = p.tiled === true;
  const on = sourceOf(c, tiled);
  const base: ExpressionSpecification =
    d.cluster || tiled ? ['all', IS_POINT, ['!', ['has', 'point_count']]] : IS_POINT;
  const halos: LayerSpecification[] = d.uncertainty
    ? [
        {
          id: layerId(c.id, 'halo'),
          type: 'circle',
          ...on,
          filter: ['all', base, IS_APPROXIMATE],
          layout: { visibility: visibility(visible) },
          paint: {
            'circle-radius': uncertaintyRadius(2),
            'circle-color': color,
            'circle-opacity': ['case', HOVERED, 0.1, 0],
            'circle-stroke-color': color,
            'circle-stroke-width': 1.2,
            'circle-stroke-opacity': ['case', HOVERED, 0.7, 0],
          },
        },
      ]
    : [];
  const label = labelPlacement(d.size / 2);
  const text: LayerSpecification['layout'] = d.label
    ? {
        'text-field':
          d.label.minZoom > 0
            ? ['step', ['zoom'], '', d.label.minZoom, labelExpression(lang, c.label)]
            : labelExpression(lang, c.label),
        'text-font': FONT_REGULAR,
        'text-size': LABEL_SIZE,
        'text-anchor': label.anchor,
        'text-offset': label.offset,
        'text-max-width': 10,
        'text-optional': true,
        'text-padding': 1,
      }
    : {};
  const symbol: LayerSpecification = {
    id: layerId(c.id, 'symbol'),
    type: 'symbol',
    ...on,
    filter: base,
    layout: {
      visibility: visibility(visible),
      'icon-image': symbolIcon(c, color),
      'icon-allow-overlap': true,
      ...(d.spread ? { 'icon-offset': spreadExpression() } : {}),
      ...text,
    },
    paint: { 'text-color': '#1a1a1a', 'text-halo-color': '#ffffff', 'text-halo-width': 1.4 },
  };
  return { halos, symbols: [...groupLayers(c, visible, lang, tiled), symbol] };
}

/**
 * Points merged at low zoom (`cluster`, and always in vector tiles): circles sized by count,
 * with the count (in the locale's digits for tiles); click zooms in.
 */
function groupLayers(
  c: CatalogCollection,
  visible: boolean,
  lang: Lang,
  tiled: boolean,
): LayerSpecification[] {
  const cluster = c.display.cluster;
  if (!cluster && !tiled) return [];
  const count: ExpressionSpecification = tiled
    ? ['number-format', ['get', 'point_count'], { locale: lang === 'vi' ? 'vi-VN' : 'en-GB' }]
    : ['to-string', ['get', 'point_count_abbreviated']];
  return [
    {
      id: layerId(c.id, 'groups'),
      type: 'circle',
      ...sourceOf(c, tiled),
      filter: ['has', 'point_count'],
      layout: { visibility: visibility(visible) },
      paint: {
        'circle-color': cluster?.color ?? c.display.color,
        'circle-radius': ['step', ['get', 'point_count'], 12, 10, 16, 100, 21, 1000, 27],
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 2,
      },
    },
    {
      id: layerId(c.id, 'group-count'),
      type: 'symbol',
      ...sourceOf(c, tiled),
      filter: ['has', 'point_count'],
      layout: {
        visibility: visibility(visible),
        'text-field': count,
        'text-font': FONT_REGULAR,
        'text-size': 12,
        'text-allow-overlap': true,
        'text-ignore-placement': true,
      },
      paint: { 'text-color': '#ffffff' },
    },
  ];
}

/** The polygons of a collection drawn as points or areas (a cluster with a site plan). */
export function pointAreaLayers(p: CollectionStyle): LayerSpecification[] {
  return [
    {
      id: layerId(p.c.id, 'area'),
      type: 'fill',
      source: p.c.id,
      filter: IS_POLYGON,
      layout: { visibility: visibility(p.visible) },
      paint: {
        'fill-color': colorExpression(p.c, p.colors),
        'fill-opacity': 0.5,
        'fill-outline-color': '#1a1a1a',
      },
    },
  ];
}

/** The selected feature's uncertainty disc (when approximate) and a red outline around an area. */
export function selectionLayers(): LayerSpecification[] {
  return [
    {
      id: 'selection-halo',
      type: 'circle',
      source: SELECTION_SOURCE,
      filter: ['all', IS_POINT, IS_APPROXIMATE],
      paint: {
        'circle-radius': uncertaintyRadius(2),
        'circle-color': '#d62728',
        'circle-opacity': 0.08,
        'circle-stroke-color': '#d62728',
        'circle-stroke-width': 1.2,
        'circle-stroke-opacity': 0.7,
      },
    },
    {
      id: 'selection-outline',
      type: 'line',
      source: SELECTION_SOURCE,
      filter: IS_POLYGON,
      paint: { 'line-color': '#d62728', 'line-width': 3.5 },
    },
  ];
}

/** A red ring around the selected point's symbol (offset with it when spread), above every symbol. */
export function selectionRingLayers(): LayerSpecification[] {
  return [
    {
      id: 'selection-ring',
      type: 'symbol',
      source: SELECTION_SOURCE,
      filter: IS_POINT,
      layout: {
        'icon-image': symbolId('ring', '#d62728', false),
        'icon-allow-overlap': true,
        'icon-ignore-placement': true,
        'icon-offset': spreadExpression(),
      },
    },
  ];
}

import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl';
import type { Lang } from '../../lib/format';
import { MAX_SPREAD, spreadOffset } from '../../lib/spread';
import {
  FONT_REGULAR,
  IS_APPROXIMATE,
  IS_POINT,
  IS_POLYGON,
  labelExpression,
  uncertaintyRadius,
  visibility,
} from './common';
import { FACILITY_COLOR, POINT_PRESENTATION, type PointCollection } from './presentation';
import { SYMBOL_SIZES, type SymbolShape, symbolId } from './symbols';

/** Feature state MapView sets on the feature under the pointer. */
export const HOVER_STATE = 'hover';
const HOVERED: ExpressionSpecification = ['boolean', ['feature-state', HOVER_STATE], false];

interface PointFamily {
  collection: PointCollection;
  /** Source id (default: the collection id). */
  source?: string;
  /** Colour of the uncertainty disc. */
  color: ExpressionSpecification | string;
  /** The symbol's image id per feature (see `symbolIcon`). */
  icon: ExpressionSpecification | string;
  visible: boolean;
  lang: Lang;
  /** Extra filter (e.g. excluding clustered points). */
  filter?: ExpressionSpecification;
}

/** Image id of our canvas symbol: shape and colour per feature, pale when approximate. */
export function symbolIcon(
  shape: SymbolShape | ExpressionSpecification,
  color: ExpressionSpecification | string,
): ExpressionSpecification {
  return [
    'concat',
    'sym|',
    shape,
    '|',
    color,
    '|',
    ['case', IS_APPROXIMATE, 'approx', 'exact'],
  ] as ExpressionSpecification;
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
 * A point layer family: the uncertainty disc (radius = `location_uncertainty_km` on the ground),
 * drawn only for the feature under the pointer (the selected one has its own, see
 * selectionLayers), and one symbol layer with the canvas symbol and its label. Symbols always
 * show (icon-allow-overlap) but keep their place in the collision index, so labels of layers
 * placed later never cover them; a label is optional and placed next to its own symbol, also
 * when the symbol is spread away from features at the same place.
 */
export function pointLayers(f: PointFamily): LayerSpecification[] {
  const p = POINT_PRESENTATION[f.collection];
  const source = f.source ?? f.collection;
  const label = labelPlacement(SYMBOL_SIZES[p.shape] / 2);
  const base: ExpressionSpecification = f.filter ? ['all', IS_POINT, f.filter] : IS_POINT;
  return [
    {
      id: `${p.prefix}-halo`,
      type: 'circle',
      source,
      filter: ['all', base, IS_APPROXIMATE],
      layout: { visibility: visibility(f.visible) },
      paint: {
        'circle-radius': uncertaintyRadius(2),
        'circle-color': f.color,
        'circle-opacity': ['case', HOVERED, 0.1, 0],
        'circle-stroke-color': f.color,
        'circle-stroke-width': 1.2,
        'circle-stroke-opacity': ['case', HOVERED, 0.7, 0],
      },
    },
    {
      id: `${p.prefix}-symbol`,
      type: 'symbol',
      source,
      filter: base,
      layout: {
        visibility: visibility(f.visible),
        'icon-image': f.icon,
        'icon-allow-overlap': true,
        'icon-offset': spreadExpression(),
        'text-field': ['step', ['zoom'], '', p.labelMinZoom, labelExpression(f.lang)],
        'text-font': FONT_REGULAR,
        'text-size': LABEL_SIZE,
        'text-anchor': label.anchor,
        'text-offset': label.offset,
        'text-max-width': 10,
        'text-optional': true,
        'text-padding': 1,
      },
      paint: { 'text-color': '#1a1a1a', 'text-halo-color': '#ffffff', 'text-halo-width': 1.4 },
    },
  ];
}

/** Industrial clusters: areas when the data has polygons, otherwise square industry symbols by status. */
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
    ...clusterSymbolLayers(color, visible, lang),
  ];
}

function clusterSymbolLayers(color: ExpressionSpecification | string, visible: boolean, lang: Lang) {
  return pointLayers({
    collection: 'industrial-clusters',
    color,
    icon: symbolIcon(POINT_PRESENTATION['industrial-clusters'].shape, color),
    visible,
    lang,
  });
}

/** Facilities: grouped at low zoom (circles sized by count, count label), diamonds beyond. */
export function facilityLayers(visible: boolean, lang: Lang): LayerSpecification[] {
  return [
    {
      id: 'facility-cluster',
      type: 'circle',
      source: 'facilities',
      filter: ['has', 'point_count'],
      layout: { visibility: visibility(visible) },
      paint: {
        'circle-color': FACILITY_COLOR,
        'circle-radius': ['step', ['get', 'point_count'], 12, 10, 16, 100, 21, 1000, 27],
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
        'text-ignore-placement': true,
      },
      paint: { 'text-color': '#ffffff' },
    },
    ...pointLayers({
      collection: 'facilities',
      color: FACILITY_COLOR,
      icon: symbolIcon(POINT_PRESENTATION.facilities.shape, FACILITY_COLOR),
      visible,
      lang,
      filter: ['!', ['has', 'point_count']],
    }),
  ];
}

/** The selected feature's uncertainty disc (when approximate) and a red outline around an area. */
export function selectionLayers(): LayerSpecification[] {
  return [
    {
      id: 'selection-halo',
      type: 'circle',
      source: 'selection',
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
      source: 'selection',
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
      source: 'selection',
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

import type { FeatureCollection } from 'geojson';
import type { ExpressionSpecification, LayerSpecification, StyleSpecification } from 'maplibre-gl';
import { type Catalog, type CatalogCollection, hasPoints, isShown } from '../catalog/catalog';
import type { ValueColors } from '../catalog/presentation';
import type { Lang } from '../lib/format';
import { labelPoints } from '../lib/labelPoints';
import {
  areaLabelLayers,
  areaLayers,
  choroplethLayers,
  highlightLayers,
  illustrativeHatchLayers,
} from './layers/areas';
import { CONTEXT_SOURCE, labelSource, layerId, SELECTION_SOURCE } from './layers/common';
import { contextLayers, internationalBorderLayers } from './layers/context';
import { pointAreaLayers, pointLayers, selectionLayers, selectionRingLayers } from './layers/points';

export interface MapStyleInput {
  basemap: StyleSpecification;
  catalog: Catalog;
  /** Each collection's features as drawn (filters applied, spread slots set), by collection id. */
  data: Readonly<Record<string, FeatureCollection>>;
  /** Colours per `colorBy` value, by collection id (catalog/presentation valueColors). */
  colors: Readonly<Record<string, ValueColors>>;
  /** Neighbouring countries and the international border (geodata/context.geojson); empty until loaded. */
  context: FeatureCollection;
  selection: FeatureCollection;
  /** The layer toggles that are on (catalog toggle keys). */
  visible: ReadonlySet<string>;
  /** The choropleth areas' fill by indicator class, and the codes whose value is illustrative (hatched). */
  choropleth: { color: ExpressionSpecification | string; illustrativeCodes: readonly string[] };
  /** The area an area filter chose (outlined), if any. */
  highlight?: { collection: string; property: string; value: string };
  lang: Lang;
  /** Attribution texts of our sources (plain text), in the UI language. */
  attribution: { boundaries: string; context: string };
  /** The collections drawn from vector tiles: their tile URL template (with the active filters as its query). */
  tiles?: Readonly<Record<string, TiledLayer>>;
}

/** A collection drawn from vector tiles (OGC API – Tiles, MVT, zooms 0–16). */
export interface TiledLayer {
  /**
   * `…/tiles/WebMercatorQuad/{z}/{y}/{x}`, with the active filters as its query (the server
   * filters the tiles and their clusters) and the data revision after `#` so an edit renews the source.
   */
  url: string;
}

/** The highest zoom our tile endpoint serves (server/src/tiles/web-mercator.ts, MAX_TILE_ZOOM). */
const TILE_MAX_ZOOM = 16;

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

interface Stacked {
  rank: number;
  order: number;
  layers: LayerSpecification[];
}

/** Bottom to top: by rank, then `order` (stable: catalog order last). */
function stack(items: Stacked[]): LayerSpecification[] {
  return [...items].sort((a, b) => a.rank - b.rank || a.order - b.order).flatMap((i) => i.layers);
}

/** Label priority as a stacking rank: the lowest priority is drawn on top and placed first. */
function symbolRank(c: CatalogCollection): number {
  return -(c.display.label?.priority ?? 101);
}

function sourcesOf(input: MapStyleInput): StyleSpecification['sources'] {
  const sources: StyleSpecification['sources'] = {
    ...input.basemap.sources,
    [CONTEXT_SOURCE]: { type: 'geojson', data: input.context, attribution: input.attribution.context },
  };
  for (const c of input.catalog.collections) {
    const tiled = input.tiles?.[c.id];
    if (tiled) {
      sources[c.id] = { type: 'vector', tiles: [tiled.url], minzoom: 0, maxzoom: TILE_MAX_ZOOM };
      continue;
    }
    const data = input.data[c.id] ?? EMPTY;
    const cluster = c.display.cluster;
    sources[c.id] = {
      type: 'geojson',
      data,
      ...(cluster ? { cluster: true, clusterMaxZoom: cluster.maxZoom, clusterRadius: cluster.radius } : {}),
      ...(c.display.frame ? { attribution: input.attribution.boundaries } : {}),
    };
    if (c.display.geometry === 'area' && c.display.label)
      sources[labelSource(c.id)] = { type: 'geojson', data: labelPoints(data) };
  }
  sources[SELECTION_SOURCE] = { type: 'geojson', data: input.selection };
  return sources;
}

/**
 * The whole map style as data (pure; diffed by MapView): the basemap beneath, then, bottom to
 * top: areas and borders by `order` (the choropleth at its own order, the international border
 * above the borders of the collection with `context`), the uncertainty discs by `order`, the
 * selection, the country names, the symbols and labels by label priority (the lowest on top, so
 * MapLibre places its labels first and no later label covers its symbols), the selection ring.
 */
export function buildMapStyle(input: MapStyleInput): StyleSpecification {
  const { catalog, visible, lang } = input;
  const areas: Stacked[] = [];
  const halos: Stacked[] = [];
  const symbols: Stacked[] = [];
  for (const c of catalog.collections) {
    const d = c.display;
    const tiled = input.tiles?.[c.id];
    const style = {
      c,
      colors: input.colors[c.id] ?? {},
      visible: isShown(c, visible),
      lang,
      tiled: tiled !== undefined,
    };
    if (d.choropleth) {
      const on = visible.has(d.choropleth.toggle.key);
      const codes = input.choropleth.illustrativeCodes;
      areas.push({
        rank: 0,
        order: d.choropleth.order,
        layers: [
          ...choroplethLayers(c, input.choropleth.color, on),
          ...illustrativeHatchLayers(c, d.choropleth.joinProperty, codes, on),
        ],
      });
    }
    const own: LayerSpecification[] = [];
    if (d.geometry === 'area') own.push(...areaLayers(style));
    if (d.geometry === 'point-or-area') own.push(...pointAreaLayers(style));
    const h = input.highlight;
    if (h?.collection === c.id) own.push(...highlightLayers(c, h.property, h.value));
    if (d.context) own.push(...internationalBorderLayers());
    areas.push({ rank: 0, order: d.order, layers: own });
    if (hasPoints(c)) {
      const points = pointLayers(style);
      halos.push({ rank: 0, order: d.order, layers: points.halos });
      symbols.push({ rank: symbolRank(c), order: d.order, layers: points.symbols });
    } else {
      symbols.push({ rank: symbolRank(c), order: d.order, layers: areaLabelLayers(c, lang, style.visible) });
    }
  }
  const withoutContext = catalog.collections.every((c) => !c.display.context);
  const overlay: LayerSpecification[] = [
    ...stack(areas),
    ...(withoutContext ? internationalBorderLayers() : []),
    ...stack(halos),
    ...selectionLayers(),
    ...contextLayers(lang),
    ...stack(symbols),
    ...selectionRingLayers(),
  ];
  const font = input.basemap.glyphs ? basemapFont(input.basemap) : undefined;
  return {
    ...input.basemap,
    sources: sourcesOf(input),
    layers: [...input.basemap.layers, ...(font ? withFont(overlay, font) : overlay)],
  };
}

/** Which style layers a click or hover picks (see MapView): top-most first. */
export interface MapInteraction {
  layers: readonly string[];
  /** Area layers: picked only when no point symbol is near the click. */
  areas: ReadonlySet<string>;
  /** Count bubbles of merged points: a click zooms in to split them. */
  groups: ReadonlySet<string>;
  /** Sources holding our data (one per collection): their errors are not the basemap's. */
  dataSources: ReadonlySet<string>;
}

/**
 * The pickable layers of the catalog's collections, in the stacking order of buildMapStyle;
 * `tiled` collections always have count bubbles (their tiles cluster at low zoom).
 */
export function mapInteraction(catalog: Catalog, tiled: ReadonlySet<string> = new Set()): MapInteraction {
  const grouped = (c: CatalogCollection) => c.display.cluster !== null || tiled.has(c.id);
  const pickable = catalog.collections.filter((c) => c.display.pickable);
  const byOrder = (a: CatalogCollection, b: CatalogCollection) => b.display.order - a.display.order;
  const points = pickable
    .filter(hasPoints)
    .sort((a, b) => symbolRank(b) - symbolRank(a) || byOrder(a, b))
    .flatMap((c) => [layerId(c.id, 'symbol'), ...(grouped(c) ? [layerId(c.id, 'groups')] : [])]);
  const areaLayerIds = pickable
    .filter((c) => c.display.geometry !== 'point')
    .sort(byOrder)
    .map((c) => {
      const d = c.display;
      if (d.geometry === 'point-or-area' || d.symbol === 'fill') return layerId(c.id, 'area');
      return layerId(c.id, d.choropleth ? 'choropleth' : 'hit');
    });
  const groups = pickable.filter(grouped).map((c) => layerId(c.id, 'groups'));
  return {
    layers: [...points, ...areaLayerIds],
    areas: new Set(areaLayerIds),
    groups: new Set(groups),
    dataSources: new Set(catalog.collections.map((c) => c.id)),
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

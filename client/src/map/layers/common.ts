import type { ExpressionSpecification } from 'maplibre-gl';
import type { Lang } from '../../lib/format';

/** Font stacks for labels. There is no `glyphs` URL in our styles, so MapLibre draws glyphs locally
 * from these CSS families (offline, full Vietnamese coverage with any system sans-serif). */
export const FONT_REGULAR = ['Noto Sans', 'DejaVu Sans', 'Arial'];
export const FONT_BOLD = ['Noto Sans Bold', 'Noto Sans', 'DejaVu Sans', 'Arial'];

/** Label of a feature in the language: Vietnamese `<property>`, English `<property>_en` when present. */
export function labelExpression(lang: Lang, property = 'name'): ExpressionSpecification {
  return lang === 'vi'
    ? ['to-string', ['get', property]]
    : ['to-string', ['coalesce', ['get', `${property}_en`], ['get', property]]];
}

/** The parts of a collection's style layers; every layer id is `<collection id>-<part>`. */
export type LayerPart =
  | 'symbol'
  | 'halo'
  | 'area'
  | 'hit'
  | 'groups'
  | 'group-count'
  | 'outline'
  | 'label'
  | 'choropleth'
  | 'illustrative-hatch'
  | 'highlight'
  | 'hover';

export function layerId(collection: string, part: LayerPart): string {
  return `${collection}-${part}`;
}

/**
 * Our sources besides one per collection (source id = collection id). Collection ids never start
 * with `_` (catalog format), so these never meet one.
 */
export const CONTEXT_SOURCE = '_context';
export const SELECTION_SOURCE = '_selection';
/** The one-label-per-area points of an area collection (lib/labelPoints). */
export function labelSource(collection: string): string {
  return `_labels/${collection}`;
}

export const IS_POINT: ExpressionSpecification = ['==', ['geometry-type'], 'Point'];
export const IS_POLYGON: ExpressionSpecification = [
  'any',
  ['==', ['geometry-type'], 'Polygon'],
  ['==', ['geometry-type'], 'MultiPolygon'],
];
export const IS_APPROXIMATE: ExpressionSpecification = ['==', ['get', 'location_precision'], 'approximate'];

/** Web-Mercator metres per pixel at zoom 0 for 512 px tiles, at Lào Cai's latitude (≈ 22.4° N). */
const METRES_PER_PX_Z0 = 78271.517 * Math.cos((22.4 * Math.PI) / 180);

/**
 * Circle radius in pixels showing `location_uncertainty_km` on the ground at any zoom
 * (exponential base 2 between zoom 0 and 22 is exact for Web Mercator). Features without a value
 * get `fallbackKm`.
 */
export function uncertaintyRadius(fallbackKm: number): ExpressionSpecification {
  const km: ExpressionSpecification = [
    'to-number',
    ['coalesce', ['get', 'location_uncertainty_km'], fallbackKm],
  ];
  const px0 = 1000 / METRES_PER_PX_Z0;
  return ['interpolate', ['exponential', 2], ['zoom'], 0, ['*', km, px0], 22, ['*', km, px0 * 2 ** 22]];
}

/** A `match` of a property's value to strings (colours, symbol names, sizes), with a fallback. */
export function matchValue(
  property: string,
  values: Readonly<Record<string, string>>,
  fallback: string,
): ExpressionSpecification {
  const entries = Object.entries(values);
  if (entries.length === 0) return ['literal', fallback] as unknown as ExpressionSpecification;
  return ['match', ['to-string', ['get', property]], ...entries.flat(), fallback] as ExpressionSpecification;
}

export function visibility(visible: boolean): 'visible' | 'none' {
  return visible ? 'visible' : 'none';
}

import type { FeatureCollection } from 'geojson';
import type { ExpressionSpecification, LayerSpecification, StyleSpecification } from 'maplibre-gl';

/** The preview layer's source and its layers' ids (all start with it). */
export const PREVIEW_SOURCE = 'import-preview';
/** Orange and red: colours no catalog layer uses, so preview rows stand out from stored features. */
export const PREVIEW_COLORS = { valid: '#ff8c00', invalid: '#cf222e', outline: '#1a1a1a' } as const;

/** A preview row on the map: its geometry and what the import found (flat, for style expressions). */
export interface PreviewRow {
  geometry: GeoJSON.Geometry;
  row: number;
  valid: boolean;
  approximate: boolean;
}

const color: ExpressionSpecification = [
  'case',
  ['get', 'valid'],
  PREVIEW_COLORS.valid,
  PREVIEW_COLORS.invalid,
];
const isPoint: ExpressionSpecification = ['in', ['geometry-type'], ['literal', ['Point', 'MultiPoint']]];
const isArea: ExpressionSpecification = ['in', ['geometry-type'], ['literal', ['Polygon', 'MultiPolygon']]];
const approx = (yes: number, no: number): ExpressionSpecification => [
  'case',
  ['get', 'approximate'],
  yes,
  no,
];

/**
 * The style with the rows of an import drawn on top: valid rows orange, invalid rows red; a row
 * placed at a district seat (approximate) is an open ring with a pale fill — never a solid,
 * exact-looking symbol. Pure: the same inputs give the same style (MapView diffs it).
 */
export function withImportPreview(
  style: StyleSpecification,
  rows: readonly PreviewRow[] | null,
): StyleSpecification {
  if (!rows || rows.length === 0) return style;
  const data: FeatureCollection = {
    type: 'FeatureCollection',
    features: rows.map((r) => ({
      type: 'Feature',
      id: r.row,
      geometry: r.geometry,
      properties: { row: r.row, valid: r.valid, approximate: r.approximate },
    })),
  };
  const layers: LayerSpecification[] = [
    {
      id: `${PREVIEW_SOURCE}-fill`,
      type: 'fill',
      source: PREVIEW_SOURCE,
      filter: isArea,
      paint: { 'fill-color': color, 'fill-opacity': 0.25 },
    },
    {
      id: `${PREVIEW_SOURCE}-line`,
      type: 'line',
      source: PREVIEW_SOURCE,
      filter: ['!', isPoint],
      paint: { 'line-color': color, 'line-width': 2 },
    },
    {
      id: `${PREVIEW_SOURCE}-point`,
      type: 'circle',
      source: PREVIEW_SOURCE,
      filter: isPoint,
      paint: {
        'circle-radius': approx(10, 6),
        'circle-color': color,
        'circle-opacity': approx(0.2, 1),
        'circle-stroke-color': [
          'case',
          ['get', 'approximate'],
          color,
          ['get', 'valid'],
          PREVIEW_COLORS.outline,
          '#ffffff',
        ],
        'circle-stroke-width': approx(3, 2),
      },
    },
  ];
  return {
    ...style,
    sources: { ...style.sources, [PREVIEW_SOURCE]: { type: 'geojson', data } },
    layers: [...style.layers, ...layers],
  };
}

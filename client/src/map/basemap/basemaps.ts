import type { StyleSpecification } from 'maplibre-gl';
import { CONTEXT_SOURCE } from '../layers/common';

/**
 * Basemaps as style data. Our own data sources (one per catalog collection) are added by
 * `buildMapStyle`; a basemap only contributes what lies beneath them.
 *
 * - offline: drawn from our own data (the land of the catalog's frame collection, and the
 *   neighbouring countries of geodata/context.geojson, source CONTEXT_SOURCE); no `glyphs`, no
 *   `sprite`, no tiles — no request leaves our server (labels are drawn locally by MapLibre).
 * - osm: OpenStreetMap raster tiles (online), with the required attribution.
 * - custom: a deployment's style (fetched JSON), used as is beneath our layers.
 */
export const OSM_ATTRIBUTION =
  '© <a href="https://www.openstreetmap.org/copyright" target="_blank" rel="noopener">OpenStreetMap</a> contributors';

/** `frameSource`: the source of the map's frame (the province), whose land is drawn light. */
export function offlineBasemap(frameSource: string | undefined): StyleSpecification {
  return {
    version: 8,
    name: 'Lào Cai offline',
    sources: {},
    layers: [
      { id: 'bg', type: 'background', paint: { 'background-color': '#dfe6ea' } },
      {
        id: 'context-country',
        type: 'fill',
        source: CONTEXT_SOURCE,
        filter: ['==', ['get', 'kind'], 'country'],
        paint: {
          'fill-color': ['match', ['get', 'iso_n3'], '156', '#ece4e8', '#eef0ea'],
          'fill-outline-color': 'rgba(0,0,0,0)',
        },
      },
      ...(frameSource
        ? [
            {
              id: 'frame-fill',
              type: 'fill',
              source: frameSource,
              paint: { 'fill-color': '#faf8f2' },
            } as const,
          ]
        : []),
    ],
  };
}

export function osmBasemap(): StyleSpecification {
  return {
    version: 8,
    name: 'OpenStreetMap',
    sources: {
      osm: {
        type: 'raster',
        tiles: ['https://tile.openstreetmap.org/{z}/{x}/{y}.png'],
        tileSize: 256,
        maxzoom: 19,
        attribution: OSM_ATTRIBUTION,
      },
    },
    layers: [
      { id: 'bg', type: 'background', paint: { 'background-color': '#dfe6ea' } },
      { id: 'osm', type: 'raster', source: 'osm' },
    ],
  };
}

/** Minimal shape check of a fetched custom style; undefined when it is not a v8 style. */
export function asCustomBasemap(json: unknown): StyleSpecification | undefined {
  if (typeof json !== 'object' || json === null) return undefined;
  const s = json as Partial<StyleSpecification>;
  if (s.version !== 8 || typeof s.sources !== 'object' || !Array.isArray(s.layers)) return undefined;
  return s as StyleSpecification;
}

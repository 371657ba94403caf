import type { Map as MapLibreMap } from 'maplibre-gl';

/**
 * A narrow read-only probe for browser tests (installed only when config.testHooks is on):
 * where a lon/lat is on screen, the camera, and whether the map has settled. It cannot change the
 * map; tests act through the UI (mouse, keyboard) like a user.
 */
export interface MapProbe {
  /** Viewport CSS pixel of a lon/lat (page coordinates, ready for a mouse click). */
  project: (lon: number, lat: number) => { x: number; y: number };
  view: () => { zoom: number; lat: number; lon: number };
  /** True when the style, sources and tiles are loaded and the camera is still. */
  settled: () => boolean;
  /** Ids of the layers in the current style (to check that all our layers are there). */
  layerIds: () => string[];
  /**
   * The features drawn in the viewport now (of `layers`, else of every layer): source, id, layer
   * and, for a count bubble of vector tiles, its `point_count`.
   */
  renderedFeatures: (
    layers?: string[],
  ) => { source: string; id: number | string | undefined; layer: string; count?: number }[];
  /** A feature's state (hover, highlight), read only. */
  featureState: (source: string, id: number) => Record<string, unknown>;
  /** Number of `idle` events seen so far. */
  idleCount: () => number;
  /** performance.now() (ms since navigation start) of the latest `idle` event; -1 before the first. */
  lastIdleAt: () => number;
  /** performance.now() when the probe was installed (map created) and at the map's `load` event. */
  marks: () => { created: number; load: number };
}

declare global {
  interface Window {
    __mapProbe?: MapProbe;
  }
}

export function installMapProbe(map: MapLibreMap): () => void {
  let idles = 0;
  let lastIdle = -1;
  const created = performance.now();
  let load = -1;
  map.once('load', () => {
    load = performance.now();
  });
  const onIdle = (): void => {
    idles += 1;
    lastIdle = performance.now();
  };
  map.on('idle', onIdle);
  window.__mapProbe = {
    project: (lon, lat) => {
      const p = map.project([lon, lat]);
      const rect = map.getCanvas().getBoundingClientRect();
      return { x: rect.left + p.x, y: rect.top + p.y };
    },
    view: () => {
      const c = map.getCenter();
      return { zoom: map.getZoom(), lat: c.lat, lon: c.lng };
    },
    settled: () => map.loaded() && map.areTilesLoaded() && !map.isMoving(),
    layerIds: () => map.getStyle().layers.map((l: { id: string }) => l.id),
    renderedFeatures: (layers) =>
      map
        .queryRenderedFeatures(layers ? { layers: layers.filter((id) => map.getLayer(id)) } : undefined)
        .map((f) => ({
          source: f.source,
          id: f.id,
          layer: f.layer.id,
          ...(typeof f.properties.point_count === 'number' ? { count: f.properties.point_count } : {}),
        })),
    featureState: (source, id) => ({ ...map.getFeatureState({ source, id }) }),
    idleCount: () => idles,
    lastIdleAt: () => lastIdle,
    marks: () => ({ created, load }),
  };
  return () => {
    map.off('idle', onIdle);
    delete window.__mapProbe;
  };
}

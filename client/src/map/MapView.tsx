import type { BBox } from 'geojson';
import {
  type GeoJSONSource,
  type MapGeoJSONFeature,
  Map as MapLibreMap,
  type MapMouseEvent,
  type MapSourceDataEvent,
  NavigationControl,
  type PointLike,
  prewarm,
  ScaleControl,
  type StyleSpecification,
  setWorkerUrl,
} from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useRef } from 'react';
import type { ApiFeature } from '../../../server/src/contract/api';
import type { FeatureRef, MapViewState } from '../lib/urlState';
import { keepForeign } from './keepForeign';
import { HIGHLIGHT_STATE, HOVER_STATE } from './layers/points';
import { drawSymbol, SYMBOL_PIXEL_RATIO } from './layers/symbols';
import { installMapProbe } from './probe';
import type { MapInteraction } from './style';

setWorkerUrl(workerUrl);
// Start the worker pool now, so its start-up overlaps with loading our data.
prewarm();

/** A one-shot camera move asked by the app; `seq` makes equal requests distinct. */
export type ViewRequestInput =
  | { kind: 'fit'; bbox: BBox; maxZoom?: number }
  | { kind: 'fly'; center: [number, number]; zoom: number };
export type ViewRequest = ViewRequestInput & { seq: number };

export interface HoverInfo {
  ref: FeatureRef;
  /** The hovered feature's attributes as drawn (all a vector tile holds of a tiled feature). */
  properties: Readonly<Record<string, unknown>>;
  geometry: ApiFeature['geometry'];
  /** Pointer position in CSS pixels relative to the map container. */
  x: number;
  y: number;
}

/** One captured frame of the map (for print and PNG export). */
export interface MapSnapshot {
  dataUrl: string;
  width: number;
  height: number;
  metersPerPixel: number;
  bearing: number;
}

/** The next rendered frame as an image (read inside the render event, before the buffer is cleared). */
function captureFrame(map: MapLibreMap): Promise<MapSnapshot> {
  return new Promise((resolve) => {
    map.once('render', () => {
      const canvas = map.getCanvas();
      const lat = map.getCenter().lat;
      resolve({
        dataUrl: canvas.toDataURL('image/png'),
        width: canvas.clientWidth,
        height: canvas.clientHeight,
        metersPerPixel: (40_075_016.686 * Math.cos((lat * Math.PI) / 180)) / (512 * 2 ** map.getZoom()),
        bearing: map.getBearing(),
      });
    });
    map.triggerRepaint();
  });
}

/** A click on the map: every feature within CLICK_RADIUS px of it (top-most first), and where. */
export interface MapClick {
  refs: FeatureRef[];
  x: number;
  y: number;
  /** The click's neighbourhood (CLICK_RADIUS px around it) in lon/lat: [west, south, east, north]. */
  box: BBox;
  /**
   * Vector-tile collections whose drawing near the click may stand for more features than `refs`
   * holds of them: two or more of their points (stacked at one place, all alike), or a count
   * bubble that zooming cannot split (the map is past the tiles' deepest zoom). The app asks the
   * server which features of theirs are in `box`.
   */
  stacked: string[];
}

/** Features this close (CSS px) to a click are "here": two or more make the app offer a choice. */
export const CLICK_RADIUS = 10;

export interface MapViewProps {
  style: StyleSpecification;
  /** Which of the style's layers hover and clicks pick (map/style mapInteraction). */
  interaction: MapInteraction;
  /** Where to open: a saved view, else fit `initialBbox` (lon/lat). Read once at creation. */
  initialView?: MapViewState;
  initialBbox: BBox;
  /** Extra room (CSS px) kept clear when fitting or flying, e.g. under the bottom sheet. */
  padding: { top: number; right: number; bottom: number; left: number };
  viewRequest?: ViewRequest;
  ariaLabel: string;
  testHooks: boolean;
  /** A click that hit at least one feature, or a tiled count bubble that cannot split (`stacked`). */
  onFeatureClick: (click: MapClick) => void;
  onHover: (hover: HoverInfo | null) => void;
  /** A tile source of the basemap failed to load (e.g. an online basemap while offline). */
  onBasemapError?: (sourceId: string) => void;
  /** After every camera move: the view and the visible bounds [w, s, e, n]. */
  onViewChange: (view: MapViewState, bounds: BBox) => void;
  /**
   * Seam for tools that must attach to the map itself (the staff editor's terra-draw adapter,
   * issue 5): called with the map once its first style has loaded, and with null on removal.
   * Such tools add their own sources/layers; they never replace the style.
   */
  onMapReady?: (map: MapLibreMap | null) => void;
  /**
   * Seam for print and image export: called once the map has its first style with a function that
   * captures the next frame (PNG data URL, its CSS size, metres per CSS pixel at the centre, bearing),
   * and with null on removal.
   */
  onCaptureReady?: (capture: (() => Promise<MapSnapshot>) | null) => void;
  /** A feature the app highlights (outlined while set), e.g. the district of a hovered chart bar. */
  highlighted?: FeatureRef;
  /**
   * Every click, with its place (CRS84 lon/lat), before features are picked: a tool that takes
   * map clicks (measure, pick a point to search from) returns true and no feature is picked.
   */
  onClickAt?: (lonLat: [number, number]) => boolean;
}

/** Diffs the map to `style`, keeping sources/layers that other tools added to the map. */
function applyStyle(
  map: MapLibreMap,
  style: StyleSpecification,
  applied: { current: StyleSpecification | null },
): void {
  const ownPrevious = applied.current;
  if (style === ownPrevious) return;
  applied.current = style;
  map.setStyle(style, { diff: true, transformStyle: (live, next) => keepForeign(live, next, ownPrevious) });
}

/** The sole owner of the maplibregl.Map: style in (diffed), camera requests in, events out. */
export function MapView(props: MapViewProps) {
  const containerRef = useRef<HTMLElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const propsRef = useRef(props);
  propsRef.current = props;
  /** The style last handed to the map, and whether its first style has finished parsing. */
  const appliedStyleRef = useRef<StyleSpecification | null>(null);
  const styleReadyRef = useRef(false);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const { initialView, initialBbox, style, testHooks } = propsRef.current;
    const map = new MapLibreMap({
      container,
      style,
      ...(initialView
        ? { center: [initialView.lon, initialView.lat], zoom: initialView.zoom }
        : {
            bounds: initialBbox as [number, number, number, number],
            fitBoundsOptions: { padding: propsRef.current.padding },
          }),
      attributionControl: { compact: true },
      locale: { 'Map.Title': propsRef.current.ariaLabel },
      maxZoom: 18,
      // No label fade-in: fewer frames until the first idle (each frame is costly on software GL).
      fadeDuration: 0,
    });
    mapRef.current = map;
    appliedStyleRef.current = style;
    map.once('style.load', () => {
      styleReadyRef.current = true;
      propsRef.current.onMapReady?.(map);
      propsRef.current.onCaptureReady?.(() => captureFrame(map));
      applyStyle(map, propsRef.current.style, appliedStyleRef);
    });
    // Our symbols are drawn on demand (map/layers/symbols): no sprite, no request.
    map.setMissingStyleImageResolver((id) => {
      if (map.hasImage(id)) return;
      const image = drawSymbol(id);
      if (image) map.addImage(id, image, { pixelRatio: SYMBOL_PIXEL_RATIO });
    });
    // A failing basemap source is reported (not logged): the app says so and falls back.
    map.on('error', (e) => {
      const sourceId = (e as { sourceId?: unknown }).sourceId;
      const type = typeof sourceId === 'string' ? map.getSource(sourceId)?.type : undefined;
      // A failing tile source that is not one of our collections belongs to the basemap.
      const ours = typeof sourceId === 'string' && propsRef.current.interaction.dataSources.has(sourceId);
      if (typeof sourceId === 'string' && type && type !== 'geojson' && !ours)
        propsRef.current.onBasemapError?.(sourceId);
      else console.error(e.error ?? e);
    });
    map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-right');

    const report = (): void => {
      const c = map.getCenter();
      const b = map.getBounds();
      propsRef.current.onViewChange({ zoom: map.getZoom(), lat: c.lat, lon: c.lng }, [
        b.getWest(),
        b.getSouth(),
        b.getEast(),
        b.getNorth(),
      ]);
    };
    const interactive = () => propsRef.current.interaction.layers.filter((id) => map.getLayer(id));
    const isArea = (f: MapGeoJSONFeature) => propsRef.current.interaction.areas.has(f.layer.id);
    const isGroup = (f: MapGeoJSONFeature) => propsRef.current.interaction.groups.has(f.layer.id);
    const pick = (point: PointLike): MapGeoJSONFeature | undefined =>
      map.queryRenderedFeatures(point, { layers: interactive() })[0];
    /** Distinct features near a point: symbols within CLICK_RADIUS, else the area under it. */
    const pickNear = (x: number, y: number): MapGeoJSONFeature[] => {
      const r = CLICK_RADIUS;
      const near = map.queryRenderedFeatures(
        [
          [x - r, y - r],
          [x + r, y + r],
        ],
        { layers: interactive() },
      );
      const points = near.filter((f) => !isArea(f));
      const list = points.length > 0 ? points : map.queryRenderedFeatures([x, y], { layers: interactive() });
      const seen = new Set<string>();
      return list.filter((f) => {
        const key = `${f.source}/${isGroup(f) ? `c${f.properties.cluster_id}` : f.id}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
    };
    const expandGroup = (f: MapGeoJSONFeature): void => {
      const [lon, lat] = (f.geometry as GeoJSON.Point).coordinates as [number, number];
      // A cluster of vector tiles splits on the tiles of the next zooms (8 × 8 cells per tile).
      if (f.sourceLayer) {
        map.easeTo({ center: [lon, lat], zoom: Math.min(map.getZoom() + 2, map.getMaxZoom()) });
        return;
      }
      const source = map.getSource<GeoJSONSource>(f.source);
      const clusterId = Number(f.properties.cluster_id);
      void source?.getClusterExpansionZoom(clusterId).then((zoom: number) => {
        map.easeTo({ center: [lon, lat], zoom });
      });
    };
    map.on('load', report);
    map.on('moveend', report);
    /** A count bubble of vector tiles at or past its source's deepest zoom: zooming cannot split it. */
    const unsplittable = (f: MapGeoJSONFeature): boolean =>
      f.sourceLayer !== undefined &&
      map.getZoom() >= (map.getSource(f.source)?.maxzoom ?? Number.POSITIVE_INFINITY);
    /** The lon/lat box CLICK_RADIUS px around a point. */
    const boxAround = (x: number, y: number): BBox => {
      const r = CLICK_RADIUS;
      const sw = map.unproject([x - r, y + r]);
      const ne = map.unproject([x + r, y - r]);
      return [sw.lng, sw.lat, ne.lng, ne.lat];
    };
    map.on('click', (e: MapMouseEvent) => {
      if (propsRef.current.onClickAt?.([e.lngLat.lng, e.lngLat.lat])) return;
      const near = pickNear(e.point.x, e.point.y);
      const features = near.filter((f) => !isGroup(f) && f.id !== undefined);
      const tiledPoints = new Map<string, number>();
      for (const f of features)
        if (f.sourceLayer) tiledPoints.set(f.source, (tiledPoints.get(f.source) ?? 0) + 1);
      const stacked = new Set([...tiledPoints].filter(([, n]) => n > 1).map(([source]) => source));
      for (const g of near.filter((f) => isGroup(f) && unsplittable(f))) stacked.add(g.source);
      if (features.length === 0 && stacked.size === 0) {
        const group = near.find(isGroup);
        if (group) expandGroup(group);
        return;
      }
      // The click hands the feature to its details (or the chooser): its tooltip goes, so that it
      // does not stand over the symbol's label while the sheet opens (the next move shows it again).
      propsRef.current.onHover(null);
      propsRef.current.onFeatureClick({
        refs: features.map((f) => ({ collection: f.source, id: Number(f.id) })),
        x: e.point.x,
        y: e.point.y,
        box: boxAround(e.point.x, e.point.y),
        stacked: [...stacked],
      });
    });
    // Hover: the feature under the pointer gets the hover state (its uncertainty disc shows) and a
    // tooltip; not after a touch (a tap would leave a tooltip standing on a phone).
    let hovered: { source: string; sourceLayer?: string; id: number } | undefined;
    let touch = false;
    const setHovered = (next: { source: string; sourceLayer?: string; id: number } | undefined): void => {
      if (hovered?.source === next?.source && hovered?.id === next?.id) return;
      if (hovered && map.getSource(hovered.source)) map.setFeatureState(hovered, { [HOVER_STATE]: false });
      hovered = next;
      if (hovered) map.setFeatureState(hovered, { [HOVER_STATE]: true });
    };
    container.addEventListener('pointerdown', (e) => {
      touch = e.pointerType === 'touch';
      if (touch) {
        setHovered(undefined);
        propsRef.current.onHover(null);
      }
    });
    container.addEventListener('pointermove', (e) => {
      if (e.pointerType === 'mouse') touch = false;
    });
    map.on('mousemove', (e: MapMouseEvent) => {
      if (touch) return;
      const f = pick(e.point);
      const canvas = map.getCanvas();
      if (!f || f.id === undefined || isGroup(f)) {
        canvas.style.cursor = f ? 'pointer' : '';
        setHovered(undefined);
        propsRef.current.onHover(null);
        return;
      }
      canvas.style.cursor = 'pointer';
      setHovered({
        source: f.source,
        ...(f.sourceLayer ? { sourceLayer: f.sourceLayer } : {}),
        id: Number(f.id),
      });
      propsRef.current.onHover({
        ref: { collection: f.source, id: Number(f.id) },
        properties: f.properties,
        geometry: f.geometry as ApiFeature['geometry'],
        x: e.point.x,
        y: e.point.y,
      });
    });
    const leave = (): void => {
      setHovered(undefined);
      propsRef.current.onHover(null);
    };
    map.on('mouseout', leave);
    map.on('movestart', () => propsRef.current.onHover(null));
    const removeProbe = testHooks ? installMapProbe(map) : undefined;
    return () => {
      removeProbe?.();
      propsRef.current.onMapReady?.(null);
      propsRef.current.onCaptureReady?.(null);
      map.remove();
      mapRef.current = null;
      styleReadyRef.current = false;
    };
  }, []);

  useEffect(() => {
    const map = mapRef.current;
    // Before the first style is parsed, the 'style.load' handler above applies the latest style.
    if (!map || !styleReadyRef.current) return;
    applyStyle(map, props.style, appliedStyleRef);
  }, [props.style]);

  const highlightedKey = props.highlighted ? `${props.highlighted.collection}/${props.highlighted.id}` : '';
  // biome-ignore lint/correctness/useExhaustiveDependencies: the key stands for the ref's content.
  useEffect(() => {
    const map = mapRef.current;
    const ref = props.highlighted;
    if (!map || !ref) return;
    const target = { source: ref.collection, id: ref.id };
    // The source may come later (a profile opened from a link, before the data) or come back new
    // (a style change re-adds it, without its feature state): mark it whenever it has data.
    const mark = () => {
      if (map.getSource(ref.collection) && map.getFeatureState(target)[HIGHLIGHT_STATE] !== true)
        map.setFeatureState(target, { [HIGHLIGHT_STATE]: true });
    };
    const onData = (e: MapSourceDataEvent) => {
      if (e.sourceId === ref.collection && e.isSourceLoaded) mark();
    };
    mark();
    map.on('sourcedata', onData);
    return () => {
      map.off('sourcedata', onData);
      if (map.getSource(ref.collection)) map.setFeatureState(target, { [HIGHLIGHT_STATE]: false });
    };
  }, [highlightedKey]);

  // Only a new request moves the camera; a padding change alone must not.
  // biome-ignore lint/correctness/useExhaustiveDependencies: padding is read, not a trigger.
  useEffect(() => {
    const map = mapRef.current;
    const req = props.viewRequest;
    if (!map || !req) return;
    if (req.kind === 'fit') {
      const [w, s, e, n] = req.bbox;
      map.fitBounds(
        [
          [w, s],
          [e, n],
        ],
        { padding: props.padding, maxZoom: req.maxZoom ?? 13, duration: 600 },
      );
    } else {
      map.flyTo({ center: req.center, zoom: req.zoom, duration: 600, padding: props.padding });
    }
  }, [props.viewRequest]);

  return <section ref={containerRef} className="map" data-testid="map" aria-label={props.ariaLabel} />;
}

import type { Point, Polygon } from 'geojson';
import type { Map as MapLibreMap } from 'maplibre-gl';
import {
  type GeoJSONStoreFeatures,
  TerraDraw,
  TerraDrawPointMode,
  TerraDrawPolygonMode,
  TerraDrawSelectMode,
  ValidateNotSelfIntersecting,
} from 'terra-draw';
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';
import { type NotDrawableReason, toDrawable } from './drawable';

export type DrawKind = 'point' | 'polygon';
export type EditableGeometry = Point | Polygon;

export interface DrawCallbacks {
  /** The edited feature's geometry after each finished action (drawn, moved, vertex edited). */
  onGeometry: (geometry: EditableGeometry) => void;
}

/** Decimals kept for lon/lat (≈ 1 cm). */
const PRECISION = 7;

const SELECT_FLAGS = {
  point: { feature: { draggable: true } },
  polygon: {
    feature: {
      draggable: true,
      coordinates: { midpoints: true, draggable: true, deletable: true },
    },
  },
};

/**
 * Drawing and geometry editing of ONE feature at a time on a map the caller owns (the controller
 * never creates a map). Modes: `point`, `polygon` (draw a new one), `select` (move a point, drag
 * or add/delete polygon vertices). Geometries are CRS84 lon/lat. Call `stop()` before the map goes.
 */
export class TerraDrawController {
  private readonly draw: TerraDraw;
  private ready = false;
  private started = false;
  private pending: (() => void)[] = [];
  private currentId: string | number | undefined;

  constructor(
    map: MapLibreMap,
    private readonly callbacks: DrawCallbacks,
  ) {
    this.draw = new TerraDraw({
      adapter: new TerraDrawMapLibreGLAdapter({ map, coordinatePrecision: PRECISION }),
      modes: [
        new TerraDrawPointMode({ editable: true }),
        new TerraDrawPolygonMode({ validation: (f) => ValidateNotSelfIntersecting(f) }),
        new TerraDrawSelectMode({ flags: SELECT_FLAGS }),
      ],
    });
    this.draw.on('ready', () => {
      this.ready = true;
      const queued = this.pending;
      this.pending = [];
      for (const fn of queued) fn();
    });
    this.draw.on('finish', (id, context) => this.onFinish(id, context.mode));
  }

  /** Attaches the drawing layers and pointer handling to the map. Idempotent. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.draw.start();
  }

  /** Removes the drawing layers and handlers; the map is left as it was. */
  stop(): void {
    if (!this.started) return;
    this.started = false;
    this.ready = false;
    this.pending = [];
    this.currentId = undefined;
    this.draw.stop();
  }

  /** Starts drawing a new feature of `kind` (any feature being edited is dropped from the map). */
  drawNew(kind: DrawKind): void {
    this.whenReady(() => {
      this.clearFeature();
      this.draw.setMode(kind);
    });
  }

  /**
   * Shows an existing geometry for editing (select mode, selected). Returns why it cannot be
   * edited on the map (multi-part, holes, other types); then nothing is shown.
   */
  load(
    geometry: Parameters<typeof toDrawable>[0],
  ): { valid: true } | { valid: false; reason: NotDrawableReason } {
    const drawable = toDrawable(geometry, PRECISION);
    if (!drawable.valid) return drawable;
    this.whenReady(() => {
      this.clearFeature();
      const mode = drawable.geometry.type === 'Point' ? 'point' : 'polygon';
      const id = this.draw.getFeatureId();
      const feature: GeoJSONStoreFeatures = {
        type: 'Feature',
        id,
        geometry: drawable.geometry,
        properties: { mode },
      };
      const [result] = this.draw.addFeatures([feature]);
      if (!result?.valid) return;
      this.currentId = id;
      this.draw.setMode('select');
      this.draw.selectFeature(id);
    });
    return { valid: true };
  }

  /** Forgets the edited feature and returns to a mode where clicks do nothing. */
  clear(): void {
    this.whenReady(() => {
      this.clearFeature();
      this.draw.setMode('select');
    });
  }

  /** The edited geometry now, if any. */
  geometry(): EditableGeometry | undefined {
    if (this.currentId === undefined || !this.ready) return undefined;
    const f = this.draw.getSnapshotFeature(this.currentId);
    return f ? (f.geometry as EditableGeometry) : undefined;
  }

  private onFinish(id: string | number, mode: string): void {
    if (mode === 'point' || mode === 'polygon') {
      // A new feature was drawn: it becomes the one edited; drop any earlier one.
      if (this.currentId !== undefined && this.currentId !== id && this.draw.hasFeature(this.currentId)) {
        this.draw.removeFeatures([this.currentId]);
      }
      this.currentId = id;
      this.draw.setMode('select');
      this.draw.selectFeature(id);
    }
    if (id !== this.currentId) return;
    const g = this.geometry();
    if (g) this.callbacks.onGeometry(g);
  }

  private clearFeature(): void {
    if (this.currentId !== undefined && this.draw.hasFeature(this.currentId)) {
      this.draw.removeFeatures([this.currentId]);
    }
    this.currentId = undefined;
  }

  private whenReady(fn: () => void): void {
    if (!this.started) this.start();
    if (this.ready) fn();
    else this.pending.push(fn);
  }
}

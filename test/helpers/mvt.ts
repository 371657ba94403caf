import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';

/** One decoded MVT feature: type (1 point, 2 line, 3 polygon), id, attributes, tile coordinates. */
export interface DecodedFeature {
  type: number;
  id: number | undefined;
  properties: Record<string, string | number | boolean>;
  geometry: { x: number; y: number }[][];
}

/** Decodes MVT bytes with @mapbox/vector-tile: layer name → its features (and the layer's extent). */
export function decodeTile(
  bytes: Uint8Array,
): Record<string, { extent: number; features: DecodedFeature[] }> {
  const tile = new VectorTile(new PbfReader(bytes));
  const out: Record<string, { extent: number; features: DecodedFeature[] }> = {};
  for (const [name, layer] of Object.entries(tile.layers)) {
    const features: DecodedFeature[] = [];
    for (let i = 0; i < layer.length; i++) {
      const f = layer.feature(i);
      features.push({
        type: f.type,
        id: f.id,
        properties: f.properties,
        geometry: f.loadGeometry().map((ring) => ring.map((p) => ({ x: p.x, y: p.y }))),
      });
    }
    out[name] = { extent: layer.extent, features };
  }
  return out;
}

/** Points in a tile: clusters count point_count, single features count 1. */
export function pointsIn(features: DecodedFeature[]): number {
  return features.reduce(
    (n, f) => n + (f.properties.cluster === true ? Number(f.properties.point_count) : 1),
    0,
  );
}

/** The WebMercatorQuad tile (z, x, y) holding a lon/lat position. */
export function tileAt(lon: number, lat: number, z: number): { z: number; x: number; y: number } {
  const n = 2 ** z;
  const sin = Math.sin((lat * Math.PI) / 180);
  return {
    z,
    x: Math.floor(((lon + 180) / 360) * n),
    y: Math.floor((0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * n),
  };
}

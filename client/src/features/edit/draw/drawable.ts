import type { Geometry, Point, Polygon, Position } from 'geojson';

/** Why a stored geometry cannot be edited on the map (constant reasons; the caller localizes). */
export type NotDrawableReason = 'unsupportedType' | 'multiPart' | 'holes' | 'tooFewVertices';

export type DrawableResult =
  | { valid: true; geometry: Point | Polygon }
  | { valid: false; reason: NotDrawableReason };

function round(p: Position, digits: number): Position {
  const f = 10 ** digits;
  return [Math.round((p[0] ?? 0) * f) / f, Math.round((p[1] ?? 0) * f) / f];
}

function polygon(rings: Position[][], digits: number): DrawableResult {
  if (rings.length !== 1) return { valid: false, reason: 'holes' };
  const ring = (rings[0] ?? []).map((p) => round(p, digits));
  if (ring.length < 4) return { valid: false, reason: 'tooFewVertices' };
  return { valid: true, geometry: { type: 'Polygon', coordinates: [ring] } };
}

/**
 * The geometry in the form the drawing tool edits: a Point, or a Polygon with one ring (no holes),
 * coordinates rounded to `digits` decimals (lon, lat). A MultiPolygon of one part becomes that
 * Polygon; anything else cannot be edited on the map (its attributes still can).
 */
export function toDrawable(geometry: Geometry | null | undefined, digits = 7): DrawableResult {
  if (!geometry) return { valid: false, reason: 'unsupportedType' };
  switch (geometry.type) {
    case 'Point':
      return { valid: true, geometry: { type: 'Point', coordinates: round(geometry.coordinates, digits) } };
    case 'Polygon':
      return polygon(geometry.coordinates, digits);
    case 'MultiPolygon':
      if (geometry.coordinates.length !== 1) return { valid: false, reason: 'multiPart' };
      return polygon(geometry.coordinates[0] ?? [], digits);
    default:
      return { valid: false, reason: 'unsupportedType' };
  }
}

import type { BBox, Geometry, Position } from 'geojson';

/** Bounding box [minLon, minLat, maxLon, maxLat] of a geometry (WGS84); undefined when empty. */
export function geometryBbox(geometry: Geometry | null): BBox | undefined {
  if (!geometry) return undefined;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const visit = (p: Position): void => {
    const [x, y] = p as [number, number];
    if (x < minX) minX = x;
    if (y < minY) minY = y;
    if (x > maxX) maxX = x;
    if (y > maxY) maxY = y;
  };
  forEachPosition(geometry, visit);
  return minX === Infinity ? undefined : [minX, minY, maxX, maxY];
}

export function mergeBboxes(boxes: readonly (BBox | undefined)[]): BBox | undefined {
  const valid = boxes.filter((b): b is BBox => b !== undefined);
  if (valid.length === 0) return undefined;
  return [
    Math.min(...valid.map((b) => b[0])),
    Math.min(...valid.map((b) => b[1])),
    Math.max(...valid.map((b) => b[2])),
    Math.max(...valid.map((b) => b[3])),
  ];
}

/** True when the two boxes overlap (touching counts). */
export function bboxesIntersect(a: BBox, b: BBox): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}

function forEachPosition(g: Geometry, visit: (p: Position) => void): void {
  switch (g.type) {
    case 'Point':
      visit(g.coordinates);
      return;
    case 'MultiPoint':
    case 'LineString':
      g.coordinates.forEach(visit);
      return;
    case 'MultiLineString':
    case 'Polygon':
      for (const line of g.coordinates) line.forEach(visit);
      return;
    case 'MultiPolygon':
      for (const poly of g.coordinates) for (const ring of poly) ring.forEach(visit);
      return;
    case 'GeometryCollection':
      for (const child of g.geometries) forEachPosition(child, visit);
      return;
  }
}

import type { Feature, FeatureCollection, Point, Position } from 'geojson';

type Ring = Position[];
type Part = Ring[];

/** Planar signed area of a ring (shoelace), in square degrees: enough to compare parts. */
function ringArea(ring: Ring): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    sum += (ring[j]![0]! - ring[i]![0]!) * (ring[j]![1]! + ring[i]![1]!);
  }
  return sum / 2;
}

/** Centroid of a ring's enclosed area (shoelace formula). */
function ringCentroid(ring: Ring): Position {
  let cx = 0;
  let cy = 0;
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [x0, y0] = ring[j] as [number, number];
    const [x1, y1] = ring[i] as [number, number];
    const cross = x0 * y1 - x1 * y0;
    a += cross;
    cx += (x0 + x1) * cross;
    cy += (y0 + y1) * cross;
  }
  return [cx / (3 * a), cy / (3 * a)];
}

/** Even-odd ray casting over all rings of a part (holes count as outside). */
function insidePart([x, y]: Position, part: Part): boolean {
  let inside = false;
  for (const ring of part) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i] as [number, number];
      const [xj, yj] = ring[j] as [number, number];
      if (yi > y! !== yj > y! && x! < ((xj - xi) * (y! - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

/** The middle of the widest inside stretch of the horizontal line through the part's middle. */
function scanlinePoint(part: Part): Position {
  const ys = part[0]!.map((p) => p[1]!);
  const y = (Math.min(...ys) + Math.max(...ys)) / 2;
  const xs: number[] = [];
  for (const ring of part) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i] as [number, number];
      const [xj, yj] = ring[j] as [number, number];
      if (yi > y !== yj > y) xs.push(((xj - xi) * (y - yi)) / (yj - yi) + xi);
    }
  }
  xs.sort((a, b) => a - b);
  let best: Position = part[0]![0]!;
  let width = -1;
  for (let k = 0; k + 1 < xs.length; k += 2) {
    if (xs[k + 1]! - xs[k]! > width) {
      width = xs[k + 1]! - xs[k]!;
      best = [(xs[k]! + xs[k + 1]!) / 2, y];
    }
  }
  return best;
}

/**
 * One label point per polygon feature (WGS84 lon/lat), inside its largest part: the centroid of
 * that part when it lies inside, else the middle of the part's widest horizontal stretch. A symbol
 * layer on the polygons themselves repeats the label on every tile a polygon crosses. Features
 * without a polygon geometry are skipped. Memoised per input object (the style is rebuilt often).
 */
export function labelPoints(collection: FeatureCollection): FeatureCollection<Point> {
  const known = computed.get(collection);
  if (known) return known;
  const features: Feature<Point>[] = [];
  for (const f of collection.features) {
    const g = f.geometry;
    const parts: Part[] =
      g?.type === 'Polygon' ? [g.coordinates] : g?.type === 'MultiPolygon' ? g.coordinates : [];
    if (parts.length === 0) continue;
    const largest = parts.reduce((a, b) => (Math.abs(ringArea(b[0]!)) > Math.abs(ringArea(a[0]!)) ? b : a));
    const centre = ringCentroid(largest[0]!);
    const coordinates = insidePart(centre, largest) ? centre : scanlinePoint(largest);
    features.push({
      type: 'Feature',
      id: f.id,
      properties: f.properties,
      geometry: { type: 'Point', coordinates },
    });
  }
  const result: FeatureCollection<Point> = { type: 'FeatureCollection', features };
  computed.set(collection, result);
  return result;
}

const computed = new WeakMap<FeatureCollection, FeatureCollection<Point>>();

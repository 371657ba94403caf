import Flatbush from 'flatbush';
import type { Position } from 'geojson';

/**
 * Does one polygon (exterior ring and holes) intersect itself? Same rule as turf `kinks`: two segments of the polygon's rings that are not the same segment
 * and not neighbours on one ring, are not parallel, and meet (crossing or touching, ends
 * included) are a self-intersection. Unlike `kinks`, which tests every pair and collects every
 * crossing (quadratic time and, for a zigzag, quadratic memory), segments are put in a static
 * R-tree (flatbush), only pairs whose boxes overlap are tested, and the search stops at the first
 * intersection. Memory is linear. Worst case (thousands of long segments whose boxes all overlap
 * without crossing) still tests many pairs, which is why the server checks large geometries off
 * the main thread (server/src/editing/geometry-checker.ts).
 */
export function firstSelfIntersection(rings: readonly Position[][]): Position | undefined {
  let count = 0;
  for (const ring of rings) count += Math.max(0, ring.length - 1);
  if (count < 2) return undefined;
  // Segment s runs from (xy[4s], xy[4s+1]) to (xy[4s+2], xy[4s+3]); ringOf[s] and pos[s] are its
  // ring and its index there; last[s] is the index of that ring's last segment, which neighbours
  // the first one when the ring is closed.
  const xy = new Float64Array(count * 4);
  const ringOf = new Int32Array(count);
  const pos = new Int32Array(count);
  const last = new Int32Array(count);
  const closed = new Uint8Array(rings.length);
  let s = 0;
  rings.forEach((ring, r) => {
    const first = ring[0];
    const end = ring[ring.length - 1];
    closed[r] = first && end && first[0] === end[0] && first[1] === end[1] ? 1 : 0;
    for (let i = 0; i < ring.length - 1; i++, s++) {
      const a = ring[i] as Position;
      const b = ring[i + 1] as Position;
      xy.set([a[0] as number, a[1] as number, b[0] as number, b[1] as number], s * 4);
      ringOf[s] = r;
      pos[s] = i;
      last[s] = ring.length - 2;
    }
  });
  const index = new Flatbush(count);
  const box = (i: number): [number, number, number, number] => {
    const o = i * 4;
    const [x1, y1, x2, y2] = [xy[o] ?? 0, xy[o + 1] ?? 0, xy[o + 2] ?? 0, xy[o + 3] ?? 0];
    return [Math.min(x1, x2), Math.min(y1, y2), Math.max(x1, x2), Math.max(y1, y2)];
  };
  for (let i = 0; i < count; i++) index.add(...box(i));
  index.finish();
  let found: Position | undefined;
  const test = (i: number, t: number): boolean => {
    if (found !== undefined || t <= i) return false;
    if (ringOf[t] === ringOf[i]) {
      const gap = (pos[t] ?? 0) - (pos[i] ?? 0);
      if (gap === 1 || (gap === last[i] && closed[ringOf[i] ?? 0] === 1)) return false;
    }
    found = intersection(xy, i * 4, t * 4);
    return false;
  };
  for (let i = 0; i < count && found === undefined; i++) {
    const [minX, minY, maxX, maxY] = box(i);
    index.search(minX, minY, maxX, maxY, (t) => test(i, t));
  }
  return found;
}

/** turf kinks' segment test, same arithmetic: the meeting point, or undefined (parallel or apart). */
function intersection(xy: Float64Array, i: number, t: number): Position | undefined {
  const x1 = xy[i] as number;
  const y1 = xy[i + 1] as number;
  const x2 = xy[i + 2] as number;
  const y2 = xy[i + 3] as number;
  const x3 = xy[t] as number;
  const y3 = xy[t + 1] as number;
  const x4 = xy[t + 2] as number;
  const y4 = xy[t + 3] as number;
  const denominator = (y4 - y3) * (x2 - x1) - (x4 - x3) * (y2 - y1);
  if (denominator === 0) return undefined;
  const dy = y1 - y3;
  const dx = x1 - x3;
  const a = ((x4 - x3) * dy - (y4 - y3) * dx) / denominator;
  const b = ((x2 - x1) * dy - (y2 - y1) * dx) / denominator;
  if (a < 0 || a > 1 || b < 0 || b > 1) return undefined;
  return [x1 + a * (x2 - x1), y1 + a * (y2 - y1)];
}

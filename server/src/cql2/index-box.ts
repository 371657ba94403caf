import type { Box, Cql2Expression } from './ast';

/**
 * A CRS84 box every match of `filter` lies in, when the filter requires S_INTERSECTS at its top
 * level (alone, or as one argument of a top-level AND) with one box: the literal's own box or
 * bbox. A route may pass it as FeatureQuery.bbox too, so the store's spatial index drives the
 * query; the result is the same (the filter still holds). Undefined otherwise (OR, NOT, a box
 * across the antimeridian, no spatial condition).
 */
export function indexBox(filter: Cql2Expression): Box | undefined {
  if (filter.op === 's_intersects') {
    const { literal } = filter;
    if (literal.kind === 'geometry') return literal.bbox;
    return literal.boxes.length === 1 ? literal.boxes[0] : undefined;
  }
  if (filter.op === 'and') {
    for (const arg of filter.args) {
      const box = indexBox(arg);
      if (box) return box;
    }
  }
  return undefined;
}

import { kinks } from '@turf/turf';
import fc from 'fast-check';
import type { Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { firstSelfIntersection } from '../../../geodata/rules/self-intersection';

const square: Position[] = [
  [0, 0],
  [1, 0],
  [1, 1],
  [0, 1],
  [0, 0],
];

describe('firstSelfIntersection', () => {
  it('finds a crossing, a touching vertex and a hole touching the exterior; passes simple polygons', () => {
    const bowtie = [
      [0, 0],
      [1, 1],
      [1, 0],
      [0, 1],
      [0, 0],
    ];
    expect(firstSelfIntersection([bowtie])).toEqual([0.5, 0.5]);
    const figureEight = [
      [0, 0],
      [2, 0],
      [1, 1],
      [2, 2],
      [0, 2],
      [1, 1],
      [0, 0],
    ];
    expect(firstSelfIntersection([figureEight])).toBeDefined();
    const hole = [
      [0.5, 0],
      [0.75, 0.5],
      [0.25, 0.5],
      [0.5, 0],
    ];
    expect(firstSelfIntersection([square, hole])).toBeDefined();
    expect(firstSelfIntersection([square])).toBeUndefined();
    const innerHole = [
      [0.25, 0.25],
      [0.25, 0.75],
      [0.75, 0.75],
      [0.75, 0.25],
      [0.25, 0.25],
    ];
    expect(firstSelfIntersection([square, innerHole])).toBeUndefined();
    expect(firstSelfIntersection([[[0, 0]]])).toBeUndefined();
  });

  it('answers exactly as turf kinks (the shipped-data rule) on random polygons with holes (fast-check, seeded)', () => {
    // Small integer grids make touching vertices, collinear and repeated points common.
    const point = fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 }));
    const ring = fc
      .array(point, { minLength: 3, maxLength: 14 })
      .map((pts) => [...pts, pts[0] as [number, number]]);
    fc.assert(
      fc.property(fc.array(ring, { minLength: 1, maxLength: 3 }), (rings) => {
        const expected = kinks({ type: 'Polygon', coordinates: rings }).features.length > 0;
        expect(firstSelfIntersection(rings) !== undefined).toBe(expected);
      }),
      { seed: 11, numRuns: 2000 },
    );
  });

  it('also on random real-valued rings (crossings in general position)', () => {
    const point = fc.tuple(
      fc.double({ min: 103, max: 104, noNaN: true }),
      fc.double({ min: 22, max: 23, noNaN: true }),
    );
    const ring = fc
      .array(point, { minLength: 3, maxLength: 30 })
      .map((pts) => [...pts, pts[0] as [number, number]]);
    fc.assert(
      fc.property(ring, (r) => {
        const expected = kinks({ type: 'Polygon', coordinates: [r] }).features.length > 0;
        expect(firstSelfIntersection([r]) !== undefined).toBe(expected);
      }),
      { seed: 11, numRuns: 1000 },
    );
  });
});

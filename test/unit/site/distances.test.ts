import { distance } from '@turf/turf';
import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { locate, measure, roundUpKm, straightLineKm } from '../../../server/src/site/distances';

const point = (lon: number, lat: number) => ({ type: 'Point' as const, coordinates: [lon, lat] });
const approx = (km: number | null) => ({ location_precision: 'approximate', location_uncertainty_km: km });
const surveyed = { location_precision: 'surveyed', location_uncertainty_km: null };

describe('straightLineKm', () => {
  it('is the great-circle distance turf gives, in km', () => {
    const pairs: [[number, number], [number, number]][] = [
      [
        [103.97833, 22.4925], // Lào Cai railway station
        [105.8542, 21.0285], // Hà Nội
      ],
      [
        [104.09, 22.39],
        [103.966, 22.504],
      ],
      [
        [0, 0],
        [1, 0],
      ],
    ];
    for (const [a, b] of pairs) expect(straightLineKm(a, b)).toBe(distance(a, b, { units: 'kilometers' }));
    // One degree of longitude on the equator on turf's sphere (R = 6,371.0088 km): 2πR / 360.
    expect(straightLineKm([0, 0], [1, 0])).toBeCloseTo((2 * Math.PI * 6371.0088) / 360, 6);
    // Lào Cai station to Hà Nội is about 250 km in a straight line (the railway is ≈ 296 km).
    expect(straightLineKm(pairs[0][0], pairs[0][1])).toBeGreaterThan(245);
    expect(straightLineKm(pairs[0][0], pairs[0][1])).toBeLessThan(255);
  });
});

describe('locate', () => {
  it('takes a point where it is, with its stated uncertainty when approximate and 0 when surveyed', () => {
    expect(locate(point(104.09, 22.39), approx(5))).toEqual({
      coordinates: [104.09, 22.39],
      uncertaintyKm: 5,
      approximate: true,
    });
    expect(locate(point(104, 22), surveyed)).toEqual({
      coordinates: [104, 22],
      uncertaintyKm: 0,
      approximate: false,
    });
  });

  it('has an unknown uncertainty for an approximate location that states none (or no precision at all)', () => {
    expect(locate(point(104, 22), approx(null)).uncertaintyKm).toBeNull();
    expect(locate(point(104, 22), {})).toMatchObject({ uncertaintyKm: null, approximate: true });
  });

  it('measures an area from its representative position, its farthest vertex added to the uncertainty', () => {
    const square: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [104, 22],
          [104.02, 22],
          [104.02, 22.02],
          [104, 22.02],
          [104, 22],
        ],
      ],
    };
    const at = locate(square, surveyed);
    expect(at.coordinates[0]).toBeCloseTo(104.01, 6);
    expect(at.coordinates[1]).toBeCloseTo(22.01, 6);
    const corner = distance(at.coordinates, [104, 22], { units: 'kilometers' });
    expect(at.uncertaintyKm).toBeCloseTo(corner, 3);
    expect(locate(square, approx(2)).uncertaintyKm).toBeCloseTo(2 + corner, 3);
  });
});

describe('measure', () => {
  it('rounds km to 0.1 and adds both ends’ uncertainties (rounded up): ≈ 12 km ± 3 km', () => {
    const from = locate(point(104.09, 22.39), approx(2.5));
    const to = locate(point(104.2, 22.33), approx(0.5));
    const km = distance([104.09, 22.39], [104.2, 22.33], { units: 'kilometers' });
    expect(measure(from, to)).toEqual({ km: Math.round(km * 10) / 10, uncertaintyKm: 3, approximate: true });
  });

  it('is exact between two surveyed points and unknown-bounded when one end states no uncertainty', () => {
    const a = locate(point(104, 22), surveyed);
    const b = locate(point(104.1, 22), surveyed);
    expect(measure(a, b)).toMatchObject({ uncertaintyKm: 0, approximate: false });
    expect(measure(a, locate(point(104.1, 22), approx(null)))).toMatchObject({
      uncertaintyKm: null,
      approximate: true,
    });
  });

  it('rounds bounds up without inflating float noise', () => {
    expect(roundUpKm(3)).toBe(3);
    expect(roundUpKm(3.0000000001)).toBe(3);
    expect(roundUpKm(3.01)).toBe(3.1);
    expect(roundUpKm(0.5 + 2.5)).toBe(3);
  });
});

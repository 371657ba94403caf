import type { FeatureCollection, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import type { AreaFeature } from '../../../geodata/rules/districts';
import { simplifyBoundaries } from '../../../geodata/scripts/build/boundaries';
import { largestRemainder } from '../../../geodata/scripts/build/indicators';
import { checkGeometries, checkSharedBorders } from '../../../geodata/scripts/checks/index';

/** Two districts whose common border is a zig-zag with many small teeth. */
function jaggedPair(): FeatureCollection<Polygon, { code: string }> {
  const border: [number, number][] = [];
  for (let i = 0; i <= 40; i += 1) border.push([104 + (i % 2) * 0.002, 22 + i * 0.005]);
  const west: [number, number][] = [[103.8, 22], ...border, [103.8, 22.2], [103.8, 22]];
  const east: [number, number][] = [[104.2, 22.2], ...[...border].reverse(), [104.2, 22], [104.2, 22.2]];
  return {
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', properties: { code: '082' }, geometry: { type: 'Polygon', coordinates: [west] } },
      { type: 'Feature', properties: { code: '086' }, geometry: { type: 'Polygon', coordinates: [east] } },
    ],
  };
}

describe('simplifyBoundaries', () => {
  it('keeps the shared border shared, winds exteriors counter-clockwise and merges the province', () => {
    const { districts, province } = simplifyBoundaries(jaggedPair(), 2e-5);
    const feature = (g: Polygon | import('geojson').MultiPolygon): AreaFeature => ({
      type: 'Feature',
      properties: {},
      geometry: g,
    });
    const areas = [...districts].map(([code, g]) => ({ code, name: code, feature: feature(g) }));
    const prov = feature(province);
    expect(checkSharedBorders(areas, prov)).toEqual([]);
    expect(
      checkGeometries(
        'districts',
        areas.map((a) => a.feature),
        prov,
      ),
    ).toEqual([]);
    const before = jaggedPair().features[0]?.geometry.coordinates[0]?.length ?? 0;
    const g = districts.get('082');
    const after = g?.type === 'Polygon' ? (g.coordinates[0]?.length ?? 0) : Number.POSITIVE_INFINITY;
    expect(after).toBeLessThan(before);
  });
});

describe('largestRemainder', () => {
  it('splits a total into integers that add up exactly, in proportion', () => {
    const split = largestRemainder(10, [
      ['a', 1],
      ['b', 1],
      ['c', 1],
    ]);
    expect([...split.values()].reduce((s, v) => s + v, 0)).toBe(10);
    expect(Object.fromEntries(split)).toEqual({ a: 4, b: 3, c: 3 });
  });

  it('gives the remainder to the largest fractional parts', () => {
    expect(
      Object.fromEntries(
        largestRemainder(237, [
          ['x', 130671],
          ['y', 37490],
        ]),
      ),
    ).toEqual({ x: 184, y: 53 });
  });
});

import { describe, expect, it } from 'vitest';
import { diffFeatures } from '../../../server/src/writes/diff';

const point = (x: number, y: number) => ({ type: 'Point', coordinates: [x, y] });

describe('diffFeatures', () => {
  it('finds nothing between equal features, whatever the key order', () => {
    const a = { type: 'Feature', geometry: point(1, 2), properties: { name: 'A', tags: { x: 1, y: 2 } } };
    const b = { type: 'Feature', properties: { tags: { y: 2, x: 1 }, name: 'A' }, geometry: point(1, 2) };
    expect(diffFeatures(a, b)).toEqual([]);
  });

  it('lists a changed, an added and a removed property', () => {
    const before = { geometry: point(1, 2), properties: { name: 'A', area_ha: 10, commune: 'X' } };
    const after = { geometry: point(1, 2), properties: { name: 'B', area_ha: 10, status_year: 2020 } };
    expect(diffFeatures(before, after)).toEqual([
      { path: 'properties.name', before: 'A', after: 'B' },
      { path: 'properties.commune', before: 'X', after: undefined },
      { path: 'properties.status_year', before: undefined, after: 2020 },
    ]);
  });

  it('tells null apart from absent', () => {
    expect(diffFeatures({ properties: { commune: null } }, { properties: {} })).toEqual([
      { path: 'properties.commune', before: null, after: undefined },
    ]);
  });

  it('reports a moved geometry as one geometry entry', () => {
    const changes = diffFeatures(
      { geometry: point(1, 2), properties: {} },
      { geometry: point(1, 3), properties: {} },
    );
    expect(changes).toEqual([{ path: 'geometry', before: point(1, 2), after: point(1, 3) }]);
  });

  it('compares arrays by position', () => {
    const changes = diffFeatures(
      { properties: { industries: ['a', 'b'] } },
      { properties: { industries: ['b', 'a'] } },
    );
    expect(changes.map((c) => c.path)).toEqual(['properties.industries']);
  });

  it('lists everything for a create (before = null)', () => {
    const after = { geometry: point(1, 2), properties: { name: 'A' } };
    expect(diffFeatures(null, after)).toEqual([
      { path: 'properties.name', before: undefined, after: 'A' },
      { path: 'geometry', before: undefined, after: point(1, 2) },
    ]);
  });

  it('lists everything for a delete (after = null)', () => {
    const before = { geometry: point(1, 2), properties: { name: 'A' } };
    expect(diffFeatures(before, null).map((c) => c.path)).toEqual(['properties.name', 'geometry']);
  });
});

import type { Feature } from 'geojson';
import { describe, expect, it } from 'vitest';
import { checkGeometries } from '../../../geodata/scripts/checks/index';
import { PROVINCE, point, rect } from '../../fixtures/geodata/shapes';

const withId = (f: Feature, id: number, name = 'X'): Feature => ({ ...f, id, properties: { name } });

describe('checkGeometries', () => {
  it('accepts a valid counter-clockwise polygon and a point inside the province', () => {
    const features = [withId(rect(103.9, 22.25, 104.1, 22.35), 1), point(2, [104.0, 22.3], { name: 'P' })];
    expect(checkGeometries('c', features, PROVINCE)).toEqual([]);
  });

  it('finds an unclosed ring', () => {
    const f = withId(rect(103.9, 22.25, 104.1, 22.35), 1);
    if (f.geometry?.type === 'Polygon') f.geometry.coordinates[0]?.pop();
    expect(checkGeometries('c', [f], PROVINCE).map((p) => p.check)).toContain('ring_invalid');
  });

  it('finds a clockwise exterior ring', () => {
    const f = withId(rect(103.9, 22.25, 104.1, 22.35), 1);
    if (f.geometry?.type === 'Polygon') f.geometry.coordinates[0]?.reverse();
    const problems = checkGeometries('c', [f], PROVINCE);
    expect(problems).toEqual([expect.objectContaining({ check: 'winding', featureId: 1 })]);
  });

  it('finds a self-intersecting (bow-tie) polygon', () => {
    const bowtie: Feature = {
      type: 'Feature',
      id: 3,
      properties: { name: 'Bow' },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [103.9, 22.25],
            [104.1, 22.35],
            [104.1, 22.25],
            [103.9, 22.35],
            [103.9, 22.25],
          ],
        ],
      },
    };
    expect(checkGeometries('c', [bowtie], PROVINCE).map((p) => p.check)).toContain('self_intersection');
  });

  it('finds a point outside the province and names it', () => {
    const problems = checkGeometries('c', [point(7, [105.5, 21.0], { name: 'Far away' })], PROVINCE);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.check).toBe('outside_province');
    expect(problems[0]?.message).toContain('"Far away" (id 7)');
  });
});

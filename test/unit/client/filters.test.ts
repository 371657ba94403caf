import { describe, expect, it } from 'vitest';
import { applyFilters } from '../../../client/src/lib/filters';
import type { ApiFeature } from '../../../server/src/contract/api';

const f = (id: number, properties: Record<string, unknown>): ApiFeature => ({
  type: 'Feature',
  id,
  geometry: { type: 'Point', coordinates: [104, 22.4] },
  properties,
});

const villages = [
  f(1, { district_code: '085', craft: 'wine_distilling' }),
  f(2, { district_code: '085', craft: 'brocade_weaving' }),
  f(3, { district_code: '082', craft: 'wine_distilling' }),
];

describe('applyFilters', () => {
  it('filters by district and craft together', () => {
    const out = applyFilters('craft-villages', villages, { district: '085', craft: 'wine_distilling' });
    expect(out.map((x) => x.id)).toEqual([1]);
  });

  it('applies craft only to craft villages and status only to clusters', () => {
    expect(applyFilters('facilities', villages, { craft: 'brocade_weaving' })).toHaveLength(3);
    const clusters = [f(7, { status: 'planned' }), f(8, { status: 'operating' })];
    expect(applyFilters('industrial-clusters', clusters, { status: 'operating' }).map((x) => x.id)).toEqual([
      8,
    ]);
  });

  it('never filters the districts or the province outline', () => {
    expect(applyFilters('districts', villages, { district: '999' })).toHaveLength(3);
  });
});

import { describe, expect, it } from 'vitest';
import { conditionsFor, filterAll } from '../../../client/src/app/derive';
import { applyFilters } from '../../../client/src/lib/filters';
import type { ApiFeature } from '../../../server/src/contract/api';
import { shippedCatalog } from './catalog.fixture';

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
const { catalog } = shippedCatalog();

describe('applyFilters', () => {
  it('filters by district and craft together', () => {
    const conditions = conditionsFor(catalog, 'craft-villages', {
      district: '085',
      craft: 'wine_distilling',
    });
    expect(conditions).toEqual([
      { property: 'district_code', value: '085' },
      { property: 'craft', value: 'wine_distilling' },
    ]);
    expect(applyFilters(villages, conditions).map((x) => x.id)).toEqual([1]);
  });

  it('applies craft only to craft villages and status only to clusters (the catalog filters)', () => {
    const clusters = [f(7, { status: 'planned' }), f(8, { status: 'operating' })];
    const out = filterAll(
      catalog,
      { facilities: villages, 'industrial-clusters': clusters },
      { craft: 'brocade_weaving', status: 'operating' },
    );
    expect(out.facilities).toHaveLength(3);
    expect(out['industrial-clusters']?.map((x) => x.id)).toEqual([8]);
  });

  it('never filters the districts or the province outline', () => {
    const out = filterAll(catalog, { districts: villages, province: villages }, { district: '999' });
    expect(out.districts).toHaveLength(3);
    expect(out.province).toHaveLength(3);
  });
});

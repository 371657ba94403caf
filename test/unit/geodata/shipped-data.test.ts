import { describe, expect, it } from 'vitest';
import { runAllChecks } from '../../../geodata/scripts/checks/index';
import { loadBundle } from '../../../geodata/scripts/load';

describe('the shipped geodata', () => {
  it('passes every check', () => {
    const results = runAllChecks(loadBundle());
    expect(results).toHaveLength(10);
    expect(results.flatMap((r) => r.problems)).toEqual([]);
  });

  it('has six clusters in five districts, nine districts and the article totals', () => {
    const bundle = loadBundle();
    const clusters = bundle.collections.find((c) => c.id === 'industrial-clusters')?.data.features ?? [];
    expect(clusters).toHaveLength(6);
    expect(new Set(clusters.map((f) => f.properties?.district_code)).size).toBe(5);
    expect(bundle.collections.find((c) => c.id === 'districts')?.data.features.map((f) => f.id)).toEqual([
      80, 82, 83, 84, 85, 86, 87, 88, 89,
    ]);
    const establishments = bundle.indicators.filter(
      (r) => r.district_code === '10' && r.indicator === 'establishments',
    );
    expect(establishments.map((r) => [r.year, r.value])).toEqual([
      [2008, 3368],
      [2012, 6892],
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import {
  barsOf,
  changeAsValues,
  changesOf,
  districtOrder,
} from '../../../client/src/features/charts/chartData';
import { niceDistance } from '../../../client/src/features/print/scaleBar';
import { buildChangeChoropleth, DIVERGING_5 } from '../../../client/src/lib/changeChoropleth';
import { decodeUrlState, encodeUrlState, type LinkSchema } from '../../../client/src/lib/urlState';
import type { IndicatorValuesResponse } from '../../../server/src/contract/api';

const series = (year: number, values: [string, number | null][]): IndicatorValuesResponse => ({
  indicator: 'x',
  title: { vi: 'X', en: 'X' },
  unit: { vi: 'cơ sở', en: 'establishments' },
  year,
  values: values.map(([code, value]) => ({
    district_code: code,
    district_name: code,
    value,
    status: code === '082' ? 'illustrative' : 'reported',
    source: 's',
    source_lang: null,
  })),
  province: null,
});
const a = series(2008, [
  ['080', 10],
  ['082', 0],
  ['083', 40],
  ['085', null],
]);
const b = series(2012, [
  ['080', 15],
  ['082', 5],
  ['083', 20],
  ['085', 7],
]);

describe('chart data', () => {
  it('makes a bar per known value (unknown is no bar, never 0) and orders districts by the latest year', () => {
    const bars = barsOf([a, b], (c) => `d${c}`);
    expect(bars).toHaveLength(7);
    expect(bars.find((x) => x.code === '082' && x.year === 2012)).toMatchObject({
      value: 5,
      illustrative: true,
      name: 'd082',
    });
    expect(districtOrder([a, b])).toEqual(['083', '080', '085', '082']);
  });

  it('computes change absolute and percent; a first value of 0 has no percent; sorted by the measure', () => {
    const pct = changesOf(a, b, (c) => c);
    expect(pct.map((c) => [c.code, c.abs, c.pct])).toEqual([
      ['080', 5, 50],
      ['083', -20, -50],
      ['082', 5, null],
    ]);
    expect(changesOf(a, b, (c) => c, 'abs').map((c) => c.code)).toEqual(['080', '082', '083']);
    const asValues = changeAsValues(a, b, 'pct');
    expect(asValues.values.map((v) => v.value)).toEqual([50, null, -50, null]);
  });

  it('classes change around 0 with the diverging palette (decline and growth never share a class)', () => {
    const c = buildChangeChoropleth([
      { district_code: '1', value: -50 },
      { district_code: '2', value: -5 },
      { district_code: '3', value: 0 },
      { district_code: '4', value: 10 },
      { district_code: '5', value: 40 },
      { district_code: '6', value: null },
    ]);
    expect(c.method).toBe('diverging');
    expect(c.colorByCode).toMatchObject({
      '1': DIVERGING_5[0],
      '2': DIVERGING_5[1],
      '3': DIVERGING_5[2],
      '4': DIVERGING_5[3],
      '5': DIVERGING_5[4],
    });
    expect(c.hasNoData).toBe(true);
    expect(
      buildChangeChoropleth([
        { district_code: '1', value: 12 },
        { district_code: '2', value: 12 },
      ]).allEqual,
    ).toBe(12);
  });

  it('scale bars use round distances', () => {
    expect([niceDistance(7300), niceDistance(1999), niceDistance(480), niceDistance(0)]).toEqual([
      5000, 1000, 200, 0,
    ]);
  });
});

describe('planner links', () => {
  const schema: LinkSchema = { layers: [{ key: 'choropleth', visible: true }], filters: [] };
  it('keeps the profile and the change view in the link and reads them back', () => {
    const hash = encodeUrlState(
      { layers: ['choropleth'], filters: {}, basemap: 'offline', profile: '083', change: 'pct' },
      schema,
    );
    expect(hash).toContain('profile=083');
    expect(hash).toContain('change=pct');
    expect(decodeUrlState(hash, schema)).toMatchObject({ profile: '083', change: 'pct' });
    expect(decodeUrlState('#change=yes&profile=<x>', schema)).not.toHaveProperty('change');
    expect(decodeUrlState('#change=yes&profile=<x>', schema)).not.toHaveProperty('profile');
  });
});

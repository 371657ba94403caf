import { describe, expect, it } from 'vitest';
import { buildChoropleth } from '../../../client/src/lib/choropleth';
import { NO_DATA_COLOR, SEQUENTIAL_5 } from '../../../client/src/lib/palette';

const codes = ['080', '082', '083', '084', '085', '086', '087', '088', '089'];

describe('buildChoropleth', () => {
  it('gives every district a class colour and counts them per class', () => {
    const values = codes.map((c, i) => ({ district_code: c, value: (i + 1) * 100 }));
    const ch = buildChoropleth(values, 'quantile');
    expect(ch.classes.map((c) => c.color)).toEqual([...SEQUENTIAL_5]);
    expect(ch.classes.reduce((s, c) => s + c.count, 0)).toBe(9);
    expect(ch.colorByCode['080']).toBe(SEQUENTIAL_5[0]);
    expect(ch.colorByCode['089']).toBe(SEQUENTIAL_5[4]);
    expect(ch.hasNoData).toBe(false);
  });

  it('marks districts without a value as no data', () => {
    const ch = buildChoropleth(
      [
        { district_code: '080', value: 1 },
        { district_code: '082', value: null },
        { district_code: '083', value: 3 },
      ],
      'jenks',
    );
    expect(ch.colorByCode['082']).toBe(NO_DATA_COLOR);
    expect(ch.hasNoData).toBe(true);
  });

  it('shows a single class when every district has the same value, and says so', () => {
    const ch = buildChoropleth(
      codes.map((c) => ({ district_code: c, value: 1 })),
      'quantile',
    );
    expect(ch.classes).toHaveLength(1);
    expect(ch.classes[0]!.from).toBe(1);
    expect(ch.allEqual).toBe(1);
    expect(Object.values(ch.colorByCode).every((c) => c !== NO_DATA_COLOR)).toBe(true);
  });

  it('class ranges never overlap: each is the min–max of its own districts', () => {
    const values = [12, 15, 21, 21, 22, 24, 24, 30, 31].map((v, i) => ({
      district_code: codes[i]!,
      value: v,
    }));
    for (const method of ['quantile', 'jenks'] as const) {
      const { classes } = buildChoropleth(values, method);
      for (let i = 1; i < classes.length; i++) expect(classes[i]!.from).toBeGreaterThan(classes[i - 1]!.to);
    }
  });

  it('unknown (null) is no data, never 0: a 0 district keeps a class colour', () => {
    const ch = buildChoropleth(
      [
        { district_code: '080', value: 0 },
        { district_code: '082', value: null },
        { district_code: '083', value: 700 },
      ],
      'quantile',
    );
    expect(ch.colorByCode['080']).not.toBe(NO_DATA_COLOR);
    expect(ch.colorByCode['082']).toBe(NO_DATA_COLOR);
    expect(ch.colorByCode['080']).not.toBe(ch.colorByCode['083']);
  });
});

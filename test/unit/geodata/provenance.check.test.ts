import { describe, expect, it } from 'vitest';
import type { RawIndicatorRow } from '../../../geodata/rules/indicator-rows';
import { checkIndicatorProvenance, checkProvenance } from '../../../geodata/scripts/checks/index';
import { point } from '../../fixtures/geodata/shapes';

const total: RawIndicatorRow = {
  district_code: '10',
  year: 2012,
  indicator: 'workers',
  value: 10,
  unit: 'persons',
  status: 'reported',
  source: 'province total; article',
};
const split: RawIndicatorRow = {
  ...total,
  district_code: '082',
  status: 'illustrative',
  source: 'illustrative split by population share',
};

describe('checkProvenance', () => {
  it('accepts a feature with source and confidence', () => {
    expect(
      checkProvenance('c', [point(1, [104, 22], { name: 'A', source: 's', confidence: 'reported' })]),
    ).toEqual([]);
  });

  it('finds a missing source and an unknown confidence', () => {
    const problems = checkProvenance('c', [
      point(1, [104, 22], { name: 'A', source: ' ', confidence: 'high' }),
    ]);
    expect(problems.map((p) => p.check)).toEqual(['source_missing', 'confidence_missing']);
  });
});

describe('checkIndicatorProvenance', () => {
  it('accepts a reported total and its illustrative split', () => {
    expect(checkIndicatorProvenance([total, split])).toEqual([]);
  });

  it('finds a district split of a province total that is not marked illustrative', () => {
    const unmarked = { ...split, status: 'official', source: 'district figure' };
    const problems = checkIndicatorProvenance([total, unmarked]);
    expect(problems.map((p) => p.check)).toEqual(['illustrative_unmarked']);
    expect(problems[0]?.message).toContain('workers 2012 082');
  });

  it('finds a row whose source says illustrative but whose status does not', () => {
    const row = {
      ...total,
      district_code: '083',
      indicator: 'population',
      status: 'official',
      source: 'illustrative guess',
    };
    expect(checkIndicatorProvenance([row]).map((p) => p.check)).toEqual(['illustrative_mismatch']);
  });
});

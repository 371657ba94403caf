import { describe, expect, it } from 'vitest';
import { checkSharedBorders } from '../../../geodata/scripts/checks/index';
import { district, EAST, PROVINCE, rect, WEST } from '../../fixtures/geodata/shapes';

describe('checkSharedBorders', () => {
  it('accepts districts that share their border exactly and cover the province', () => {
    expect(checkSharedBorders([WEST, EAST], PROVINCE)).toEqual([]);
  });

  it('finds an overlap between neighbours', () => {
    const east = district('086', 'Huyện Đông', rect(103.99, 22.2, 104.2, 22.4));
    const problems = checkSharedBorders([WEST, east], PROVINCE);
    expect(problems.map((p) => p.check)).toEqual(['district_overlap']);
    expect(problems[0]?.message).toMatch(/Huyện Tây \(082\) and Huyện Đông \(086\) overlap by/);
  });

  it('finds a sliver gap between neighbours', () => {
    const east = district('086', 'Huyện Đông', rect(104.001, 22.2, 104.2, 22.4));
    expect(checkSharedBorders([WEST, east], PROVINCE).map((p) => p.check)).toEqual(['district_gap']);
  });

  it('finds districts reaching outside the province', () => {
    const east = district('086', 'Huyện Đông', rect(104.0, 22.2, 104.3, 22.4));
    expect(checkSharedBorders([WEST, east], PROVINCE).map((p) => p.check)).toEqual([
      'district_outside_province',
    ]);
  });
});

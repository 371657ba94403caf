import { describe, expect, it } from 'vitest';
import { formatNumber, formatRange, formatWithUnit } from '../../../client/src/lib/format';

describe('number formatting per locale', () => {
  it('vi groups thousands with a dot, en with a comma', () => {
    expect(formatNumber(6892, 'vi')).toBe('6.892');
    expect(formatNumber(6892, 'en')).toBe('6,892');
  });

  it('vi uses a decimal comma, en a decimal point', () => {
    expect(formatNumber(1302.5, 'vi')).toBe('1.302,5');
    expect(formatNumber(1302.5, 'en')).toBe('1,302.5');
  });

  it('appends units, % without a space', () => {
    expect(formatWithUnit(66, 'ha', 'vi')).toBe('66 ha');
    expect(formatWithUnit(29, '%', 'en')).toBe('29%');
  });

  it('formats class ranges', () => {
    expect(formatRange(3368, 6892, 'en')).toBe('3,368 – 6,892');
  });
});

import { describe, expect, it } from 'vitest';
import { classIndex, classify } from '../../../client/src/lib/classify';

describe('classify', () => {
  it('quantiles split nine values into five classes spanning min..max', () => {
    const { breaks } = classify([1, 2, 3, 4, 5, 6, 7, 8, 9], 5, 'quantile');
    expect(breaks).toEqual([1, 2, 4, 6, 8, 9]);
  });

  it('ignores null (no data) values', () => {
    const { breaks } = classify([null, 10, null, 20], 5, 'quantile');
    expect(breaks[0]).toBe(10);
    expect(breaks[breaks.length - 1]).toBe(20);
  });

  it('natural breaks put the gaps between clusters of values', () => {
    const { breaks } = classify([1, 2, 3, 50, 51, 52, 100, 101, 500], 4, 'jenks');
    expect(breaks).toEqual([1, 3, 52, 101, 500]);
  });

  it('never returns more classes than distinct values (the minimum may be a class of its own)', () => {
    const { breaks } = classify([5, 5, 7, 7], 5, 'jenks');
    expect(breaks).toEqual([5, 5, 7]);
    expect(classIndex(breaks, 5)).toBe(0);
    expect(classIndex(breaks, 7)).toBe(1);
  });

  it('quantiles do not merge distinct values because of ties: 0 ha and 700 ha get different classes', () => {
    const values = [0, 0, 0, 0, 0, 0, 0, 66, 700];
    const { breaks } = classify(values, 5, 'quantile');
    const classes = new Set(values.map((v) => classIndex(breaks, v)));
    expect(classes.size).toBe(3);
    expect(classIndex(breaks, 0)).not.toBe(classIndex(breaks, 700));
  });

  it('returns no breaks when all values are missing', () => {
    expect(classify([null, null], 5, 'quantile').breaks).toEqual([]);
  });

  it('classIndex: lower bound exclusive except for the first class; null → -1', () => {
    const breaks = [0, 10, 20];
    expect(classIndex(breaks, 0)).toBe(0);
    expect(classIndex(breaks, 10)).toBe(0);
    expect(classIndex(breaks, 10.5)).toBe(1);
    expect(classIndex(breaks, 20)).toBe(1);
    expect(classIndex(breaks, null)).toBe(-1);
    expect(classIndex(breaks, 21)).toBe(-1);
  });
});

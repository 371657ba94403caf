import { describe, expect, it } from 'vitest';
import { jsonEqual } from '../../../server/src/writes/json-equal';

describe('jsonEqual', () => {
  it('ignores key order and compares deeply', () => {
    expect(jsonEqual({ a: 1, b: { c: [1, { d: null }] } }, { b: { c: [1, { d: null }] }, a: 1 })).toBe(true);
  });

  it('tells apart values that differ anywhere', () => {
    expect(jsonEqual({ a: [1, 2] }, { a: [1, 2, 3] })).toBe(false);
    expect(jsonEqual({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(jsonEqual(null, {})).toBe(false);
    expect(jsonEqual([], {})).toBe(false);
    expect(jsonEqual('1', 1)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { evaluateIfMatch, featureEtag, parseIfMatch } from '../../../server/src/writes/etag';

describe('featureEtag', () => {
  it('is a strong tag naming the version', () => {
    expect(featureEtag(3)).toBe('"v3"');
  });

  it('throws for a version that is not a positive integer (misuse)', () => {
    for (const v of [0, -1, 1.5, Number.NaN]) expect(() => featureEtag(v)).toThrow(RangeError);
  });
});

describe('parseIfMatch', () => {
  it('reports a missing or blank header', () => {
    expect(parseIfMatch(undefined)).toEqual({ kind: 'missing' });
    expect(parseIfMatch('  ')).toEqual({ kind: 'missing' });
  });

  it('reads *', () => {
    expect(parseIfMatch('*')).toEqual({ kind: 'any' });
  });

  it('reads one strong tag', () => {
    expect(parseIfMatch('"v3"')).toEqual({ kind: 'versions', versions: [3] });
  });

  it('reads a list', () => {
    expect(parseIfMatch('"v3", "v4" ,"v10"')).toEqual({ kind: 'versions', versions: [3, 4, 10] });
  });

  it('rejects weak tags for writes (strong comparison never matches them)', () => {
    expect(parseIfMatch('W/"v3"')).toEqual({ kind: 'versions', versions: [] });
    expect(parseIfMatch('W/"v3", "v4"')).toEqual({ kind: 'versions', versions: [4] });
  });

  it('skips unquoted, foreign and malformed tags', () => {
    expect(parseIfMatch('v3, 3, "abc", "v0", "v03", "v3')).toEqual({ kind: 'versions', versions: [] });
  });

  it('reads repeated headers as one list', () => {
    expect(parseIfMatch(['"v1"', '"v2"'])).toEqual({ kind: 'versions', versions: [1, 2] });
  });
});

describe('evaluateIfMatch', () => {
  it('is missing without a header (→ 428)', () => {
    expect(evaluateIfMatch(undefined, 3)).toBe('missing');
  });

  it('is ok for the current version or *', () => {
    expect(evaluateIfMatch('"v3"', 3)).toBe('ok');
    expect(evaluateIfMatch('*', 3)).toBe('ok');
  });

  it('is stale for another version or a weak tag of the current one (→ 412)', () => {
    expect(evaluateIfMatch('"v2"', 3)).toBe('stale');
    expect(evaluateIfMatch('W/"v3"', 3)).toBe('stale');
  });
});

describe('feature tags with a derived part (a site’s distances)', () => {
  it('appends the variant, and If-Match reads the version of either form', () => {
    expect(featureEtag(3, 'NebGgWxx2o_-')).toBe('"v3-NebGgWxx2o_-"');
    expect(evaluateIfMatch('"v3-NebGgWxx2o_-"', 3)).toBe('ok');
    expect(evaluateIfMatch('"v3-other"', 3)).toBe('ok');
    expect(evaluateIfMatch('"v2-NebGgWxx2o_-"', 3)).toBe('stale');
    expect(parseIfMatch('"v3-a b"')).toEqual({ kind: 'versions', versions: [] });
  });

  it('throws for a variant outside [A-Za-z0-9_-]{1,32} (misuse)', () => {
    expect(() => featureEtag(3, '')).toThrow(RangeError);
    expect(() => featureEtag(3, 'a"b')).toThrow(RangeError);
  });
});

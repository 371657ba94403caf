import { describe, expect, it } from 'vitest';
import { checkJsonBounds, JSON_LIMITS } from '../../../server/src/plugins/json-body';

const limits = { maxDepth: 4, maxMembers: 5, maxValues: 12 };

describe('checkJsonBounds (pre-scan of JSON bodies)', () => {
  it('lets documents within the limits through, whatever their strings hold', () => {
    expect(checkJsonBounds('{"a":[1,2,{"b":3}]}', limits)).toBeUndefined();
    expect(checkJsonBounds('"[[[[[[[[[[[["', limits)).toBeUndefined();
    expect(checkJsonBounds('{"a":"\\"[[[[[[[[[","b":"\\\\"}', limits)).toBeUndefined();
    expect(checkJsonBounds('[1,2,3,4]', limits)).toBeUndefined();
    expect(checkJsonBounds('', limits)).toBeUndefined();
  });

  it('stops at depth, members per container and values in total', () => {
    expect(checkJsonBounds('[[[[[1]]]]]', limits)).toMatchObject({ status: 400, code: 'BodyTooDeep' });
    expect(checkJsonBounds('{"a":{"b":{"c":{"d":{}}}}}', limits)).toMatchObject({ code: 'BodyTooDeep' });
    expect(checkJsonBounds('[1,2,3,4,5,6]', limits)).toMatchObject({ status: 413, code: 'BodyTooLarge' });
    expect(checkJsonBounds('[[1,2,3],[1,2,3],[1,2,3],[1,2,3]]', limits)).toMatchObject({ status: 413 });
  });

  it('a brace inside a string or after an escaped quote does not count', () => {
    expect(checkJsonBounds('["\\"]]]]]]{{{{{{"]', limits)).toBeUndefined();
    expect(checkJsonBounds('["a\\\\",[[[[1]]]]]', limits)).toMatchObject({ code: 'BodyTooDeep' });
  });

  it('the default limits fit a 5,000-position ring and refuse 10,000 nested arrays quickly', () => {
    const ring = `{"type":"Feature","geometry":{"type":"MultiPolygon","coordinates":[[[${Array.from({ length: 5000 }, () => '[103.5,22.5]').join(',')}]]]},"properties":{"a":{"b":[1]}}}`;
    expect(checkJsonBounds(ring)).toBeUndefined();
    expect(checkJsonBounds(`${'['.repeat(10_000)}${']'.repeat(10_000)}`)).toMatchObject({
      code: 'BodyTooDeep',
    });
    expect(JSON_LIMITS.maxMembers).toBeGreaterThan(5000);
  });
});

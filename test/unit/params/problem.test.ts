import { describe, expect, it } from 'vitest';
import { Cql2Error } from '../../../server/src/cql2/errors';
import { parseFilter } from '../../../server/src/cql2/parse';
import { CrsError } from '../../../server/src/crs/errors';
import { parseCrs } from '../../../server/src/crs/registry';
import { ApiError } from '../../../server/src/errors';
import { DatetimeError, parseDatetime } from '../../../server/src/params/datetime';
import { parameterProblem, parseParameter } from '../../../server/src/params/problem';

const queryables = {
  collection: 'c',
  properties: new Map([['name', 'string' as const]]),
  geometry: 'geometry',
};

const problemOf = (parse: () => unknown): ApiError => {
  try {
    parseParameter(parse);
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error('no error');
};

describe('parseParameter: CQL2, CRS and datetime errors → 400 InvalidParameterValue', () => {
  it('names filter for an unknown property', () => {
    const p = problemOf(() => parseFilter("owner = 'x'", 'cql2-text', { queryables }));
    expect(p).toMatchObject({ status: 400, code: 'InvalidParameterValue', parameter: 'filter' });
    expect(p.detail).toContain("'owner'");
  });

  it('names filter-crs when a literal cannot be transformed, crs and datetime for theirs', () => {
    const utm = parseCrs('http://www.opengis.net/def/crs/EPSG/0/3857', 'filter-crs');
    expect(
      problemOf(() =>
        parseFilter('S_INTERSECTS(geometry, BBOX(1e30, 0, 2e30, 1))', 'cql2-text', {
          queryables,
          filterCrs: utm,
        }),
      ),
    ).toMatchObject({ status: 400 });
    expect(problemOf(() => parseCrs('urn:x', 'crs'))).toMatchObject({ status: 400, parameter: 'crs' });
    expect(problemOf(() => parseDatetime('yesterday'))).toMatchObject({ status: 400, parameter: 'datetime' });
  });

  it('passes the value through, and any other error unchanged', () => {
    expect(parseParameter(() => 42)).toBe(42);
    const other = new TypeError('bug');
    expect(() =>
      parseParameter(() => {
        throw other;
      }),
    ).toThrow(other);
  });

  it('parameterProblem maps only the three error types', () => {
    expect(parameterProblem(new Cql2Error('syntax', 'x', 'filter-lang'))).toMatchObject({
      parameter: 'filter-lang',
    });
    expect(parameterProblem(new CrsError('x', 'bbox-crs'))).toMatchObject({ parameter: 'bbox-crs' });
    expect(parameterProblem(new DatetimeError('x'))).toMatchObject({ parameter: 'datetime' });
    expect(parameterProblem(new Error('x'))).toBeUndefined();
  });
});

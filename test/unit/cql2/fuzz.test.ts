import { describe, expect, it } from 'vitest';
import { Cql2Error } from '../../../server/src/cql2/errors';
import { parseFilter } from '../../../server/src/cql2/parse';
import type { Queryables } from '../../../server/src/cql2/queryables';
import { CrsError } from '../../../server/src/crs/errors';
import { findCrs } from '../../../server/src/crs/registry';
import { seededRandom } from '../../helpers/random';

const queryables: Queryables = {
  collection: 'c',
  properties: new Map([
    ['name', 'string'],
    ['year', 'number'],
    ['ok', 'boolean'],
  ]),
  geometry: 'geometry',
};

const TOKENS = [
  'name',
  'year',
  'ok',
  'geometry',
  'other',
  '"name"',
  "'x'",
  "'Bản'",
  "''",
  "'a''b'",
  '1',
  '-2.5',
  '1e3',
  '.5',
  'TRUE',
  'false',
  'NULL',
  'AND',
  'OR',
  'NOT',
  'LIKE',
  'BETWEEN',
  'IN',
  'IS',
  '=',
  '<>',
  '<',
  '>',
  '<=',
  '>=',
  '(',
  ')',
  ',',
  'CASEI(',
  'ACCENTI(',
  'S_INTERSECTS(',
  'BBOX(',
  'POINT(',
  'POLYGON((',
  'DATE(',
  "'2020-01-01'",
  'TIMESTAMP(',
  'upper(',
  '%',
  '\\',
  '"',
  "'",
  ' ',
];

describe('hostile filters', () => {
  it('answers 5,000 random token strings with a value or a typed error, never a crash', () => {
    const next = seededRandom(12);
    const filterCrs = findCrs('http://www.opengis.net/def/crs/EPSG/0/3405');
    let parsed = 0;
    for (let i = 0; i < 5000; i++) {
      const n = 1 + Math.floor(next() * 12);
      const text = Array.from({ length: n }, () => TOKENS[Math.floor(next() * TOKENS.length)]).join(' ');
      try {
        parseFilter(text, 'cql2-text', { queryables, filterCrs: i % 2 ? filterCrs : undefined });
        parsed++;
      } catch (err) {
        if (!(err instanceof Cql2Error) && !(err instanceof CrsError))
          throw new Error(`${text} → ${String(err)}`);
      }
    }
    expect(parsed).toBeGreaterThan(0);
  });

  it('answers random JSON values with a value or a typed error', () => {
    const next = seededRandom(7);
    const leaf = (): unknown =>
      [
        () => 'x',
        () => 1,
        () => true,
        () => null,
        () => ({ property: 'name' }),
        () => ({ property: 'zz' }),
        () => [],
      ][Math.floor(next() * 7)]!();
    const node = (depth: number): unknown => {
      if (depth > 4 || next() < 0.3) return leaf();
      const ops = [
        'and',
        'or',
        'not',
        '=',
        '<',
        'like',
        'between',
        'in',
        'isNull',
        's_intersects',
        'casei',
        'x',
      ];
      const args = Array.from({ length: Math.floor(next() * 4) }, () => node(depth + 1));
      return next() < 0.1 ? args : { op: ops[Math.floor(next() * ops.length)], args };
    };
    for (let i = 0; i < 3000; i++) {
      const text = JSON.stringify(node(0));
      try {
        parseFilter(text, 'cql2-json', { queryables });
      } catch (err) {
        if (!(err instanceof Cql2Error)) throw new Error(`${text} → ${String(err)}`);
      }
    }
  });
});

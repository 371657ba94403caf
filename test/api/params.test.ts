import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../server/src/catalog/load-catalog';
import { ApiError } from '../../server/src/errors';
import {
  clampLimit,
  crs84Boxes,
  parseBbox,
  parseFilters,
  parseIntegerParam,
  parseNumberParam,
  parseQ,
  toInteger,
} from '../../server/src/routes/params';
import { FIXTURE_GEODATA } from '../helpers/server';

function paramOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    if (err instanceof ApiError) return `${err.status}:${err.parameter}`;
    throw err;
  }
  return undefined;
}

describe('clampLimit', () => {
  it('defaults to 100 and clamps above 10,000', () => {
    expect(clampLimit(undefined)).toBe(100);
    expect(clampLimit(5)).toBe(5);
    expect(clampLimit(10_000)).toBe(10_000);
    expect(clampLimit(10_001)).toBe(10_000);
    expect(clampLimit(1e9)).toBe(10_000);
  });
});

describe('parseBbox', () => {
  it('parses four or six numbers', () => {
    expect(parseBbox('103.5, 22, 104.1,22.9')).toEqual([103.5, 22, 104.1, 22.9]);
    expect(parseBbox('103.5,22,-10,104.1,22.9,3000')).toEqual([103.5, 22, -10, 104.1, 22.9, 3000]);
    expect(parseBbox(undefined)).toBeUndefined();
  });
  it.each([['1,2,3'], ['1,2,3,4,5'], ['a,2,3,4'], ['1,,3,4'], ['1,2,3,Infinity']])(
    'rejects %s with a 400 naming bbox',
    (value) => {
      expect(paramOf(() => parseBbox(value))).toBe('400:bbox');
    },
  );
});

describe('crs84Boxes', () => {
  it('keeps a box, and splits one across the antimeridian in two', () => {
    expect(crs84Boxes([103, 22, 104, 23])).toEqual([[103, 22, 104, 23]]);
    expect(crs84Boxes([170, -10, -170, 10])).toEqual([
      [170, -10, 180, 10],
      [-180, -10, -170, 10],
    ]);
  });
  it.each([[[-181, 0, 0, 1]], [[0, -91, 1, 1]], [[103, 23, 104, 22]]] as [
    number,
    number,
    number,
    number,
  ][][])('rejects %j with a 400 naming bbox', (box) => {
    expect(paramOf(() => crs84Boxes(box))).toBe('400:bbox');
  });
});

describe('parseQ', () => {
  it('trims, drops empty and limits length', () => {
    expect(parseQ('  ban pho ')).toBe('ban pho');
    expect(parseQ('   ')).toBeUndefined();
    expect(paramOf(() => parseQ('x'.repeat(201)))).toBe('400:q');
  });
});

describe('parseFilters', () => {
  const villages = loadCatalog(FIXTURE_GEODATA).collection('craft-villages')!;
  const reserved = ['limit', 'offset', 'bbox', 'q', 'f'];

  it('types values from the schema and ignores reserved parameters', () => {
    expect(
      parseFilters(villages, { limit: 5, recognition_year: '2015', district_code: '086' }, reserved),
    ).toEqual([
      { property: 'recognition_year', value: 2015 },
      { property: 'district_code', value: '086' },
    ]);
  });
  it('rejects a property that is not a queryable of this collection', () => {
    expect(paramOf(() => parseFilters(villages, { status: 'planned' }, reserved))).toBe('400:status');
  });
  it('rejects a value of the wrong type or outside the enum', () => {
    expect(paramOf(() => parseFilters(villages, { recognition_year: 'soon' }, reserved))).toBe(
      '400:recognition_year',
    );
    expect(paramOf(() => parseFilters(villages, { craft: 'pottery' }, reserved))).toBe('400:craft');
  });
});

describe('the one numeric parser (parseIntegerParam, parseNumberParam)', () => {
  const range = { min: 0, max: 1_000_000_000 };
  it('takes plain digits within the range', () => {
    expect(parseIntegerParam('offset', '0', range)).toBe(0);
    expect(parseIntegerParam('offset', '1000000000', range)).toBe(1_000_000_000);
    expect(parseIntegerParam('n', '-12', { min: -20 })).toBe(-12);
    expect(parseNumberParam('x', '-12.5')).toBe(-12.5);
    expect(parseNumberParam('x', '1.5e-5')).toBe(1.5e-5);
    expect(toInteger('9007199254740991')).toBe(Number.MAX_SAFE_INTEGER);
  });
  it.each([
    '1000000001',
    '9223372036854775808',
    '9007199254740993',
    '1e19',
    '1e308',
    'Infinity',
    '-Infinity',
    'NaN',
    '0x10',
    '',
    ' 5',
    '5 ',
    '+5',
    '5.0',
    '05',
    '-0',
    '-1',
    '٥',
    '５',
    '1_0',
  ])('refuses offset=%j with a 400 naming it', (value) => {
    expect(paramOf(() => parseIntegerParam('offset', value, range))).toBe('400:offset');
  });
  it('refuses a repeated parameter and numbers that are not finite or out of range', () => {
    expect(paramOf(() => parseIntegerParam('limit', ['5', '6'], range))).toBe('400:limit');
    expect(paramOf(() => parseNumberParam('x', '1e400'))).toBe('400:x');
    expect(paramOf(() => parseNumberParam('x', 'Infinity'))).toBe('400:x');
    expect(paramOf(() => parseNumberParam('x', '5', { max: 4 }))).toBe('400:x');
    expect(paramOf(() => parseNumberParam('x', '.5'))).toBe('400:x');
  });
});

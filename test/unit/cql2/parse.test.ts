import { describe, expect, it } from 'vitest';
import type { Cql2Expression } from '../../../server/src/cql2/ast';
import { indexBox } from '../../../server/src/cql2/index-box';
import { type FilterLang, parseFilter, parseFilterLang } from '../../../server/src/cql2/parse';
import type { Queryables } from '../../../server/src/cql2/queryables';

const queryables: Queryables = {
  collection: 'facilities',
  properties: new Map([
    ['name', 'string'],
    ['district_code', 'string'],
    ['support_year', 'number'],
    ['khuyen_cong_supported', 'boolean'],
    ['opened', 'date'],
  ]),
  geometry: 'geometry',
};

const parse = (text: string, lang: FilterLang = 'cql2-text'): Cql2Expression =>
  parseFilter(text, lang, { queryables });

const prop = (name: string, type = 'string', fold = { casei: false, accenti: false }) => ({
  kind: 'property',
  name,
  type,
  ...fold,
});
const lit = (value: string | number | boolean, type: string = typeof value) => ({
  kind: 'literal',
  type,
  value,
});

describe('cql2-text grammar → typed AST', () => {
  it('parses comparisons of every operator, property on either side', () => {
    for (const op of ['=', '<>', '<', '>', '<=', '>=']) {
      expect(parse(`support_year ${op} 2010`)).toEqual({
        op,
        left: prop('support_year', 'number'),
        right: lit(2010),
      });
    }
    expect(parse("'082' = district_code")).toEqual({
      op: '=',
      left: lit('082'),
      right: prop('district_code'),
    });
  });

  it('gives AND precedence over OR, NOT over AND, and keeps parentheses', () => {
    const a = { op: '=', left: prop('support_year', 'number'), right: lit(1) };
    const b = { op: '=', left: prop('support_year', 'number'), right: lit(2) };
    const c = { op: '=', left: prop('support_year', 'number'), right: lit(3) };
    expect(parse('support_year = 1 OR support_year = 2 AND support_year = 3')).toEqual({
      op: 'or',
      args: [a, { op: 'and', args: [b, c] }],
    });
    expect(parse('(support_year = 1 OR support_year = 2) AND support_year = 3')).toEqual({
      op: 'and',
      args: [{ op: 'or', args: [a, b] }, c],
    });
    expect(parse('NOT support_year = 1 AND support_year = 2')).toEqual({
      op: 'and',
      args: [{ op: 'not', arg: a }, b],
    });
  });

  it('reads keywords in any case, TRUE/FALSE, quoted names, escaped quotes and number forms', () => {
    expect(parse('khuyen_cong_supported = true and not FALSE')).toEqual({
      op: 'and',
      args: [
        { op: '=', left: prop('khuyen_cong_supported', 'boolean'), right: lit(true) },
        { op: 'not', arg: { op: 'literal', value: false } },
      ],
    });
    expect(parse(`"name" = 'Nhà máy ''Đồng'' \\'Tâm\\''`)).toMatchObject({
      right: lit("Nhà máy 'Đồng' 'Tâm'"),
    });
    expect(parse('support_year = -1.5e3')).toMatchObject({ right: lit(-1500) });
    expect(parse('support_year = .5')).toMatchObject({ right: lit(0.5) });
    expect(parse('support_year = +7')).toMatchObject({ right: lit(7) });
  });

  it('parses LIKE, BETWEEN, IN and IS NULL with their NOT forms', () => {
    expect(parse("name NOT LIKE 'a%'")).toEqual({
      op: 'not',
      arg: { op: 'like', value: prop('name'), pattern: 'a%' },
    });
    expect(parse('support_year BETWEEN 2010 AND 2015')).toEqual({
      op: 'between',
      value: prop('support_year', 'number'),
      low: lit(2010),
      high: lit(2015),
    });
    expect(parse("district_code NOT IN ('080', '082')")).toEqual({
      op: 'not',
      arg: { op: 'in', value: prop('district_code'), list: [lit('080'), lit('082')] },
    });
    expect(parse('support_year IS NOT NULL')).toEqual({
      op: 'not',
      arg: { op: 'isNull', value: prop('support_year', 'number') },
    });
  });

  it('applies CASEI/ACCENTI to the property (flags) and folds literals at once', () => {
    expect(parse("ACCENTI(CASEI(name)) LIKE ACCENTI(CASEI('%Đồng%'))")).toEqual({
      op: 'like',
      value: prop('name', 'string', { casei: true, accenti: true }),
      pattern: '%dong%',
    });
    expect(parse("CASEI(name) = 'X'")).toMatchObject({ right: lit('X') });
  });

  it('reads DATE and TIMESTAMP literals', () => {
    expect(parse("opened >= DATE('2020-02-29')")).toMatchObject({ right: lit('2020-02-29', 'date') });
    expect(() => parse("opened >= DATE('2021-02-29')")).toThrow(/not a valid date/);
    expect(() => parse("opened >= TIMESTAMP('2020-01-01T00:00:00Z')")).toThrow(
      /a timestamp cannot be compared with a date/,
    );
  });

  it('reads S_INTERSECTS with BBOX, ENVELOPE, POINT and WKT geometries (3D values dropped)', () => {
    expect(parse('S_INTERSECTS(geometry, BBOX(103, 22, 104, 23))')).toEqual({
      op: 's_intersects',
      literal: { kind: 'boxes', boxes: [[103, 22, 104, 23]] },
    });
    expect(parse('s_intersects(geometry, envelope(103, 22, 104, 23))')).toEqual(
      parse('S_INTERSECTS(geometry, BBOX(103, 22, 104, 23))'),
    );
    expect(parse('S_INTERSECTS(POINT Z(103.5 22.5 120), geometry)')).toEqual({
      op: 's_intersects',
      literal: { kind: 'boxes', boxes: [[103.5, 22.5, 103.5, 22.5]] },
    });
    expect(parse('S_INTERSECTS(geometry, MULTIPOINT((103 22), (104 23)))')).toMatchObject({
      literal: {
        kind: 'geometry',
        geometry: {
          type: 'MultiPoint',
          coordinates: [
            [103, 22],
            [104, 23],
          ],
        },
        bbox: [103, 22, 104, 23],
      },
    });
    expect(parse('S_INTERSECTS(geometry, MULTIPOLYGON(((103 22, 104 22, 104 23, 103 22))))')).toMatchObject({
      literal: { kind: 'geometry', geometry: { type: 'MultiPolygon' } },
    });
  });

  it('splits a BBOX across the antimeridian into two boxes', () => {
    expect(parse('S_INTERSECTS(geometry, BBOX(170, -10, -170, 10))')).toEqual({
      op: 's_intersects',
      literal: {
        kind: 'boxes',
        boxes: [
          [170, -10, 180, 10],
          [-180, -10, -170, 10],
        ],
      },
    });
  });

  it('reports a syntax error with its character position', () => {
    expect(() => parse('support_year = = 3')).toThrow(/CQL2 syntax error at character 16/);
    expect(() => parse("name = 'open")).toThrow(/syntax error/);
    expect(() => parse('support_year = 3 AND')).toThrow(/syntax error/);
    expect(() => parse('')).toThrow(/syntax error/);
    expect(() => parse('name')).toThrow(/Expected a predicate/);
  });
});

describe('cql2-json', () => {
  it('gives the same AST as the same filter in cql2-text', () => {
    const json = {
      op: 'and',
      args: [
        { op: 'in', args: [{ property: 'district_code' }, ['080', '082']] },
        {
          op: 'like',
          args: [
            { op: 'casei', args: [{ property: 'name' }] },
            { op: 'casei', args: ['%Chè%'] },
          ],
        },
        { op: 'between', args: [{ property: 'support_year' }, 2010, 2015] },
        { op: 'not', args: [{ op: 'isNull', args: [{ property: 'support_year' }] }] },
        { op: 's_intersects', args: [{ property: 'geometry' }, { type: 'Point', coordinates: [104, 22.5] }] },
        { op: '=', args: [{ property: 'opened' }, { date: '2020-01-31' }] },
      ],
    };
    expect(parse(JSON.stringify(json), 'cql2-json')).toEqual(
      parse(
        "district_code IN ('080', '082') AND CASEI(name) LIKE CASEI('%Chè%') AND support_year BETWEEN 2010 AND 2015 AND support_year IS NOT NULL AND S_INTERSECTS(geometry, POINT(104 22.5)) AND opened = DATE('2020-01-31')",
      ),
    );
  });

  it('reads a GeoJSON geometry with its own bbox member as that geometry', () => {
    const json = {
      op: 's_intersects',
      args: [{ property: 'geometry' }, { type: 'Point', coordinates: [104, 22.5], bbox: [0, 0, 1, 1] }],
    };
    expect(parse(JSON.stringify(json), 'cql2-json')).toEqual({
      op: 's_intersects',
      literal: { kind: 'boxes', boxes: [[104, 22.5, 104, 22.5]] },
    });
  });

  it('refuses what is not cql2-json', () => {
    expect(() => parse('{"op": "=", "args": [', 'cql2-json')).toThrow(/not valid JSON/);
    expect(() => parse('{"op": "=", "args": [{"property": "name"}]}', 'cql2-json')).toThrow(
      /takes 2 arguments/,
    );
    expect(() => parse('{"op": "and", "args": [true]}', 'cql2-json')).toThrow(/two or more/);
    expect(() => parse('"name"', 'cql2-json')).toThrow(/Expected a predicate/);
    expect(() => parse('{"op": "=", "args": [{"property": "name"}, null]}', 'cql2-json')).toThrow(
      /Expected a value/,
    );
  });
});

describe('filter-lang', () => {
  it('defaults to cql2-text and refuses other languages naming filter-lang', () => {
    expect(parseFilterLang(undefined)).toBe('cql2-text');
    expect(parseFilterLang('cql2-json')).toBe('cql2-json');
    expect(() => parseFilterLang('ecql')).toThrow(expect.objectContaining({ parameter: 'filter-lang' }));
  });
});

describe('indexBox', () => {
  const box = (text: string) => indexBox(parse(text));
  it('gives the box of a top-level S_INTERSECTS (alone or in AND) for the spatial index', () => {
    expect(box('S_INTERSECTS(geometry, BBOX(103, 22, 104, 23))')).toEqual([103, 22, 104, 23]);
    expect(box("name = 'x' AND S_INTERSECTS(geometry, LINESTRING(103 22, 104 23.5))")).toEqual([
      103, 22, 104, 23.5,
    ]);
    expect(box('S_INTERSECTS(geometry, POINT(103 22))')).toEqual([103, 22, 103, 22]);
  });
  it('gives nothing where a box would not bound every match', () => {
    expect(box("name = 'x' OR S_INTERSECTS(geometry, BBOX(103, 22, 104, 23))")).toBeUndefined();
    expect(box('NOT S_INTERSECTS(geometry, BBOX(103, 22, 104, 23))')).toBeUndefined();
    expect(box('S_INTERSECTS(geometry, BBOX(170, 0, -170, 1))')).toBeUndefined();
    expect(box("name = 'x'")).toBeUndefined();
  });
});

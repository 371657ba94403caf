import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../server/src/catalog/load-catalog';
import { normalizeText } from '../../../server/src/contract/text';
import { Cql2Error } from '../../../server/src/cql2/errors';
import { combiningMarkClass, foldAccents, foldCase } from '../../../server/src/cql2/fold';
import { CQL2_LIMITS } from '../../../server/src/cql2/limits';
import { type FilterContext, parseFilter } from '../../../server/src/cql2/parse';
import { queryablesOf } from '../../../server/src/cql2/queryables';
import { findCrs } from '../../../server/src/crs/registry';
import { FIXTURE_GEODATA } from '../../helpers/server';

const catalog = loadCatalog(FIXTURE_GEODATA);
const villages: FilterContext = { queryables: queryablesOf(catalog.collection('craft-villages')!) };

const error = (text: string, context: FilterContext = villages): Cql2Error => {
  try {
    parseFilter(text, 'cql2-text', context);
  } catch (err) {
    if (err instanceof Cql2Error) return err;
    throw err;
  }
  throw new Error(`no error for ${text}`);
};

describe('queryables from the catalog', () => {
  it('types each queryable from its JSON Schema (integer → number, enum strings → string)', () => {
    // The catalog's queryables, then the label and search properties (names, commune).
    expect(Object.fromEntries(villages.queryables.properties)).toEqual({
      district_code: 'string',
      craft: 'string',
      recognition_year: 'number',
      confidence: 'string',
      name: 'string',
      name_en: 'string',
      commune: 'string',
    });
  });

  it('refuses a name that is not a queryable, naming it and listing the queryables', () => {
    const err = error("owner = 'x'");
    expect(err.kind).toBe('unknown-property');
    expect(err.property).toBe('owner');
    expect(err.parameter).toBe('filter');
    expect(err.message).toContain("'owner'");
    expect(err.message).toContain(
      'district_code, craft, recognition_year, confidence, name, name_en, commune, geometry',
    );
    expect(error("ACCENTI(source) LIKE '%x%'").property).toBe('source');
    expect(error('S_INTERSECTS(geom, BBOX(1, 2, 3, 4))').message).toMatch(/'geometry'/);
  });

  it('allows the geometry property only inside S_INTERSECTS', () => {
    expect(error('geometry IS NULL').kind).toBe('type');
  });
});

describe('type checks against the property schema', () => {
  it('refuses literals of another type than the property', () => {
    expect(error("recognition_year = '2015'")).toMatchObject({ kind: 'type', property: 'recognition_year' });
    expect(error('craft = 3').message).toMatch(
      /a number cannot be compared with a string \(property 'craft'\)/,
    );
    expect(error("craft BETWEEN 'a' AND 'b'").message).toMatch(/BETWEEN compares numbers/);
    expect(error("recognition_year IN (2010, '2011')").kind).toBe('type');
    expect(error('recognition_year LIKE 2%').kind).toBe('syntax');
    expect(error("recognition_year LIKE '2%'").kind).toBe('type');
    expect(error('CASEI(recognition_year) = 1').message).toMatch(/CASEI applies to strings only/);
    expect(error('TRUE < FALSE').message).toMatch(/Booleans can only be compared with = or <>/);
  });

  it('refuses the NUL character in strings (PostgreSQL text cannot hold it)', () => {
    expect(error("craft = 'a\u0000b'").message).toMatch(/NUL/);
    const json = JSON.stringify({ op: 'like', args: [{ property: 'craft' }, '%\u0000%'] });
    expect(() => parseFilter(json, 'cql2-json', villages)).toThrow(/NUL/);
  });

  it('refuses a LIKE pattern that is not a literal, or ends with a lone escape', () => {
    expect(error('craft LIKE district_code').message).toMatch(/pattern of LIKE must be a string literal/);
    // In cql2-text \' always escapes a quote, so only cql2-json can end a pattern with a backslash.
    expect(error("craft LIKE 'abc\\'").kind).toBe('syntax');
    const trailing = JSON.stringify({ op: 'like', args: [{ property: 'craft' }, 'abc\\'] });
    expect(() => parseFilter(trailing, 'cql2-json', villages)).toThrow(
      /must not end with the escape character/,
    );
    expect(() => parseFilter("craft LIKE 'a\\\\b'", 'cql2-text', villages)).not.toThrow();
  });

  it('refuses what it does not support, by name (400, not 500)', () => {
    expect(error('S_WITHIN(geometry, BBOX(1, 2, 3, 4))')).toMatchObject({ kind: 'unsupported' });
    expect(error("T_AFTER(recognition_year, TIMESTAMP('2020-01-01T00:00:00Z'))").kind).toBe('unsupported');
    expect(error("upper(craft) = 'X'").message).toMatch(/unsupported function 'upper'/);
    expect(error('S_INTERSECTS(geometry, GEOMETRYCOLLECTION(POINT(1 2)))').kind).toBe('unsupported');
    expect(error("recognition_year = INTERVAL('2020-01-01', '..')").kind).toBe('unsupported');
  });

  it('checks spatial literals: closed rings, ranges, bbox order', () => {
    expect(error('S_INTERSECTS(geometry, POLYGON((1 1, 2 1, 2 2, 1 2)))').message).toMatch(
      /end at its first/,
    );
    expect(error('S_INTERSECTS(geometry, POINT(200 10))').message).toMatch(/outside longitudes/);
    expect(error('S_INTERSECTS(geometry, BBOX(1, 10, 2, 5))').message).toMatch(/south bound is above/);
    expect(error('S_INTERSECTS(geometry, BBOX(1, 2, 3))').message).toMatch(/4 or 6 numbers/);
  });
});

describe('cost limits (400 beyond them)', () => {
  it('bounds the text length', () => {
    const long = `craft = '${'x'.repeat(CQL2_LIMITS.maxLength)}'`;
    expect(error(long)).toMatchObject({ kind: 'limit' });
    expect(error(long).message).toContain(String(CQL2_LIMITS.maxLength));
  });

  it('bounds nesting before parsing, also thousands of parentheses', () => {
    const deep = `${'('.repeat(5000)}craft = 'x'${')'.repeat(5000)}`;
    expect(error(deep)).toMatchObject({ kind: 'limit' });
    expect(error(`${'NOT '.repeat(30)}TRUE`).message).toMatch(/deeper than 20/);
    const ok = `${'('.repeat(15)}craft = 'x'${')'.repeat(15)}`;
    expect(() => parseFilter(ok, 'cql2-text', villages)).not.toThrow();
    let json: unknown = true;
    for (let i = 0; i < 300; i++) json = { op: 'not', args: [json] };
    expect(() => parseFilter(JSON.stringify(json), 'cql2-json', villages)).toThrow(/deeper than 20/);
  });

  it('bounds the number of terms, IN values and positions', () => {
    // Each comparison is 3 terms (the predicate and its two operands).
    const terms = (n: number) => Array.from({ length: n }, (_, i) => `recognition_year = ${i}`).join(' OR ');
    expect(() => parseFilter(terms(333), 'cql2-text', villages)).not.toThrow();
    expect(error(terms(334)).message).toMatch(/more than 1000 terms/);
    const list500 = Array.from({ length: 500 }, (_, i) => i).join(',');
    expect(() => parseFilter(`recognition_year IN (${list500})`, 'cql2-text', villages)).not.toThrow();
    const list = Array.from({ length: 501 }, (_, i) => i).join(',');
    expect(error(`recognition_year IN (${list})`).message).toMatch(/at most 500 values \(got 501\)/);
    const ring = Array.from({ length: 2001 }, () => '0 0');
    expect(error(`S_INTERSECTS(geometry, POLYGON((${ring.join(', ')})))`).message).toMatch(
      /at most 2000 positions/,
    );
    expect(() =>
      parseFilter('recognition_year IN (1, 2)', 'cql2-text', { ...villages, limits: { maxInList: 1 } }),
    ).toThrow(/at most 1 values/);
  });
});

describe('filter-crs', () => {
  it('reads spatial literals in the filter-crs axis order and moves them to CRS84', () => {
    const latLon = { ...villages, filterCrs: findCrs('http://www.opengis.net/def/crs/EPSG/0/4326') };
    expect(parseFilter('S_INTERSECTS(geometry, POINT(22.5 103.7))', 'cql2-text', latLon)).toEqual({
      op: 's_intersects',
      literal: { kind: 'boxes', boxes: [[103.7, 22.5, 103.7, 22.5]] },
    });
    const utm = { ...villages, filterCrs: findCrs('http://www.opengis.net/def/crs/EPSG/0/3405') };
    const box = parseFilter(
      'S_INTERSECTS(geometry, BBOX(393000, 2486000, 395000, 2487000))',
      'cql2-text',
      utm,
    );
    expect(box).toMatchObject({ op: 's_intersects', literal: { kind: 'boxes' } });
    const [[w, s, e, n]] = (box as { literal: { boxes: number[][] } }).literal.boxes as [number[]];
    // 393844.66 / 2486429.29 in EPSG:3405 is 103.97° E 22.48° N (PROJ, see test/unit/crs).
    expect(w).toBeLessThan(103.97);
    expect(e).toBeGreaterThan(103.97);
    expect(s).toBeLessThan(22.48);
    expect(n).toBeGreaterThan(22.48);
  });
});

describe('ACCENTI and CASEI folding', () => {
  it('folds as normalizeText does (NFD, marks, đ/Đ) without its case and space changes', () => {
    for (const s of [
      'Làng nghề rượu ngô Bản Phố',
      'ĐỒNG TUYỂN',
      'Ærøskøbing Straße',
      'Bản Mế'.normalize('NFD'),
      'Thị xã Sa Pa',
    ]) {
      expect(foldCase(foldAccents(s))).toBe(normalizeText(s));
    }
    expect(foldAccents('Đông Khê')).toBe('Dong Khe');
    expect(foldCase('ĐÔNG')).toBe('đông');
  });

  it('lists exactly the code points \\p{M} matches, for databases without \\p{M}', () => {
    const cls = new RegExp(combiningMarkClass(), 'u');
    for (const cp of [0x300, 0x323, 0x36f, 0x1ab0, 0x1dc0, 0x20d0, 0xfe20, 0x93c, 0xe0100]) {
      expect(cls.test(String.fromCodePoint(cp))).toBe(true);
    }
    for (const ch of ['a', 'đ', 'ơ', 'ư', '%', '\\']) expect(cls.test(ch)).toBe(false);
  });
});

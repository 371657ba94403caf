import { bboxPolygon, booleanIntersects, lineString, point } from '@turf/turf';
import type Database from 'better-sqlite3';
import type { Feature, Geometry } from 'geojson';
import type { Box, Cql2Expression, Operand, SpatialLiteral } from '../../cql2/ast';
import { foldAccents, foldCase } from '../../cql2/fold';
import { jsonPath, type SqlPart } from './query-sql';

/**
 * CQL2 (the typed AST of cql2/ast.ts) → a WHERE fragment on alias `f` (features), for SQLite.
 * Every value is a parameter; identifiers are JSON paths of catalog property names (quoted by
 * jsonPath). Semantics shared with store/postgis/cql2-sql.ts and checked by test/store/cql2.contract.ts:
 * - a property compares only when its JSON value has the schema's type (else NULL: unknown);
 *   SQL three-valued logic, so NULL and missing never match a comparison, IN, LIKE or BETWEEN;
 * - strings compare by code point (BINARY);
 * - LIKE is case-sensitive: the CQL2 pattern becomes a GLOB pattern (SQLite's LIKE ignores ASCII case);
 * - CASEI / ACCENTI are the SQL functions cql2_casei / cql2_accenti = cql2/fold.ts;
 * - S_INTERSECTS: the R*Tree and the exact bbox columns prefilter, cql2_intersects (turf) decides
 *   for anything but a point feature against a box (exact already); touching counts.
 */

/** Registers cql2_casei, cql2_accenti and cql2_intersects on a connection (once per connection). */
export function registerCql2Functions(db: Database.Database): void {
  const text = (fold: (s: string) => string) => (value: unknown) =>
    typeof value === 'string' ? fold(value) : value;
  db.function('cql2_casei', { deterministic: true }, text(foldCase));
  db.function('cql2_accenti', { deterministic: true }, text(foldAccents));
  const literals = new Map<string, Feature | Geometry>();
  db.function('cql2_intersects', { deterministic: true }, (geometry: unknown, literal: unknown) => {
    if (typeof geometry !== 'string' || typeof literal !== 'string') return null;
    let shape = literals.get(literal);
    if (!shape) {
      shape = literalShape(JSON.parse(literal) as Geometry | { box: Box });
      if (literals.size > 100) literals.clear();
      literals.set(literal, shape);
    }
    return booleanIntersects(JSON.parse(geometry) as Geometry, shape) ? 1 : 0;
  });
}

/** A box as the geometry it covers: a point or a line when degenerate (as PostGIS's ST_Envelope). */
function literalShape(literal: Geometry | { box: Box }): Feature | Geometry {
  if (!('box' in literal)) return literal;
  const [w, s, e, n] = literal.box;
  if (w === e && s === n) return point([w, s]);
  if (w === e || s === n)
    return lineString([
      [w, s],
      [e, n],
    ]);
  return bboxPolygon(literal.box);
}

type Params = (string | number)[];

function operandSql(o: Operand, params: Params): string {
  if (o.kind === 'literal') {
    params.push(typeof o.value === 'boolean' ? Number(o.value) : o.value);
    return '?';
  }
  const jsonTypes =
    o.type === 'number'
      ? "IN ('integer', 'real')"
      : o.type === 'boolean'
        ? "IN ('true', 'false')"
        : "= 'text'";
  const path = jsonPath(o.name);
  params.push(path, path);
  let sql = `(CASE WHEN json_type(f.geojson, ?) ${jsonTypes} THEN json_extract(f.geojson, ?) END)`;
  if (o.accenti) sql = `cql2_accenti(${sql})`;
  if (o.casei) sql = `cql2_casei(${sql})`;
  return sql;
}

/** CQL2 LIKE pattern (% _ and \ escapes) → SQLite GLOB (case-sensitive; * ? and [ ] for literals). */
export function likeToGlob(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '\\') {
      const next = pattern[++i]!;
      out += next === '*' || next === '?' || next === '[' ? `[${next}]` : next;
    } else if (ch === '%') out += '*';
    else if (ch === '_') out += '?';
    else if (ch === '*' || ch === '?' || ch === '[') out += `[${ch}]`;
    else out += ch;
  }
  return out;
}

/**
 * The R*Tree entries of the collection (`code`, its third dimension: migration 3) whose box meets
 * `box`, then the row's exact bbox columns. Opens a parenthesis the caller closes.
 */
function boxFilter(code: number, box: Box, literal: string, params: Params): string {
  const [w, s, e, n] = box;
  params.push(code, code, e, w, n, s, e, w, n, s, literal);
  return `(f.fid IN (SELECT fid FROM features_rtree WHERE min_code <= ? AND max_code >= ?
      AND min_lon <= ? AND max_lon >= ? AND min_lat <= ? AND max_lat >= ?)
    AND f.min_lon <= ? AND f.max_lon >= ? AND f.min_lat <= ? AND f.max_lat >= ?`;
}

/** The stored feature's geometry as JSON text, for cql2_intersects. */
const GEOMETRY = "json_extract(f.geojson, '$.geometry')";

function spatialSql(code: number, literal: SpatialLiteral, params: Params): string {
  if (literal.kind === 'boxes') {
    const parts = literal.boxes.map((box) => {
      const json = JSON.stringify({ box });
      return `${boxFilter(code, box, json, params)} AND (f.geometry_type = 'Point' OR cql2_intersects(${GEOMETRY}, ?)))`;
    });
    return `(${parts.join(' OR ')})`;
  }
  return `${boxFilter(code, literal.bbox, JSON.stringify(literal.geometry), params)} AND cql2_intersects(${GEOMETRY}, ?))`;
}

function expressionSql(e: Cql2Expression, code: number, params: Params): string {
  switch (e.op) {
    case 'and':
    case 'or':
      return `(${e.args.map((a) => expressionSql(a, code, params)).join(e.op === 'and' ? ' AND ' : ' OR ')})`;
    case 'not':
      return `(NOT ${expressionSql(e.arg, code, params)})`;
    case 'literal':
      return e.value ? '(1 = 1)' : '(1 = 0)';
    case 'like': {
      const value = operandSql(e.value, params);
      params.push(likeToGlob(e.pattern));
      return `(${value} GLOB ?)`;
    }
    case 'between':
      return `(${operandSql(e.value, params)} BETWEEN ${operandSql(e.low, params)} AND ${operandSql(e.high, params)})`;
    case 'in': {
      const value = operandSql(e.value, params);
      return `(${value} IN (${e.list.map((o) => operandSql(o, params)).join(', ')}))`;
    }
    case 'isNull':
      if (e.value.kind === 'literal') return '(1 = 0)';
      params.push(jsonPath(e.value.name));
      return '(json_extract(f.geojson, ?) IS NULL)';
    case 's_intersects':
      return spatialSql(code, e.literal, params);
    default:
      return `(${operandSql(e.left, params)} ${e.op} ${operandSql(e.right, params)})`;
  }
}

/**
 * The filter as one parenthesised WHERE condition on `f` (a row of the collection with code
 * `code`), with its parameters in order.
 */
export function cql2Where(filter: Cql2Expression, code: number): SqlPart {
  const params: Params = [];
  const sql = expressionSql(filter, code, params);
  return { sql, params };
}

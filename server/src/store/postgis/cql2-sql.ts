import type { Cql2Expression, Operand, SpatialLiteral } from '../../cql2/ast';
import { combiningMarkClass } from '../../cql2/fold';
import { envelopeSql, type Params } from './query-sql';

/**
 * CQL2 (the typed AST of cql2/ast.ts) → a WHERE condition on alias `f` (features), for PostGIS.
 * Every value is a `$n` parameter; property names are parameters too (`properties -> $n`). The
 * semantics are SQLite's (store/sqlite/cql2-sql.ts), checked by test/store/cql2.contract.ts:
 * - a property compares only when its jsonb value has the schema's type (else NULL: unknown);
 *   numbers as numeric, so no float rounding and no cast error on odd data;
 * - strings compare and match by code point (COLLATE "C"), whatever the database's collation;
 * - LIKE with PostgreSQL's default escape `\`, the same as CQL2's;
 * - ACCENTI = cql2/fold.ts foldAccents: normalize(…, NFD), every \p{M} code point removed (the class
 *   is a parameter computed in JS), đ → d, Đ → D; CASEI = lower() under the ICU root collation
 *   ("und-x-icu", Unicode default case mapping like JavaScript's toLowerCase, whatever the
 *   database's LC_CTYPE; PostgreSQL must be built with ICU, as Debian's and the official images are);
 * - S_INTERSECTS: `&&` (GiST) and ST_Intersects; boxes as envelopeSql (degenerate → point/line).
 */

const STRINGISH = new Set(['string', 'date', 'timestamp']);

function isString(o: Operand): boolean {
  return STRINGISH.has(o.type);
}

function operandSql(o: Operand, p: Params): string {
  if (o.kind === 'literal') {
    const cast = o.type === 'number' ? 'numeric' : o.type === 'boolean' ? 'boolean' : 'text';
    return `${p.add(o.value)}::${cast}`;
  }
  const key = p.add(o.name);
  const value = `f.properties ->> ${key}`;
  const typed =
    o.type === 'number'
      ? `WHEN 'number' THEN (${value})::numeric`
      : o.type === 'boolean'
        ? `WHEN 'boolean' THEN (${value})::boolean`
        : `WHEN 'string' THEN ${value}`;
  let sql = `(CASE jsonb_typeof(f.properties -> ${key}) ${typed} END)`;
  if (o.accenti) {
    sql = `replace(replace(regexp_replace(normalize(${sql}, NFD), ${p.add(combiningMarkClass())}, '', 'g'), 'đ', 'd'), 'Đ', 'D')`;
  }
  if (o.casei) sql = `lower(${sql} COLLATE "und-x-icu")`;
  return sql;
}

/** The left operand, with byte-order collation when it is a string (explicit, so it wins). */
function leftSql(o: Operand, p: Params): string {
  const sql = operandSql(o, p);
  return isString(o) ? `(${sql}) COLLATE "C"` : sql;
}

function spatialSql(literal: SpatialLiteral, p: Params): string {
  if (literal.kind === 'boxes') {
    const parts = literal.boxes.map((box) => {
      const env = envelopeSql(box, p);
      return `(f.geom && ${env} AND (GeometryType(f.geom) = 'POINT' OR ST_Intersects(f.geom, ${env})))`;
    });
    return `(${parts.join(' OR ')})`;
  }
  return `ST_Intersects(f.geom, ST_SetSRID(ST_GeomFromGeoJSON(${p.add(JSON.stringify(literal.geometry))}), 4326))`;
}

function expressionSql(e: Cql2Expression, p: Params): string {
  switch (e.op) {
    case 'and':
    case 'or':
      return `(${e.args.map((a) => expressionSql(a, p)).join(e.op === 'and' ? ' AND ' : ' OR ')})`;
    case 'not':
      return `(NOT ${expressionSql(e.arg, p)})`;
    case 'literal':
      return e.value ? 'TRUE' : 'FALSE';
    case 'like':
      return `(${leftSql(e.value, p)} LIKE ${p.add(e.pattern)}::text)`;
    case 'between':
      return `(${operandSql(e.value, p)} BETWEEN ${operandSql(e.low, p)} AND ${operandSql(e.high, p)})`;
    case 'in':
      return `(${leftSql(e.value, p)} IN (${e.list.map((o) => operandSql(o, p)).join(', ')}))`;
    case 'isNull':
      return e.value.kind === 'literal' ? 'FALSE' : `((f.properties ->> ${p.add(e.value.name)}) IS NULL)`;
    case 's_intersects':
      return spatialSql(e.literal, p);
    default:
      return `(${leftSql(e.left, p)} ${e.op} ${operandSql(e.right, p)})`;
  }
}

/** The filter as one parenthesised WHERE condition on `f`; its values are added to `p`. */
export function cql2Where(filter: Cql2Expression, p: Params): string {
  return expressionSql(filter, p);
}

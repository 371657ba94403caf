import type { Geometry } from 'geojson';

/**
 * The typed CQL2 filter every store translates (store/sqlite/cql2-sql.ts, store/postgis/cql2-sql.ts).
 * Made only by parseFilter() (parse.ts), which has already checked every property name against the
 * collection's queryables, every literal's type against the property's JSON Schema, the cost
 * limits, and moved spatial literals to CRS84 — so a store needs no further validation.
 */
export type Cql2Expression =
  | { op: 'and' | 'or'; args: Cql2Expression[] }
  | { op: 'not'; arg: Cql2Expression }
  /** TRUE or FALSE on its own. */
  | { op: 'literal'; value: boolean }
  | { op: ComparisonOp; left: Operand; right: Operand }
  /** CQL2 pattern: `%` any run, `_` one character, `\` escapes the next character (never trailing). */
  | { op: 'like'; value: Operand; pattern: string }
  /** Inclusive at both ends (SQL BETWEEN). */
  | { op: 'between'; value: Operand; low: Operand; high: Operand }
  | { op: 'in'; value: Operand; list: Operand[] }
  /** True when the property is missing or JSON null. */
  | { op: 'isNull'; value: Operand }
  /** The feature's geometry intersects the literal (touching counts). */
  | { op: 's_intersects'; literal: SpatialLiteral };

export type ComparisonOp = '=' | '<>' | '<' | '>' | '<=' | '>=';

/**
 * Types a value can have in a filter: from the property's JSON Schema (integer and number are
 * both `number`; a string with format date / date-time is `date` / `timestamp`).
 */
export type ScalarType = 'string' | 'number' | 'boolean' | 'date' | 'timestamp';

/** A feature property (a queryable). `casei`/`accenti`: CASEI()/ACCENTI() applied (strings only). */
export interface PropertyOperand {
  kind: 'property';
  name: string;
  type: ScalarType;
  casei: boolean;
  accenti: boolean;
}

/**
 * A literal. CASEI/ACCENTI around a literal are already applied to `value` (see fold.ts). `date`
 * is `YYYY-MM-DD`, `timestamp` is `Date.toISOString()` (UTC, milliseconds).
 */
export interface LiteralOperand {
  kind: 'literal';
  type: ScalarType;
  value: string | number | boolean;
}

export type Operand = PropertyOperand | LiteralOperand;

/** [minLon, minLat, maxLon, maxLat] in CRS84; min ≤ max on both axes. */
export type Box = [number, number, number, number];

/**
 * A spatial literal in CRS84. `boxes`: BBOX (one box, or two when it crosses the antimeridian) and
 * POINT (a box of zero size): box-vs-box is exact for point features. `geometry`: any other WKT or
 * GeoJSON geometry with its bbox (for index use).
 */
export type SpatialLiteral =
  | { kind: 'boxes'; boxes: Box[] }
  | { kind: 'geometry'; geometry: Geometry; bbox: Box };

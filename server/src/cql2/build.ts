import type { SupportedCrs } from '../crs/registry';
import type { ComparisonOp, Cql2Expression, LiteralOperand, Operand, ScalarType } from './ast';
import { Cql2Error } from './errors';
import { foldText } from './fold';
import type { Cql2Limits } from './limits';
import type { Queryables } from './queryables';
import { readSpatialLiteral } from './spatial';

type Raw = Record<string, unknown>;

const COMPARISONS: readonly string[] = ['=', '<>', '<', '>', '<=', '>='];
const SPATIAL_OPS = [
  's_equals',
  's_disjoint',
  's_touches',
  's_within',
  's_overlaps',
  's_crosses',
  's_contains',
];

function isRecord(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(type: ScalarType): string {
  return type === 'timestamp' ? 'a timestamp' : type === 'date' ? 'a date' : `a ${type}`;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?Z$/i;

function validDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(text);
}

/**
 * Turns the cql2-json shape (from JSON.parse or the text grammar) into the typed AST, checking
 * names, types and cost. One instance per filter (it counts nodes).
 */
export class FilterBuilder {
  private nodes = 0;

  constructor(
    private readonly queryables: Queryables,
    private readonly limits: Cql2Limits,
    private readonly filterCrs: SupportedCrs | undefined,
  ) {}

  private visit(depth: number): void {
    if (++this.nodes > this.limits.maxNodes) {
      throw new Cql2Error('limit', `The filter has more than ${this.limits.maxNodes} terms`);
    }
    if (depth > this.limits.maxDepth) {
      throw new Cql2Error('limit', `The filter nests expressions deeper than ${this.limits.maxDepth} levels`);
    }
  }

  private args(raw: Raw, count: number | 'many'): unknown[] {
    const args = raw.args;
    const name = String(raw.op).toUpperCase();
    if (!Array.isArray(args)) throw new Cql2Error('syntax', `${name} needs an "args" array`);
    if (count === 'many' ? args.length < 2 : args.length !== count) {
      throw new Cql2Error('syntax', `${name} takes ${count === 'many' ? 'two or more' : count} arguments`);
    }
    return args;
  }

  /** A boolean-valued expression (the whole filter, or an argument of AND/OR/NOT). */
  expression(raw: unknown, depth = 1): Cql2Expression {
    this.visit(depth);
    if (typeof raw === 'boolean') return { op: 'literal', value: raw };
    if (!isRecord(raw) || typeof raw.op !== 'string') {
      throw new Cql2Error(
        'type',
        'Expected a predicate (a comparison, LIKE, BETWEEN, IN, IS NULL, S_INTERSECTS, AND, OR, NOT)',
      );
    }
    const op = raw.op.toLowerCase();
    if (op === 'and' || op === 'or') {
      return { op, args: this.args(raw, 'many').map((a) => this.expression(a, depth + 1)) };
    }
    if (op === 'not') return { op: 'not', arg: this.expression(this.args(raw, 1)[0], depth + 1) };
    if (COMPARISONS.includes(op)) return this.comparison(op as ComparisonOp, this.args(raw, 2), depth);
    if (op === 'like') return this.like(this.args(raw, 2), depth);
    if (op === 'between') return this.between(this.args(raw, 3), depth);
    if (op === 'in') return this.inList(this.args(raw, 2), depth);
    if (op === 'isnull') return { op: 'isNull', value: this.operand(this.args(raw, 1)[0], depth + 1) };
    if (op === 's_intersects') return this.intersects(this.args(raw, 2), depth);
    if (SPATIAL_OPS.includes(op) || /^[ta]_/.test(op)) {
      throw new Cql2Error(
        'unsupported',
        `${op.toUpperCase()} is not supported (spatial: S_INTERSECTS only; no temporal or array functions)`,
      );
    }
    throw new Cql2Error('unsupported', `Unknown or unsupported function '${raw.op}' in the filter`);
  }

  private sameType(operands: Operand[], what: string): ScalarType {
    const type = operands[0]!.type;
    const other = operands.find((o) => o.type !== type);
    if (other) {
      const property = operands.find((o) => o.kind === 'property');
      throw new Cql2Error(
        'type',
        `${what}: ${describe(other.type)} cannot be compared with ${describe(type)}${property?.kind === 'property' ? ` (property '${property.name}')` : ''}`,
        'filter',
        property?.kind === 'property' ? property.name : undefined,
      );
    }
    return type;
  }

  private comparison(op: ComparisonOp, args: unknown[], depth: number): Cql2Expression {
    const [left, right] = args.map((a) => this.operand(a, depth + 1)) as [Operand, Operand];
    const type = this.sameType([left, right], `'${op}'`);
    if (type === 'boolean' && op !== '=' && op !== '<>') {
      throw new Cql2Error('type', `Booleans can only be compared with = or <>, not ${op}`);
    }
    return { op, left, right };
  }

  private like(args: unknown[], depth: number): Cql2Expression {
    const value = this.operand(args[0], depth + 1);
    const pattern = this.operand(args[1], depth + 1);
    if (pattern.kind !== 'literal' || pattern.type !== 'string') {
      throw new Cql2Error(
        'type',
        'The pattern of LIKE must be a string literal (optionally in CASEI/ACCENTI)',
      );
    }
    this.sameType([value, pattern], 'LIKE');
    const text = String(pattern.value);
    const trailing = /\\+$/.exec(text)?.[0].length ?? 0;
    if (trailing % 2 === 1)
      throw new Cql2Error('syntax', 'A LIKE pattern must not end with the escape character \\');
    return { op: 'like', value, pattern: text };
  }

  private between(args: unknown[], depth: number): Cql2Expression {
    const [value, low, high] = args.map((a) => this.operand(a, depth + 1)) as [Operand, Operand, Operand];
    if (this.sameType([value, low, high], 'BETWEEN') !== 'number') {
      throw new Cql2Error('type', 'BETWEEN compares numbers');
    }
    return { op: 'between', value, low, high };
  }

  private inList(args: unknown[], depth: number): Cql2Expression {
    const value = this.operand(args[0], depth + 1);
    const items = args[1];
    if (!Array.isArray(items) || items.length === 0)
      throw new Cql2Error('syntax', 'IN needs a non-empty list');
    if (items.length > this.limits.maxInList) {
      throw new Cql2Error(
        'limit',
        `An IN list may have at most ${this.limits.maxInList} values (got ${items.length})`,
      );
    }
    const list = items.map((i) => this.operand(i, depth + 2));
    this.sameType([value, ...list], 'IN');
    return { op: 'in', value, list };
  }

  private intersects(args: unknown[], depth: number): Cql2Expression {
    const geometry = this.queryables.geometry;
    const isGeometry = (a: unknown) => isRecord(a) && a.property === geometry;
    const literal = isGeometry(args[0]) ? args[1] : isGeometry(args[1]) ? args[0] : undefined;
    if (literal === undefined) {
      throw new Cql2Error('type', `S_INTERSECTS compares the property '${geometry}' with a spatial literal`);
    }
    this.visit(depth + 1);
    return { op: 's_intersects', literal: readSpatialLiteral(literal, this.filterCrs, this.limits) };
  }

  /** A scalar operand: literal, property, DATE/TIMESTAMP, or CASEI/ACCENTI of a string. */
  operand(raw: unknown, depth: number): Operand {
    this.visit(depth);
    if (typeof raw === 'string') {
      // PostgreSQL text cannot hold NUL: refused here, for both stores alike, instead of a 500 there.
      if (raw.includes('\u0000'))
        throw new Cql2Error('type', 'A string in the filter contains the NUL character');
      return { kind: 'literal', type: 'string', value: raw };
    }
    if (typeof raw === 'number' && Number.isFinite(raw))
      return { kind: 'literal', type: 'number', value: raw };
    if (typeof raw === 'boolean') return { kind: 'literal', type: 'boolean', value: raw };
    if (!isRecord(raw))
      throw new Cql2Error('type', 'Expected a value (string, number, boolean, property, DATE, TIMESTAMP)');
    if (typeof raw.property === 'string') return this.property(raw.property);
    if ('date' in raw) return this.temporal('date', raw.date);
    if ('timestamp' in raw) return this.temporal('timestamp', raw.timestamp);
    if ('interval' in raw)
      throw new Cql2Error('unsupported', 'INTERVAL literals are not supported (no temporal functions)');
    if ('bbox' in raw || typeof raw.type === 'string') {
      throw new Cql2Error('type', 'A spatial literal can only be used inside S_INTERSECTS');
    }
    const op = typeof raw.op === 'string' ? raw.op.toLowerCase() : undefined;
    if (op === 'casei' || op === 'accenti') {
      const inner = this.operand(this.args(raw, 1)[0], depth + 1);
      if (inner.type !== 'string') throw new Cql2Error('type', `${op.toUpperCase()} applies to strings only`);
      const fold = { casei: op === 'casei', accenti: op === 'accenti' };
      if (inner.kind === 'literal') return { ...inner, value: foldText(String(inner.value), fold) };
      return { ...inner, casei: inner.casei || fold.casei, accenti: inner.accenti || fold.accenti };
    }
    if (op !== undefined)
      throw new Cql2Error('unsupported', `Unknown or unsupported function '${raw.op}' in the filter`);
    throw new Cql2Error('type', 'Expected a value (string, number, boolean, property, DATE, TIMESTAMP)');
  }

  private property(name: string): Operand {
    if (name === this.queryables.geometry) {
      throw new Cql2Error(
        'type',
        `The property '${name}' can only be used inside S_INTERSECTS`,
        'filter',
        name,
      );
    }
    const type = this.queryables.properties.get(name);
    if (type === undefined) {
      const known = [...this.queryables.properties.keys(), this.queryables.geometry].join(', ');
      throw new Cql2Error(
        'unknown-property',
        `The filter names '${name}', which is not a queryable of collection '${this.queryables.collection}' (queryables: ${known})`,
        'filter',
        name,
      );
    }
    return { kind: 'property', name, type, casei: false, accenti: false };
  }

  private temporal(type: 'date' | 'timestamp', raw: unknown): LiteralOperand {
    const text = typeof raw === 'string' ? raw : '';
    if (type === 'date') {
      if (!validDate(text)) throw new Cql2Error('syntax', `DATE('${text}') is not a valid date (YYYY-MM-DD)`);
      return { kind: 'literal', type, value: text };
    }
    const m = TIMESTAMP.exec(text);
    const ms = m && validDate(m[1]!) ? Date.parse(text.toUpperCase()) : Number.NaN;
    if (!m || Number.isNaN(ms) || Number(m[2]) > 23 || Number(m[3]) > 59 || Number(m[4]) > 59) {
      throw new Cql2Error(
        'syntax',
        `TIMESTAMP('${text}') is not a valid UTC timestamp (YYYY-MM-DDThh:mm:ssZ)`,
      );
    }
    return { kind: 'literal', type, value: new Date(ms).toISOString() };
  }
}

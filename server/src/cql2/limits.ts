/**
 * Cost bounds of one filter; beyond any of them parseFilter() throws Cql2Error('limit') → 400.
 * Chosen so the largest filter stays far below SQLite's and PostgreSQL's parameter limits and
 * parses in well under a millisecond per kilobyte.
 */
export interface Cql2Limits {
  /** Characters of the filter text (cql2-text or cql2-json). */
  maxLength: number;
  /** Nesting of parentheses (text) and of expressions (both encodings). */
  maxDepth: number;
  /** Expression nodes: predicates, operators, properties, literals, list items. */
  maxNodes: number;
  /** Values in one IN list. */
  maxInList: number;
  /** Coordinate positions in one spatial literal. */
  maxPositions: number;
}

export const CQL2_LIMITS: Readonly<Cql2Limits> = Object.freeze({
  maxLength: 16_384,
  maxDepth: 20,
  maxNodes: 1_000,
  maxInList: 500,
  maxPositions: 2_000,
});

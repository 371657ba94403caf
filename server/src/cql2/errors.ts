/** Why a filter was refused. */
export type Cql2ErrorKind =
  /** Not CQL2 (text grammar or JSON structure). */
  | 'syntax'
  /** A property that is not a queryable of the collection. */
  | 'unknown-property'
  /** A literal or property of the wrong type for its place (e.g. a string compared with a number). */
  | 'type'
  /** Valid CQL2 outside the supported conformance classes (e.g. S_WITHIN, T_AFTER, a custom function). */
  | 'unsupported'
  /** Over a cost limit (limits.ts). */
  | 'limit';

/**
 * A filter that cannot be run. `message` is safe to show (it quotes only the client's own text and
 * our property names); `parameter` is the query parameter at fault (`filter`, `filter-lang` or
 * `filter-crs`). params/problem.ts turns it into 400 InvalidParameterValue.
 */
export class Cql2Error extends Error {
  override name = 'Cql2Error';
  constructor(
    readonly kind: Cql2ErrorKind,
    message: string,
    readonly parameter: 'filter' | 'filter-lang' | 'filter-crs' = 'filter',
    /** The offending property name, for `unknown-property` (and `type` when a property is involved). */
    readonly property?: string,
  ) {
    super(message);
  }
}

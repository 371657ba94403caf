import { Cql2Error } from '../cql2/errors';
import { CrsError } from '../crs/errors';
import { type ApiError, invalidParameter } from '../errors';
import { DatetimeError } from './datetime';

/**
 * A CQL2, CRS or datetime error → the problem+json error every route throws (400
 * InvalidParameterValue naming the parameter at fault); undefined for any other error.
 */
export function parameterProblem(err: unknown): ApiError | undefined {
  if (err instanceof Cql2Error || err instanceof CrsError || err instanceof DatetimeError) {
    // The detail names the parameter at fault (a CQL2 syntax message alone does not).
    const named = err.message.includes(`'${err.parameter}'`);
    return invalidParameter(
      err.parameter,
      named ? err.message : `Parameter '${err.parameter}': ${err.message}`,
    );
  }
  return undefined;
}

/**
 * Runs a parser and rethrows its CQL2/CRS/datetime error as the 400 problem, so a route needs one
 * line: `const filter = parseParameter(() => parseFilter(text, lang, context));`. Other errors pass
 * through unchanged.
 */
export function parseParameter<T>(parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    throw parameterProblem(err) ?? err;
  }
}

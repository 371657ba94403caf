import type { SupportedCrs } from '../crs/registry';
import type { Cql2Expression } from './ast';
import { FilterBuilder } from './build';
import { Cql2Error } from './errors';
import { CQL2_LIMITS, type Cql2Limits } from './limits';
import { parseCql2TextToJson } from './parse-text';
import type { Queryables } from './queryables';

export type FilterLang = 'cql2-text' | 'cql2-json';

export const FILTER_LANGS: readonly FilterLang[] = ['cql2-text', 'cql2-json'];

export interface FilterContext {
  /** What the filter may name (queryablesOf(collection)). */
  queryables: Queryables;
  /** CRS of spatial literals (`filter-crs`, from crs/registry parseCrs); CRS84 when undefined. */
  filterCrs?: SupportedCrs;
  /** Tighter or looser cost bounds than CQL2_LIMITS (tests). */
  limits?: Partial<Cql2Limits>;
}

/** `filter-lang` → the language; undefined → cql2-text (Part 3's default for GET). */
export function parseFilterLang(value: string | undefined): FilterLang {
  if (value === undefined || value === '') return 'cql2-text';
  if ((FILTER_LANGS as readonly string[]).includes(value)) return value as FilterLang;
  throw new Cql2Error(
    'unsupported',
    `Parameter 'filter-lang' must be one of: ${FILTER_LANGS.join(', ')}`,
    'filter-lang',
  );
}

/**
 * A `filter` value in `lang` → the typed, checked AST (names are queryables, literals typed, cost
 * bounded, spatial literals in CRS84). Throws Cql2Error (→ 400 via params/problem.ts) or CrsError
 * (a spatial literal outside the filter-crs's range).
 */
export function parseFilter(value: string, lang: FilterLang, context: FilterContext): Cql2Expression {
  const limits = { ...CQL2_LIMITS, ...context.limits };
  if (value.length > limits.maxLength) {
    throw new Cql2Error(
      'limit',
      `The filter is ${value.length} characters long; at most ${limits.maxLength} are accepted`,
    );
  }
  let raw: unknown;
  if (lang === 'cql2-json') {
    try {
      raw = JSON.parse(value) as unknown;
    } catch {
      throw new Cql2Error('syntax', 'The filter is not valid JSON (filter-lang=cql2-json)');
    }
  } else {
    raw = parseCql2TextToJson(value, limits);
  }
  return new FilterBuilder(context.queryables, limits, context.filterCrs).expression(raw);
}

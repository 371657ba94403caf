import type { ApiFeature } from '../../../server/src/contract/api';
import type { Filters } from './urlState';

/** One active filter on a collection: its property must equal the value. */
export interface Condition {
  property: string;
  value: string;
}

/** The features that meet every condition (all of them when there is none). */
export function applyFilters(
  features: readonly ApiFeature[],
  conditions: readonly Condition[],
): ApiFeature[] {
  if (conditions.length === 0) return [...features];
  return features.filter((f) => {
    const p = f.properties ?? {};
    return conditions.every((c) => String(p[c.property] ?? '') === c.value);
  });
}

/** A filter value of a shared link that names nothing the data knows (e.g. district=999). */
export interface UnknownFilter {
  key: string;
  value: string;
}

/**
 * Splits the filters into those that name known values (applied) and those that do not
 * (reported to the user, never applied: an unknown code would silently hide everything).
 */
export function checkFilters(
  filters: Filters,
  known: Readonly<Record<string, ReadonlySet<string>>>,
): { applied: Filters; unknown: UnknownFilter[] } {
  const applied: Record<string, string> = {};
  const unknown: UnknownFilter[] = [];
  for (const [key, value] of Object.entries(filters)) {
    if (known[key]?.has(value)) applied[key] = value;
    else unknown.push({ key, value });
  }
  return { applied, unknown };
}

/**
 * Site facts with their own provenance (issue 15). A property annotated
 * `"x-fact": { "source": "<name>", "confidence": "<name>", "with"?: ["<name>", …] }` is a fact:
 * its value (and the values listed in `with`, e.g. the year of a status) carries its own source
 * and confidence, kept in the two named sibling properties. One rule for the shipped data
 * (`npm run geodata:check`) and for staff edits (server write validation):
 *
 * - a fact with a value (not null, not '', not []) has a non-empty source and a confidence;
 * - a fact without a value ("not published") has neither: no provenance for nothing.
 *
 * Pure; the word list comes from the contract's vocabulary.
 */
import { CONFIDENCE, isOneOf } from '../../server/src/contract/vocabulary';

/** One fact of a schema: the property holding the value and its provenance properties. */
export interface FactSpec {
  /** The annotated property. */
  property: string;
  /** Further properties whose values share this fact's provenance (e.g. `status_year`). */
  with: string[];
  source: string;
  confidence: string;
}

export type FactProblemCode = 'fact_source_missing' | 'fact_confidence_missing' | 'fact_provenance_unused';

/** A fact whose provenance does not match its value. `property` is the provenance property at fault. */
export interface FactProblem {
  code: FactProblemCode;
  property: string;
  fact: string;
  message: string;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** The facts a properties schema declares (`x-fact` annotations), in schema order. */
export function factSpecs(schema: object): FactSpec[] {
  const props = (schema as { properties?: unknown }).properties;
  if (!isObject(props)) return [];
  const specs: FactSpec[] = [];
  for (const [property, def] of Object.entries(props)) {
    const fact = isObject(def) ? def['x-fact'] : undefined;
    if (!isObject(fact)) continue;
    specs.push({
      property,
      with: stringList(fact.with),
      source: String(fact.source ?? ''),
      confidence: String(fact.confidence ?? ''),
    });
  }
  return specs;
}

/** Whether a value says something: not null/undefined, not an empty or blank string, not an empty list. */
export function hasFactValue(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

/** Problems of one feature's properties against the facts of its schema; [] when every fact is right. */
export function checkFactProvenance(properties: Json, specs: readonly FactSpec[]): FactProblem[] {
  const problems: FactProblem[] = [];
  for (const spec of specs) {
    const valued = [spec.property, ...spec.with].some((p) => hasFactValue(properties[p]));
    const source = properties[spec.source];
    const confidence = properties[spec.confidence];
    const names = [spec.property, ...spec.with].join(' / ');
    if (valued) {
      if (typeof source !== 'string' || source.trim() === '') {
        problems.push({
          code: 'fact_source_missing',
          property: spec.source,
          fact: spec.property,
          message: `is required because ${names} has a value (say where it comes from)`,
        });
      }
      if (!isOneOf(CONFIDENCE, confidence)) {
        problems.push({
          code: 'fact_confidence_missing',
          property: spec.confidence,
          fact: spec.property,
          message: `is required because ${names} has a value (one of ${CONFIDENCE.join(', ')})`,
        });
      }
      continue;
    }
    for (const p of [spec.source, spec.confidence]) {
      if (hasFactValue(properties[p])) {
        problems.push({
          code: 'fact_provenance_unused',
          property: p,
          fact: spec.property,
          message: `must be empty while ${names} is empty (not published)`,
        });
      }
    }
  }
  return problems;
}

/**
 * Problems of the annotations themselves: each names properties the schema declares, the source
 * is a nullable string, the confidence a nullable enum of exactly CONFIDENCE (+ null), and no
 * property belongs to two facts.
 */
export function checkFactSchema(schema: object): string[] {
  const props = (schema as { properties?: unknown }).properties;
  if (!isObject(props)) return [];
  const problems: string[] = [];
  const owner = new Map<string, string>();
  const expectedEnum = JSON.stringify([...CONFIDENCE, null]);
  for (const spec of factSpecs(schema)) {
    for (const p of [spec.property, ...spec.with, spec.source, spec.confidence]) {
      if (!(p in props))
        problems.push(`${spec.property}: x-fact names '${p}', which the schema does not declare`);
      const first = owner.get(p);
      if (first !== undefined && first !== spec.property)
        problems.push(`${p} belongs to two facts (${first}, ${spec.property})`);
      owner.set(p, spec.property);
    }
    const source = props[spec.source];
    if (isObject(source) && JSON.stringify(source.type) !== JSON.stringify(['string', 'null']))
      problems.push(`${spec.source} must be of type ["string", "null"]`);
    const confidence = props[spec.confidence];
    if (isObject(confidence) && JSON.stringify(confidence.enum) !== expectedEnum)
      problems.push(`${spec.confidence} enum must be ${expectedEnum}`);
  }
  return problems;
}

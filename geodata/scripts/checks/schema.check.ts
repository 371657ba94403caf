import type Ajv2020 from 'ajv/dist/2020';
import type { FeatureCollection } from 'geojson';
import { CONFIDENCE, LOCATION_PRECISION } from '../../../server/src/contract/vocabulary';
import { createAjv, describeSchemaError, validateEach } from '../../rules/json-schema';
import type { Problem } from './problem';

/**
 * Validates every feature's `properties` against the collection schema, the geometry type
 * against `geometryTypes`, and that ids are unique integers. Pure: no I/O.
 */
export function checkSchema(
  collection: string,
  fc: FeatureCollection,
  schema: object,
  geometryTypes: string[],
  ajv: Ajv2020 = createAjv(),
): Problem[] {
  const problems: Problem[] = [];
  const validate = ajv.compile(schema);
  const seen = new Set<number>();
  for (const [index, f] of fc.features.entries()) {
    const featureId = typeof f.id === 'number' || typeof f.id === 'string' ? f.id : `#${index}`;
    if (typeof f.id !== 'number' || !Number.isInteger(f.id)) {
      problems.push({
        check: 'id_not_integer',
        collection,
        featureId,
        message: `feature ${featureId}: id must be an integer`,
      });
    } else if (seen.has(f.id)) {
      problems.push({
        check: 'id_duplicate',
        collection,
        featureId,
        message: `id ${f.id} is used more than once`,
      });
    } else {
      seen.add(f.id);
    }
    const type = f.geometry?.type ?? 'null';
    if (!geometryTypes.includes(type)) {
      problems.push({
        check: 'geometry_type',
        collection,
        featureId,
        message: `geometry type ${type} is not allowed (allowed: ${geometryTypes.join(', ')})`,
      });
    }
    if (!validate(f.properties)) {
      for (const e of validate.errors ?? []) {
        problems.push({
          check: 'schema',
          collection,
          featureId,
          message: describeSchemaError(e, '(properties)'),
        });
      }
    }
  }
  return problems;
}

/** Validates CSV rows (already typed) against the row schema. Row numbers are 1-based data rows. */
export function checkRowsSchema(
  collection: string,
  rows: readonly object[],
  schema: object,
  ajv: Ajv2020 = createAjv(),
): Problem[] {
  return validateEach(rows, schema, ajv).map((p) => ({
    check: 'schema',
    collection,
    featureId: `row ${p.row}`,
    message: p.message,
  }));
}

/** The properties of a feature schema that spell a shared word list. */
export const FEATURE_VOCABULARY: Readonly<Record<string, readonly string[]>> = {
  confidence: CONFIDENCE,
  location_precision: LOCATION_PRECISION,
};

/**
 * The schemas spell the shared word lists as enums (they are data files); each one must equal the
 * list in server/src/contract/vocabulary.ts, so code and data never disagree. `fields` names the
 * properties to compare (a property the schema does not have is skipped).
 */
export function checkSharedVocabulary(
  collection: string,
  schema: object,
  fields: Readonly<Record<string, readonly string[]>> = FEATURE_VOCABULARY,
): Problem[] {
  const props = (schema as { properties?: Record<string, { enum?: unknown }> }).properties ?? {};
  const problems: Problem[] = [];
  for (const [name, expected] of Object.entries(fields)) {
    const found = props[name]?.enum;
    if (found === undefined || JSON.stringify(found) === JSON.stringify(expected)) continue;
    problems.push({
      check: 'vocabulary',
      collection,
      message: `${name} enum is ${JSON.stringify(found)}, the shared list is ${JSON.stringify(expected)}`,
    });
  }
  return problems;
}

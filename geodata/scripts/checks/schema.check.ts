import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { FeatureCollection } from 'geojson';
import type { Problem } from './problem';

const ANNOTATIONS = ['x-title-vi', 'x-unit', 'x-enum-titles', 'x-computed', 'x-widget', 'x-text-lang'];

/** Creates an ajv (draft 2020-12) instance that knows our annotation keywords and formats. */
export function createAjv(): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats(ajv);
  ajv.addVocabulary(ANNOTATIONS);
  return ajv;
}

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
        const where = e.instancePath || '(properties)';
        const extra = e.keyword === 'additionalProperties' ? ` (${String(e.params.additionalProperty)})` : '';
        problems.push({
          check: 'schema',
          collection,
          featureId,
          message: `${where} ${e.message ?? 'is invalid'}${extra}`,
        });
      }
    }
  }
  return problems;
}

/** Validates CSV rows (already typed) against the row schema. Row numbers are 1-based data rows. */
export function checkRowsSchema(
  collection: string,
  rows: object[],
  schema: object,
  ajv: Ajv2020 = createAjv(),
): Problem[] {
  const validate = ajv.compile(schema);
  const problems: Problem[] = [];
  rows.forEach((row, i) => {
    if (validate(row)) return;
    for (const e of validate.errors ?? []) {
      problems.push({
        check: 'schema',
        collection,
        featureId: `row ${i + 1}`,
        message: `${e.instancePath || '(row)'} ${e.message ?? 'is invalid'}`,
      });
    }
  });
  return problems;
}

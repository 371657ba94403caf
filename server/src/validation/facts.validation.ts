import { checkFactProvenance, factSpecs } from '../../../geodata/rules/facts';
import type { FieldError } from './field-error';

/** Facts per schema object (schemas are loaded once, so this is computed once per collection). */
const specsBySchema = new WeakMap<object, ReturnType<typeof factSpecs>>();

/**
 * The site-fact rule of geodata/rules/facts.ts on a written feature's properties: a fact with a
 * value needs its source and confidence (`Required`), one without a value has neither (`Invalid`).
 * `params.fact` names the value the provenance belongs to. [] for a schema without facts.
 */
export function factFieldErrors(properties: Record<string, unknown>, schema: object): FieldError[] {
  let specs = specsBySchema.get(schema);
  if (!specs) {
    specs = factSpecs(schema);
    specsBySchema.set(schema, specs);
  }
  return checkFactProvenance(properties, specs).map((p) => ({
    field: `properties.${p.property}`,
    message: p.message,
    code: p.code === 'fact_provenance_unused' ? 'Invalid' : 'Required',
    params: { fact: p.fact },
  }));
}

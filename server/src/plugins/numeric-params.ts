import type { FastifyInstance, FastifyRequest, preValidationHookHandler } from 'fastify';
import { type NumberRange, parseIntegerParam, parseNumberParam } from '../routes/params';

interface NumericField {
  part: 'query' | 'params';
  name: string;
  integer: boolean;
  range: NumberRange;
}

function numericFields(schema: unknown, part: NumericField['part']): NumericField[] {
  const properties = (schema as { properties?: Record<string, Record<string, unknown>> } | undefined)
    ?.properties;
  if (!properties) return [];
  return Object.entries(properties).flatMap(([name, p]) => {
    if (p.type !== 'integer' && p.type !== 'number') return [];
    const range: NumberRange = {};
    if (typeof p.minimum === 'number') range.min = p.minimum;
    if (typeof p.maximum === 'number') range.max = p.maximum;
    return [{ part, name, integer: p.type === 'integer', range }];
  });
}

/**
 * Query and path parameters that a route schema declares `integer` or `number` are parsed by
 * the one strict parser (routes/params.ts) before the schema is checked: the schema stays the
 * documentation (OpenAPI shows integer with its minimum and maximum) and ajv no longer coerces
 * (coerceTypes is off in app.ts, because ajv's coercion accepts `1e2`, `0x10`, `+5`, `5.0`,
 * `Infinity`). Routes without numeric parameters get no hook at all.
 */
export function registerNumericParams(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    const fields = [
      ...numericFields(route.schema?.querystring, 'query'),
      ...numericFields(route.schema?.params, 'params'),
    ];
    if (fields.length === 0) return;
    const parse: preValidationHookHandler = (request, _reply, done) => {
      try {
        for (const field of fields) parseField(request, field);
      } catch (err) {
        return done(err as Error);
      }
      done();
    };
    const existing = route.preValidation;
    route.preValidation = existing === undefined ? [parse] : [parse, ...[existing].flat()];
  });
}

function parseField(request: FastifyRequest, field: NumericField): void {
  const values = request[field.part] as Record<string, unknown>;
  const raw = values[field.name];
  if (raw === undefined) return;
  values[field.name] = field.integer
    ? parseIntegerParam(field.name, raw, field.range)
    : parseNumberParam(field.name, raw, field.range);
}

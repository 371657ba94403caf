import type { ErrorObject, ValidateFunction } from 'ajv';
import { createAjv } from '../../../geodata/rules/json-schema';
import { isJsonObject, jsonEqual } from '../writes/json-equal';
import type { FieldError } from './field-error';

/**
 * Validates a feature's `properties` against its collection's JSON Schema (draft 2020-12, ajv
 * with allErrors and formats), plus two rules the schemas do not state:
 * - every string, at any depth, is at most `maxStringLength` code points (default 2,000), even
 *   where the schema sets no maxLength (a schema's own smaller maxLength still applies);
 * - a `format: uri` value (source_url and any other) becomes a link in the client, so it must be
 *   an absolute `http:` or `https:` URL with a host (isWebUrl in geodata/rules/json-schema.ts);
 * - properties marked `x-computed` are server-managed: a value that differs from the stored one
 *   is refused (ReadOnlyProperty); an unchanged one (a GET body sent back) is dropped. Either way
 *   they are not in the result and not required: the store computes them.
 */

export const DEFAULT_MAX_STRING_LENGTH = 2000;
/** Property names echoed in `field` are cut to this length. */
const MAX_ECHOED_NAME = 100;

type JsonSchemaObject = Record<string, unknown>;

/** Compiled validators per schema object (not per `$id`: two loaded schemas may share an $id). */
const compiled = new WeakMap<object, ValidateFunction>();

function computedNames(schema: JsonSchemaObject): Set<string> {
  const props = isJsonObject(schema.properties) ? schema.properties : {};
  return new Set(Object.keys(props).filter((k) => isJsonObject(props[k]) && props[k]['x-computed'] === true));
}

/** The schema used for writes: computed properties are not required; `$id` dropped (see cache). */
function compileWriteSchema(schema: JsonSchemaObject): ValidateFunction {
  const cached = compiled.get(schema);
  if (cached) return cached;
  const computed = computedNames(schema);
  const writeSchema: JsonSchemaObject = { ...schema };
  delete writeSchema.$id;
  if (Array.isArray(schema.required)) {
    writeSchema.required = schema.required.filter((n) => typeof n === 'string' && !computed.has(n));
  }
  const validate = createAjv().compile(writeSchema);
  compiled.set(schema, validate);
  return validate;
}

function propertyField(name: string): string {
  const shown = name.length > MAX_ECHOED_NAME ? `${name.slice(0, MAX_ECHOED_NAME)}…` : name;
  return `properties.${shown}`;
}

function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** "item 2" for array indexes, else the key; joined with › ("contacts › item 1 › phone"). */
function describeNested(segments: string[]): string {
  return segments.map((s) => (/^\d+$/.test(s) ? `item ${Number(s) + 1}` : s)).join(' › ');
}

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  null: 'empty (null)',
};

function typeWords(type: unknown): string {
  const types = Array.isArray(type) ? type : String(type).split(',');
  return types.map((t) => TYPE_WORDS[String(t)] ?? String(t)).join(' or ');
}

type Described = Pick<FieldError, 'message' | 'code' | 'params'>;

function describeAjvError(e: ErrorObject): Described {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return { message: 'is required', code: 'Required' };
    case 'additionalProperties':
      return { message: 'is not a property of this collection', code: 'UnknownProperty' };
    case 'type':
      return {
        message: `must be ${typeWords(p.type)}`,
        code: 'InvalidType',
        params: { type: String(p.type) },
      };
    case 'enum': {
      const allowed = Array.isArray(p.allowedValues) ? p.allowedValues.map((v) => String(v)) : [];
      return {
        message: `must be one of: ${allowed.join(', ')}`,
        code: 'NotInVocabulary',
        params: { allowed: allowed.join(', ') },
      };
    }
    case 'minLength':
      return p.limit === 1
        ? { message: 'must not be empty', code: 'TooShort', params: { limit: 1 } }
        : {
            message: `must be at least ${String(p.limit)} characters`,
            code: 'TooShort',
            params: { limit: Number(p.limit) },
          };
    case 'maxLength':
      return {
        message: `must be at most ${String(p.limit)} characters`,
        code: 'TooLong',
        params: { limit: Number(p.limit) },
      };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return {
        message: `must be ${String(p.comparison)} ${String(p.limit)}`,
        code: 'OutOfRange',
        params: { comparison: String(p.comparison), limit: Number(p.limit) },
      };
    case 'format':
      return {
        message:
          p.format === 'uri' || p.format === 'iri'
            ? 'must be a web address starting with http:// or https://'
            : `must be a valid ${String(p.format)}`,
        code: 'InvalidFormat',
        params: { format: String(p.format) },
      };
    default:
      return { message: e.message ?? 'is invalid', code: 'Invalid' };
  }
}

/** Maps ajv errors to field errors on the top-level property, dropping those a type error explains. */
function toFieldErrors(errors: readonly ErrorObject[]): FieldError[] {
  const typeErrorPaths = new Set(errors.filter((e) => e.keyword === 'type').map((e) => e.instancePath));
  return errors
    .filter((e) => e.keyword === 'type' || !typeErrorPaths.has(e.instancePath))
    .map((e) => {
      const p = e.params as Record<string, unknown>;
      const [, top, ...nested] = e.instancePath.split('/').map(unescapePointer);
      const described = describeAjvError(e);
      if (e.keyword === 'required' && !top)
        return { field: propertyField(String(p.missingProperty)), ...described };
      if (e.keyword === 'additionalProperties' && !top) {
        return { field: propertyField(String(p.additionalProperty)), ...described };
      }
      if (!top) return { field: 'properties', ...described };
      const where = nested.length > 0 ? `${describeNested(nested)}: ` : '';
      return { field: propertyField(top), ...described, message: `${where}${described.message}` };
    });
}

/** Strings longer than `max` code points anywhere inside one property's value. */
function longStrings(name: string, value: unknown, max: number, path: string[] = []): FieldError[] {
  if (typeof value === 'string') {
    if ([...value].length <= max) return [];
    const where = path.length > 0 ? `${describeNested(path)}: ` : '';
    return [
      {
        field: propertyField(name),
        message: `${where}must be at most ${max} characters`,
        code: 'TooLong',
        params: { limit: max },
      },
    ];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => longStrings(name, v, max, [...path, String(i)]));
  if (isJsonObject(value))
    return Object.entries(value).flatMap(([k, v]) => longStrings(name, v, max, [...path, k]));
  return [];
}

export interface PropertiesCheck {
  /** The properties to store: the input without computed properties. */
  properties: Record<string, unknown>;
  errors: FieldError[];
}

/**
 * Checks `properties` (a JSON object) against `schema`. `current` is the stored feature's
 * properties for a replace/patch (undefined for a create). Throws TypeError when `schema` is not
 * an object or does not compile.
 */
export function validateProperties(
  properties: Record<string, unknown>,
  schema: object,
  options: { current?: Record<string, unknown>; maxStringLength?: number } = {},
): PropertiesCheck {
  if (!isJsonObject(schema)) throw new TypeError('schema must be a JSON Schema object');
  const max = options.maxStringLength ?? DEFAULT_MAX_STRING_LENGTH;
  const computed = computedNames(schema);
  const errors: FieldError[] = [];
  const kept: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(properties)) {
    if (!computed.has(name)) {
      Object.defineProperty(kept, name, { value, enumerable: true, writable: true, configurable: true });
      continue;
    }
    const unchanged = options.current !== undefined && jsonEqual(options.current[name], value);
    if (!unchanged) {
      errors.push({
        field: propertyField(name),
        message: 'is computed by the server and cannot be set',
        code: 'ReadOnlyProperty',
      });
    }
  }
  for (const [name, value] of Object.entries(kept)) errors.push(...longStrings(name, value, max));
  const validate = compileWriteSchema(schema);
  if (!validate(kept)) errors.push(...toFieldErrors(validate.errors ?? []));
  return { properties: kept, errors };
}

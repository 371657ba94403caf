import { gunzipSync } from 'node:zlib';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Problem } from '../contract/problem';
import { PROBLEM_TYPE } from './errors';

type Schemas = Record<string, object>;

/** The schema of `status` in a route's `response` map: exact code, then `4xx`-style, then `default`. */
function schemaFor(response: Schemas | undefined, status: number): object | undefined {
  if (!response) return undefined;
  return response[String(status)] ?? response[`${String(status)[0]}xx`] ?? response.default;
}

function bodyText(reply: FastifyReply, payload: string | Buffer): string {
  const gzipped = reply.getHeader('content-encoding') === 'gzip';
  const bytes = typeof payload === 'string' ? Buffer.from(payload) : payload;
  return (gzipped ? gunzipSync(bytes) : bytes).toString('utf8');
}

/** Why an answer breaks the contract, or undefined when it keeps it. */
function violation(
  request: FastifyRequest,
  reply: FastifyReply,
  payload: string | Buffer,
  compile: (schema: object) => ValidateFunction,
): string | undefined {
  const status = reply.statusCode;
  const route = request.routeOptions;
  const response = (route.schema?.response ?? undefined) as Schemas | undefined;
  const routeSchema = schemaFor(response, status);
  if (
    status >= 400 &&
    !String(reply.getHeader('content-type') ?? '').startsWith('application/problem+json')
  ) {
    return `a ${status} answer must be application/problem+json`;
  }
  if (route.url !== undefined && !routeSchema && (status < 400 || response !== undefined)) {
    return `${request.method} ${route.url} has no response schema for status ${status}`;
  }
  if ((routeSchema as { format?: string } | undefined)?.format === 'binary') {
    // Bytes of another format (a vector tile): the media type the route produces is the contract.
    const type = String(reply.getHeader('content-type') ?? '');
    const produces = (route.schema as { produces?: readonly string[] } | undefined)?.produces ?? [];
    if (!produces.some((p) => type.startsWith(p))) {
      return `status ${status} must be ${produces.join(' or ') || 'declared in produces'}, not '${type}'`;
    }
    return payload.length === 0 && request.method !== 'HEAD' ? `status ${status} has no body` : undefined;
  }
  const schemas = [...(routeSchema ? [routeSchema] : []), ...(status >= 400 ? [Problem] : [])];
  const text = request.method === 'HEAD' ? '' : bodyText(reply, payload);
  if (text === '') {
    const expectsBody = schemas.some((s) => (s as { type?: unknown }).type !== 'null');
    return expectsBody && request.method !== 'HEAD' ? `status ${status} has no body` : undefined;
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return `status ${status}: the body is not JSON`;
  }
  for (const schema of schemas) {
    const validate = compile(schema);
    if (!validate(body)) {
      const e = validate.errors?.[0];
      return `status ${status}: ${e?.instancePath || '(body)'} ${e?.message ?? 'is invalid'}`;
    }
  }
  return undefined;
}

/**
 * Checks every /api answer against its route's `response` schema (the contract) and every
 * problem answer against the problem+json schema: an answer that breaks it is replaced by a 500
 * problem naming what is wrong, and logged as an error. Answers sent as text (pages spliced from
 * the store, cached bytes) are checked like serialised ones. Costs a parse and a validation per
 * answer, so buildApp turns it on only when asked (`checkResponses`): the API and browser tests do.
 * Register after the ETag plugin and before compression.
 */
export function registerResponseCheck(app: FastifyInstance): void {
  const ajv = new Ajv({ strict: false, allErrors: false });
  addFormats(ajv);
  const compiled = new WeakMap<object, ValidateFunction>();
  const compile = (schema: object): ValidateFunction => {
    let validate = compiled.get(schema);
    if (!validate) {
      validate = ajv.compile(schema);
      compiled.set(schema, validate);
    }
    return validate;
  };
  app.addHook('onSend', (request, reply, payload, done) => {
    const route = request.routeOptions;
    const isApi =
      request.url === '/api' || request.url.startsWith('/api/') || request.url.startsWith('/api?');
    const exempt = (route.schema as { hide?: boolean } | undefined)?.hide === true;
    const bytes = payload === undefined || payload === null ? '' : payload;
    if (!isApi || exempt || (typeof bytes !== 'string' && !Buffer.isBuffer(bytes)))
      return done(null, payload);
    const wrong = violation(request, reply, bytes, compile);
    if (!wrong) return done(null, payload);
    request.log.error({ contract: wrong, url: request.url }, 'answer breaks its contract schema');
    reply
      .code(500)
      .header('content-type', PROBLEM_TYPE)
      .removeHeader('content-encoding')
      .removeHeader('etag');
    const problem: Problem = {
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
      detail: `The answer breaks its contract schema: ${wrong}`,
      code: 'ServerError',
    };
    done(null, JSON.stringify(problem));
  });
}

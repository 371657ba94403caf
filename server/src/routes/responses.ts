import { STATUS_CODES } from 'node:http';
import type { FastifyReply } from 'fastify';
import { type TSchema, Type } from 'typebox';
import { Problem } from '../contract/problem';

/**
 * The problem statuses a route can answer (besides EVERY_ROUTE_PROBLEMS, which every route can).
 */
export type ProblemStatus =
  | 400
  | 401
  | 403
  | 404
  | 405
  | 409
  | 412
  | 413
  | 414
  | 415
  | 421
  | 422
  | 428
  | 429
  | 501
  | 503;

/**
 * What any route can answer, before it runs (plugins/request-gate.ts) or when it fails: 414 (URL
 * too long), 421 (no Host, or one this server does not serve), 500, and 503 (the database
 * unreachable, the server closing, or too many expensive requests at once).
 */
export const EVERY_ROUTE_PROBLEMS = [414, 421, 500, 503] as const;

/** A 204 answer: no body (`send()` takes no payload). */
export const NO_BODY = Type.Unsafe<undefined>({ type: 'null', description: 'No body' });
/** A 304 answer to If-None-Match: no body. */
export const NOT_MODIFIED = Type.Unsafe<undefined>({
  type: 'null',
  description: 'Not modified: the copy named by If-None-Match is current',
});

/**
 * A route's `response` schemas: its successes as given, plus the problem+json shape for each
 * problem status it answers and for EVERY_ROUTE_PROBLEMS. Fastify serialises objects with these, the OpenAPI
 * document lists them, and the API tests validate every answer against them.
 */
export function responses<T extends Record<number, TSchema>>(
  ok: T,
  problems: readonly ProblemStatus[] = [],
): T & Record<ProblemStatus | 500, typeof Problem> {
  const out: Record<number, object> = {};
  // Each answer gets its HTTP reason as the OpenAPI description unless its schema has one.
  for (const [status, schema] of Object.entries(ok)) {
    out[Number(status)] = {
      ...schema,
      description: (schema as { description?: string }).description ?? STATUS_CODES[Number(status)],
    };
  }
  for (const status of new Set([...problems, ...EVERY_ROUTE_PROBLEMS])) {
    out[status] = { ...Problem, description: `${STATUS_CODES[status]} (application/problem+json)` };
  }
  return out as T & Record<ProblemStatus | 500, typeof Problem>;
}

/**
 * A GET route's answers: 200, 304 (every GET answer has an ETag, so If-None-Match can match),
 * 400 (an unknown or malformed query parameter), the problems given, and 500.
 */
export function readResponses<T extends TSchema>(ok: T, problems: readonly ProblemStatus[] = []) {
  return responses({ 200: ok, 304: NOT_MODIFIED }, [400, ...problems]);
}
/** Every write: CSRF (403), body type (415), body size (413), the session (401), the role (403). */
export const WRITE_PROBLEMS: readonly ProblemStatus[] = [400, 401, 403, 413, 415];

/**
 * Sends JSON text made elsewhere (a page spliced from the store's GeoJSON text, a schema file) as
 * it is, with its media type: Fastify's serializer does not run on text. Its shape is still the
 * route's response schema: the API tests validate every answer against it (plugins/response-check).
 */
export function sendJsonText(reply: FastifyReply, text: string | Buffer, type: string): FastifyReply {
  return reply.type(type).send(text);
}

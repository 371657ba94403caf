import type { FastifyInstance } from 'fastify';
import { ApiError } from '../errors';

/** Bodies we accept on writes; anything else is 415 before it is parsed (plugins/csrf.ts). */
export const JSON_BODY_TYPES = ['application/json', 'application/geo+json', 'application/merge-patch+json'];

/**
 * Shape limits of a JSON body, checked on the raw text before JSON.parse, so no recursive code
 * (validation, merge patch, diff, structuredClone) ever sees a deeper or wider value. A Feature
 * needs depth 6 (Feature › geometry › MultiPolygon coordinates › polygon › ring › position) plus
 * what its properties nest; a ring of the maximum 5,000 positions fits in one array.
 */
export interface JsonLimits {
  maxDepth: number;
  maxMembers: number;
  maxValues: number;
}

export const JSON_LIMITS: Readonly<JsonLimits> = {
  /** Most nested arrays/objects (400 BodyTooDeep). */
  maxDepth: 32,
  /** Most members of one array or object (413 BodyTooLarge). */
  maxMembers: 10_000,
  /** Most values in the whole document (413 BodyTooLarge). */
  maxValues: 100_000,
};

export interface JsonBoundsProblem {
  status: 400 | 413;
  code: 'BodyTooDeep' | 'BodyTooLarge';
  detail: string;
}

const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const COMMA = 0x2c;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * One linear pass over JSON text: depth, members per container and values in total, skipping
 * string contents. Stops at the first limit passed. It does not validate the JSON (JSON.parse
 * does, after): it only bounds what a valid document could build.
 */
export function checkJsonBounds(
  text: string,
  limits: Readonly<JsonLimits> = JSON_LIMITS,
): JsonBoundsProblem | undefined {
  const members: number[] = [];
  let values = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
      continue;
    }
    if (c === QUOTE) inString = true;
    else if (c === OPEN_ARRAY || c === OPEN_OBJECT) {
      members.push(0);
      values++;
      if (members.length > limits.maxDepth) {
        return {
          status: 400,
          code: 'BodyTooDeep',
          detail: `The JSON body nests deeper than ${limits.maxDepth} levels.`,
        };
      }
    } else if (c === CLOSE_ARRAY || c === CLOSE_OBJECT) members.pop();
    else if (c === COMMA) {
      const depth = members.length - 1;
      if (depth < 0) continue;
      const count = (members[depth] ?? 0) + 1;
      members[depth] = count;
      values++;
      if (count >= limits.maxMembers) {
        return {
          status: 413,
          code: 'BodyTooLarge',
          detail: `An array or object in the JSON body has more than ${limits.maxMembers - 1} members.`,
        };
      }
    }
    if (values > limits.maxValues) {
      return {
        status: 413,
        code: 'BodyTooLarge',
        detail: `The JSON body holds more than ${limits.maxValues} values.`,
      };
    }
  }
  return undefined;
}

/**
 * The one JSON body parser for every accepted type: the bounds pre-scan, then Fastify's own
 * parser (JSON.parse with prototype-poisoning protection: `__proto__` and `constructor` keys
 * are refused).
 */
export function registerJsonBodyParser(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(JSON_BODY_TYPES, { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    const problem = checkJsonBounds(text);
    if (problem) {
      return done(
        new ApiError(problem.status, problem.code, problem.detail, undefined, {
          body: { errors: [{ field: '(body)', message: problem.detail, code: problem.code }] },
        }),
        undefined,
      );
    }
    return parse(request, text, done);
  });
}

import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import type { Problem, ProblemCode } from '../contract/api';
import { storeFailureProblem } from '../editing/problems';
import { ApiError } from '../errors';
import { StoreUnavailable } from '../store/feature-store';

/** Seconds a client is asked to wait when the database is unreachable (503). */
const STORE_RETRY_AFTER_SECONDS = 5;

export const PROBLEM_TYPE = 'application/problem+json; charset=utf-8';

const CODE_BY_STATUS: Partial<Record<number, ProblemCode>> = {
  400: 'InvalidParameterValue',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  406: 'NotAcceptable',
  413: 'PayloadTooLarge',
  415: 'UnsupportedMediaType',
  428: 'PreconditionRequired',
  429: 'TooManyRequests',
  503: 'ServiceUnavailable',
};

/** Sends one RFC 9457 problem. Used by the error handler and by handlers that answer a problem directly. */
export function sendProblem(
  reply: FastifyReply,
  status: number,
  code: ProblemCode,
  detail: string,
  extra: Record<string, unknown> = {},
): FastifyReply {
  const problem: Problem & Record<string, unknown> = {
    type: 'about:blank',
    title: STATUS_CODES[status] ?? 'Error',
    status,
    detail,
    code,
    ...extra,
  };
  return reply.code(status).header('content-type', PROBLEM_TYPE).send(JSON.stringify(problem));
}

interface ValidationItem {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message?: string;
}

/** Turns a route-schema validation failure into a 400 naming the parameter. */
function validationDetail(error: FastifyError): string {
  const first = (error.validation?.[0] ?? {}) as ValidationItem;
  const where =
    error.validationContext === 'params'
      ? 'path parameter'
      : error.validationContext === 'body'
        ? 'body member'
        : 'parameter';
  if (first.keyword === 'additionalProperties') {
    return `Unknown ${where} '${String(first.params.additionalProperty)}': this API does not define it`;
  }
  const name =
    first.instancePath.replace(/^\//, '').split('/')[0] || String(first.params.missingProperty ?? '');
  const allowed = Array.isArray(first.params.allowedValues)
    ? ` (one of: ${first.params.allowedValues.join(', ')})`
    : '';
  return `Invalid ${where} '${name}': ${first.message ?? 'invalid value'}${allowed}`;
}

/**
 * One error handler for the whole app: every failure becomes application/problem+json. An
 * ApiError carries its status and code; a store's typed failure (a version conflict, a missing
 * feature …) is mapped here, in one place (editing/problems.ts); anything else is a 500.
 */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((raw: FastifyError | ApiError | StoreUnavailable, request, reply) => {
    if (raw instanceof StoreUnavailable) {
      request.log.error({ err: raw.cause ?? raw }, raw.message);
      reply.header('retry-after', String(STORE_RETRY_AFTER_SECONDS));
      return sendProblem(reply, 503, raw.code, 'The database is unavailable right now; try again shortly.');
    }
    const problem = raw instanceof ApiError ? raw : storeFailureProblem(raw);
    if (problem) {
      request.log.info({ code: problem.code, parameter: problem.parameter }, problem.detail);
      for (const [name, value] of Object.entries(problem.extra.headers ?? {})) reply.header(name, value);
      return sendProblem(reply, problem.status, problem.code, problem.detail, problem.extra.body);
    }
    const error = raw as FastifyError;
    if (error.validation) {
      const detail = validationDetail(error);
      request.log.info({ validation: error.validation }, detail);
      return sendProblem(reply, 400, 'InvalidParameterValue', detail);
    }
    const status =
      error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) {
      request.log.error({ err: error }, 'unhandled error');
      return sendProblem(
        reply,
        500,
        'ServerError',
        'The server failed to answer this request; it has been logged.',
      );
    }
    request.log.info({ err: error }, 'client error');
    return sendProblem(reply, status, CODE_BY_STATUS[status] ?? 'InvalidRequest', error.message);
  });
}

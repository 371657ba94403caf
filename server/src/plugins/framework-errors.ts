import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Problem } from '../contract/api';
import { ApiError } from '../errors';
import { PROBLEM_TYPE, sendProblem } from './errors';

/** Longest request target (path and query) we read; longer → 414. Node refuses > 16 KB of headers with 431. */
export const MAX_URL_LENGTH = 8192;

type Headers = ReadonlyArray<readonly [string, string]>;

const FRAMEWORK_DETAIL: Record<string, string> = {
  FST_ERR_BAD_URL: 'The URL is not valid: it has malformed percent-encoding or characters a URL cannot hold.',
};

/**
 * Answers Fastify produces before a route is found, in our one problem+json format with the
 * security headers: `frameworkErrors` (malformed URLs, FST_ERR_BAD_URL and the like) and
 * `clientErrorHandler` (what Node's HTTP parser refuses: headers or request line too large → 431,
 * request not received within REQUEST_TIMEOUT_SECONDS → 408, not HTTP → 400). Spread into the
 * Fastify options.
 */
export function frameworkErrorOptions(headers: Headers) {
  return {
    frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
      for (const [name, value] of headers) reply.raw.setHeader(name, value);
      const status =
        error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
      request.log.info({ code: error.code }, 'framework error');
      return sendProblem(
        reply,
        status,
        'InvalidRequest',
        FRAMEWORK_DETAIL[error.code] ?? 'The request is not valid.',
      );
    },
    clientErrorHandler(this: FastifyInstance, error: Error & { code?: string }, socket: Socket) {
      if (error.code === 'ECONNRESET' || socket.destroyed) return;
      const [status, code, detail] = clientErrorProblem(error.code);
      this.log.debug({ err: error }, 'client error');
      if (socket.writable) socket.write(rawProblem(status, code, detail, headers));
      socket.destroy(error);
    },
  };
}

function clientErrorProblem(code: string | undefined): [number, string, string] {
  if (code === 'HPE_HEADER_OVERFLOW') {
    return [431, 'RequestHeaderFieldsTooLarge', 'The request line or headers are too large (16 KB at most).'];
  }
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return [408, 'RequestTimeout', 'The request was not received in time.'];
  }
  return [400, 'InvalidRequest', 'The request is not valid HTTP.'];
}

/** A whole HTTP/1.1 response with a problem body, for a socket that has no response object. */
function rawProblem(status: number, code: string, detail: string, headers: Headers): string {
  const title = STATUS_CODES[status] ?? 'Error';
  const problem: Problem = { type: 'about:blank', title, status, detail, code };
  const body = JSON.stringify(problem);
  const lines = [
    `HTTP/1.1 ${status} ${title}`,
    ...headers.map(([name, value]) => `${name}: ${value}`),
    `content-type: ${PROBLEM_TYPE}`,
    `content-length: ${Buffer.byteLength(body)}`,
    'connection: close',
  ];
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}

/**
 * Checks of the request gate (request-gate.ts): while the app closes, 503 + `Connection: close`
 * (instead of Fastify's own plain-JSON 503, so return503OnClosing is off); a request target
 * longer than MAX_URL_LENGTH → 414. Undefined when the request may go on.
 */
export function closingOrUrlRefusal(app: FastifyInstance): (request: FastifyRequest) => ApiError | undefined {
  let closing = false;
  app.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  return (request) => {
    if (closing) {
      return new ApiError(
        503,
        'ServiceUnavailable',
        'The server is shutting down; try again shortly.',
        undefined,
        {
          headers: { 'retry-after': '5', connection: 'close' },
        },
      );
    }
    if (request.url.length > MAX_URL_LENGTH) {
      return new ApiError(414, 'UriTooLong', `The URL is longer than ${MAX_URL_LENGTH} characters.`);
    }
    return undefined;
  };
}

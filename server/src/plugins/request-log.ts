import type { FastifyInstance } from 'fastify';

/**
 * One log line per request (Fastify's own two lines, with the whole request serialized, are off):
 * method, URL, status and time in ms, under the request id; and the id echoed as `x-request-id`.
 * Callback-style hooks, so neither costs a promise per request.
 */
export function registerRequestLog(app: FastifyInstance): void {
  app.addHook('onSend', (request, reply, payload, done) => {
    reply.header('x-request-id', request.id);
    done(null, payload);
  });
  app.addHook('onResponse', (request, reply, done) => {
    request.log.info(
      {
        method: request.method,
        url: request.url,
        statusCode: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 100) / 100,
      },
      'request',
    );
    done();
  });
}

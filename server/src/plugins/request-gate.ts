import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ApiError } from '../errors';

type Refusal = (request: FastifyRequest, reply: FastifyReply) => ApiError | undefined;

/**
 * The first hook of every request: the security headers, then the refusals that must come
 * before any other work, in order — closing or an overlong URL (framework-errors.ts), a Host we
 * do not serve (trusted-origin.ts), the expensive-request limit (limits.ts). One callback-style
 * hook instead of one per concern: each hook costs every read, and these run on all of them.
 */
export function registerRequestGate(
  app: FastifyInstance,
  setHeaders: (request: FastifyRequest, reply: FastifyReply) => void,
  refusals: readonly Refusal[],
): void {
  app.addHook('onRequest', (request, reply, done) => {
    setHeaders(request, reply);
    for (const refuse of refusals) {
      const problem = refuse(request, reply);
      if (problem) return done(problem);
    }
    done();
  });
}

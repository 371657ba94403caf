import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { type LoginLimiter, loginLimitKeys } from '../auth/login-limiter';
import { hashPassword, verifyPassword } from '../auth/password';
import { hashSessionToken, newSessionToken } from '../auth/session-token';
import { LoginBody, LoginResponse, MeResponse } from '../contract/auth';
import { ApiError } from '../errors';
import { clearSessionCookie, expiryAfter, setSessionCookie } from '../plugins/auth';
import { NO_BODY, NOT_MODIFIED, responses } from './responses';

/**
 * POST /api/auth/login, POST /api/auth/logout, GET /api/auth/me. Login is rate limited per account
 * and per address (429 + Retry-After); unknown user and wrong password get the same 401, after
 * the same scrypt work. The password is never logged (Fastify does not log bodies; nor do we).
 */
export function registerAuthRoutes(fastify: FastifyInstance, limiter: LoginLimiter): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  // A real hash to verify against for unknown users, so timing does not tell which names exist.
  let dummyHash: Promise<string> | undefined;
  const dummy = () => {
    dummyHash ??= hashPassword('not-a-real-password-for-timing');
    return dummyHash;
  };

  app.post(
    '/api/auth/login',
    {
      schema: {
        summary: 'Sign in (sets the lcmap_session cookie)',
        tags: ['Auth'],
        body: LoginBody,
        response: responses({ 200: LoginResponse }, [400, 401, 403, 413, 415, 429]),
      },
    },
    async (request, reply) => {
      const { username, password } = request.body;
      const keys = loginLimitKeys(username, request.ip);
      const decision = await limiter.checkAll([keys.account, keys.address]);
      if (!decision.allowed) {
        throw new ApiError(
          429,
          'TooManyRequests',
          'Too many sign-in attempts; wait and try again.',
          undefined,
          {
            headers: { 'retry-after': String(decision.retryAfterSeconds) },
          },
        );
      }
      const user = await app.users.getUser(username.trim());
      const ok = user && !user.disabled ? await verifyPassword(password, user.passwordHash) : false;
      if (!user || user.disabled) await verifyPassword(password, await dummy());
      if (!ok || !user) {
        await limiter.fail([keys.account, keys.address]);
        throw new ApiError(401, 'InvalidCredentials', 'Wrong username or password.');
      }
      await limiter.succeed(keys.account);
      const token = newSessionToken();
      const nowMs = app.clock();
      const now = new Date(nowMs).toISOString();
      await app.users.deleteExpiredSessions(now);
      await app.users.createSession({
        tokenHash: hashSessionToken(token),
        username: user.username,
        now,
        expiresAt: expiryAfter(nowMs, app.config.sessionTtlHours),
      });
      request.log.info({ username: user.username }, 'signed in');
      setSessionCookie(request, reply, token);
      return reply
        .header('cache-control', 'no-store')
        .send({ user: { username: user.username, role: user.role } });
    },
  );

  app.post(
    '/api/auth/logout',
    {
      schema: { summary: 'Sign out', tags: ['Auth'], response: responses({ 204: NO_BODY }, [403, 413, 415]) },
    },
    async (request, reply) => {
      if (request.sessionTokenHash) await app.users.deleteSession(request.sessionTokenHash);
      clearSessionCookie(request, reply);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/auth/me',
    {
      schema: {
        summary: 'The signed-in user, or null',
        tags: ['Auth'],
        response: responses({ 200: MeResponse, 304: NOT_MODIFIED }),
      },
    },
    async (request, reply) => reply.header('cache-control', 'no-store').send({ user: request.user }),
  );
}

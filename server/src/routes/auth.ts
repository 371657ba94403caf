import type { FastifyInstance } from 'fastify';
import { type LoginLimiter, loginLimitKeys } from '../auth/login-limiter';
import { hashPassword, verifyPassword } from '../auth/password';
import { hashSessionToken, newSessionToken } from '../auth/session-token';
import { ApiError } from '../errors';
import { clearSessionCookie, expiryAfter, type SessionUser, setSessionCookie } from '../plugins/auth';

const USER_SCHEMA = {
  type: 'object',
  nullable: true,
  properties: { username: { type: 'string' }, role: { type: 'string', enum: ['viewer', 'editor', 'admin'] } },
} as const;

interface LoginBody {
  username: string;
  password: string;
}

/**
 * POST /api/auth/login, POST /api/auth/logout, GET /api/auth/me. Login is rate limited per account
 * and per address (429 + Retry-After); unknown user and wrong password get the same 401, after
 * the same scrypt work. The password is never logged (Fastify does not log bodies; nor do we).
 */
export function registerAuthRoutes(app: FastifyInstance, limiter: LoginLimiter): void {
  // A real hash to verify against for unknown users, so timing does not tell which names exist.
  let dummyHash: Promise<string> | undefined;
  const dummy = () => {
    dummyHash ??= hashPassword('not-a-real-password-for-timing');
    return dummyHash;
  };

  app.post<{ Body: LoginBody }>(
    '/api/auth/login',
    {
      schema: {
        summary: 'Sign in (sets the lcmap_session cookie)',
        tags: ['Auth'],
        body: {
          type: 'object',
          required: ['username', 'password'],
          additionalProperties: false,
          properties: {
            username: { type: 'string', minLength: 1, maxLength: 200 },
            password: { type: 'string', minLength: 1, maxLength: 1024 },
          },
        },
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
      const body: { user: SessionUser } = { user: { username: user.username, role: user.role } };
      return reply.header('cache-control', 'no-store').send(body);
    },
  );

  app.post(
    '/api/auth/logout',
    { schema: { summary: 'Sign out', tags: ['Auth'] } },
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
        response: { 200: { type: 'object', properties: { user: USER_SCHEMA } } },
      },
    },
    async (request, reply) => reply.header('cache-control', 'no-store').send({ user: request.user }),
  );
}

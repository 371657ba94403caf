import type { FastifyInstance } from 'fastify';
import { hashPassword } from '../../server/src/auth/password';
import type { Role } from '../../server/src/auth/roles';
import { SESSION_COOKIE } from '../../server/src/plugins/auth';

/** The password test users get unless told otherwise (≥ 10 characters, as the policy asks). */
export const TEST_PASSWORD = 'correct horse battery';
/** The Origin of `app.inject` requests (Host is localhost:80); writes must send it. */
export const INJECT_ORIGIN = 'http://localhost:80';

export interface TestUser {
  username: string;
  role: Role;
  /** Default TEST_PASSWORD. */
  password?: string;
}

/** Creates an account directly in the app's database (no HTTP, no rate limit). */
export async function addUser(app: FastifyInstance, user: TestUser): Promise<void> {
  await app.users.addUser({
    username: user.username,
    role: user.role,
    passwordHash: await hashPassword(user.password ?? TEST_PASSWORD),
    createdAt: new Date().toISOString(),
  });
}

/**
 * Signs in through POST /api/auth/login (app.inject) and returns the session cookie's value.
 * For a browser context: `context.addCookies([{ name: 'lcmap_session', value, url }])`.
 * Throws when the login is refused.
 */
export async function loginToken(
  app: FastifyInstance,
  username: string,
  password = TEST_PASSWORD,
): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers: { origin: INJECT_ORIGIN, 'content-type': 'application/json' },
    payload: { username, password },
  });
  const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE);
  if (res.statusCode !== 200 || !cookie) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  return cookie.value;
}

/** Creates the user and signs in; returns a `cookie` header value (`lcmap_session=…`). */
export async function signIn(app: FastifyInstance, user: TestUser): Promise<string> {
  await addUser(app, user);
  return `${SESSION_COOKIE}=${await loginToken(app, user.username, user.password)}`;
}

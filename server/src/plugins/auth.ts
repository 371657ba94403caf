import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hashSessionToken, isWellFormedSessionToken } from '../auth/session-token';
import type { SessionUser } from '../contract/api';
import type { UserStore } from '../store/user-store';

export const SESSION_COOKIE = 'lcmap_session';
/** A session's expiry is moved forward at most once a minute (a write per request would be waste). */
const TOUCH_INTERVAL_MS = 60_000;

declare module 'fastify' {
  interface FastifyInstance {
    /** Accounts and sessions. */
    users: UserStore;
    /** The clock of sessions and login limits, epoch ms (tests inject a fake one). */
    clock: () => number;
  }
  interface FastifyRequest {
    /** The signed-in user (from the `lcmap_session` cookie), or null for an anonymous visitor. */
    user: SessionUser | null;
    /** SHA-256 of the request's valid session token, or null. */
    sessionTokenHash: string | null;
  }
}

export function isApiUrl(url: string): boolean {
  return url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');
}

/** The session cookie: HttpOnly, SameSite=Strict, Path=/, Secure when the request came over HTTPS. */
export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: request.protocol === 'https',
  });
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: request.protocol === 'https',
  });
}

/** ISO time `hours` after `nowMs`. */
export function expiryAfter(nowMs: number, hours: number): string {
  return new Date(nowMs + hours * 3_600_000).toISOString();
}

/**
 * Reads the `lcmap_session` cookie on /api requests and sets `request.user` (or null). A session
 * lives in the database (token stored hashed), expires SESSION_TTL_HOURS after its last use and
 * is refreshed on use. Garbage cookies are ignored without a database lookup.
 */
export async function registerAuth(
  app: FastifyInstance,
  users: UserStore,
  options: { ttlHours: number; clock: () => number },
): Promise<void> {
  await app.register(cookie);
  app.decorate('users', users);
  app.decorate('clock', options.clock);
  app.decorateRequest('user', null);
  app.decorateRequest('sessionTokenHash', null);
  const readSession = async (request: FastifyRequest): Promise<void> => {
    const token = request.cookies[SESSION_COOKIE];
    if (!isWellFormedSessionToken(token)) return;
    const tokenHash = hashSessionToken(token);
    const nowMs = options.clock();
    const now = new Date(nowMs).toISOString();
    const session = await users.findSession(tokenHash, now);
    if (!session) return;
    request.user = { username: session.username, role: session.role };
    request.sessionTokenHash = tokenHash;
    if (nowMs - Date.parse(session.lastSeen) >= TOUCH_INTERVAL_MS) {
      await users.touchSession(tokenHash, now, expiryAfter(nowMs, options.ttlHours));
    }
  };
  // Callback style: a request without a cookie (every anonymous read) costs no promise or lookup.
  app.addHook('onRequest', (request, _reply, done) => {
    if (request.headers.cookie === undefined || !isApiUrl(request.url)) return done();
    readSession(request).then(() => done(), done);
  });
}

import { isIP } from 'node:net';
import type { FastifyRequest } from 'fastify';
import { isSameOrigin } from '../auth/origin';
import { bareOrigin, type Config } from '../config';
import { ApiError } from '../errors';

/**
 * Which Host names this server answers for and which Origins may change data (DNS rebinding and
 * CSRF defence). Two modes:
 * - PUBLIC_ORIGIN set: the Host (with port, default ports dropped) must be the host of one of
 *   those origins, and a write's Origin must be one of them.
 * - not set (local use, `npm start` on 127.0.0.1): the Host's name must be `localhost`, an IP
 *   address or HOST; a write's Origin must be the origin the request came in on. A DNS name
 *   pointed at this machine (`Host: evil.example`) is refused, so a page of another site cannot
 *   talk to us through rebinding, and its Origin never matches. The port is not compared: the
 *   attacker cannot choose it, and `npm run dev` proxies with the dev server's own port.
 */
export interface OriginPolicy {
  /** Is `host` (a Host header: `name[:port]`) one this server answers for? */
  hostAllowed(host: string | undefined, protocol: string): boolean;
  /** May a state-changing request with this Origin header, received as protocol://host, go ahead? */
  originAllowed(origin: string | string[] | undefined, request: { protocol: string; host: string }): boolean;
}

const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '[::]']);
const CACHE_LIMIT = 256;

/** The hostname part of a Host header, lowercased, IPv6 without brackets; undefined when malformed. */
function hostName(host: string): string | undefined {
  const bracketed = /^\[([0-9a-f:.]+)\](:[0-9]{1,5})?$/i.exec(host);
  if (bracketed) return bracketed[1]?.toLowerCase();
  const plain = /^([a-z0-9.-]+)(:[0-9]{1,5})?$/i.exec(host);
  return plain?.[1]?.toLowerCase();
}

export function originPolicy(config: Config): OriginPolicy {
  const publicHosts = new Set(config.publicOrigins.map((o) => new URL(o).host));
  const localNames = new Set(['localhost']);
  if (!WILDCARD_HOSTS.has(config.host)) localNames.add(config.host.toLowerCase().replace(/^\[|\]$/g, ''));
  const cache = new Map<string, boolean>();

  const decide = (host: string, protocol: string): boolean => {
    if (publicHosts.size > 0) {
      if (!/^[a-z0-9.:[\]-]+$/i.test(host)) return false;
      try {
        return publicHosts.has(new URL(`${protocol}://${host}`).host);
      } catch {
        return false;
      }
    }
    const name = hostName(host);
    return name !== undefined && (localNames.has(name) || isIP(name) !== 0);
  };

  return {
    hostAllowed(host, protocol) {
      if (!host) return false;
      const key = `${protocol} ${host}`;
      let allowed = cache.get(key);
      if (allowed === undefined) {
        allowed = decide(host, protocol);
        if (cache.size < CACHE_LIMIT) cache.set(key, allowed);
      }
      return allowed;
    },
    originAllowed(origin, request) {
      if (config.publicOrigins.length === 0) return isSameOrigin(origin, request);
      if (typeof origin !== 'string') return false;
      const claimed = bareOrigin(origin);
      return claimed !== undefined && config.publicOrigins.includes(claimed);
    },
  };
}

/**
 * The check of the request gate (request-gate.ts) for a Host this server does not answer for:
 * 421 MisdirectedRequest (MissingHost when there is no Host header); undefined when it is served.
 */
export function hostRefusal(
  policy: OriginPolicy,
  config: Config,
): (request: FastifyRequest) => ApiError | undefined {
  const hint =
    config.publicOrigins.length > 0
      ? `it serves ${config.publicOrigins.join(', ')}`
      : 'set PUBLIC_ORIGIN to serve it under a name';
  return (request) => {
    const host = request.host;
    if (policy.hostAllowed(host, request.protocol)) return undefined;
    if (!host) return new ApiError(421, 'MissingHost', 'The request has no Host header.');
    const shown = host.length > 100 ? `${host.slice(0, 100)}…` : host;
    return new ApiError(
      421,
      'MisdirectedRequest',
      `This server does not answer for host '${shown}' (${hint}).`,
    );
  };
}

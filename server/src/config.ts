import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Server configuration. Only this module reads the environment (see server/README.md). */
export interface Config {
  readonly port: number;
  readonly host: string;
  /** Folder of the SQLite database (created if missing); unused when databaseUrl is set. */
  readonly dataDir: string;
  /** DATABASE_URL: postgres://… selects the PostgreSQL/PostGIS store; null = SQLite in dataDir. */
  readonly databaseUrl: string | null;
  readonly logLevel: LogLevel;
  /** Folder with the shipped datasets and `schema/` (the catalog). */
  readonly geodataDir: string;
  /** Built client (Vite output) served at `/`. */
  readonly clientDir: string;
  /** A deployment's own online basemap style; null = offline basemap only. */
  readonly basemapStyleUrl: string | null;
  /** Fastify `trustProxy`: false, true, a hop count or a list of addresses/CIDRs. */
  readonly trustProxy: boolean | number | string[];
  /** How long a staff session lives after its last use, in hours (SESSION_TTL_HOURS, default 12). */
  readonly sessionTtlHours: number;
  /**
   * PUBLIC_ORIGIN: the origins (`https://map.example.vn`) this site is served under. Writes must
   * come from one of them and a request for another Host is refused. Empty = local use: the
   * Host must be localhost, an IP address or HOST, and writes come from that same origin.
   */
  readonly publicOrigins: readonly string[];
  /** CSP `frame-ancestors` sources (FRAME_ANCESTORS, default `'self'`): who may embed the app. */
  readonly frameAncestors: readonly string[];
  /** Most seconds to receive a whole request (REQUEST_TIMEOUT_SECONDS, default 30). */
  readonly requestTimeoutSeconds: number;
  /** Most expensive requests (writes, large pages) at once; more → 503 (MAX_EXPENSIVE_REQUESTS, default 8). */
  readonly maxExpensiveRequests: number;
  /**
   * CORS_ORIGINS: web origins whose pages may read /api with GET/HEAD (`*` = any; never
   * credentials, never writes). Empty (default) = no CORS headers: only this site's pages read it.
   */
  readonly corsOrigins: readonly string[];
  /**
   * READ_MODEL_MB: most megabytes (of GeoJSON text) the SQLite store keeps in memory to answer
   * box pages of point collections (store/sqlite/point-model.ts); 0 = none. Default 1024.
   */
  readonly readModelMb: number;
}

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Thrown for a bad environment value; the message names the variable and what is allowed. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** The environment variables we read, with defaults; used by `--help` and the README. */
export const ENV_DOC: readonly { name: string; default: string; meaning: string }[] = [
  { name: 'PORT', default: '3000', meaning: 'TCP port (0 = any free port)' },
  { name: 'HOST', default: '127.0.0.1', meaning: 'interface to bind; 0.0.0.0 to serve the network' },
  { name: 'DATA_DIR', default: './data', meaning: 'folder of the SQLite database' },
  {
    name: 'DATABASE_URL',
    default: '(none)',
    meaning: 'postgres://user:pass@host:port/db: PostGIS instead of SQLite',
  },
  { name: 'LOG_LEVEL', default: 'info', meaning: LOG_LEVELS.join('|') },
  { name: 'GEODATA_DIR', default: '<repo>/geodata', meaning: 'datasets and schema/ used to seed' },
  { name: 'CLIENT_DIR', default: '<repo>/dist/client', meaning: 'built client served at /' },
  { name: 'BASEMAP_STYLE_URL', default: '(none)', meaning: 'optional online MapLibre style URL' },
  { name: 'TRUST_PROXY', default: 'false', meaning: 'true|false|hop count|comma list of IPs/CIDRs' },
  { name: 'SESSION_TTL_HOURS', default: '12', meaning: 'staff session lifetime after last use (hours)' },
  {
    name: 'PUBLIC_ORIGIN',
    default: '(local)',
    meaning: 'comma list of origins served under; other Hosts refused (421)',
  },
  { name: 'FRAME_ANCESTORS', default: "'self'", meaning: "who may embed the app: 'none', 'self', origins" },
  { name: 'REQUEST_TIMEOUT_SECONDS', default: '30', meaning: 'most seconds to receive one request' },
  { name: 'MAX_EXPENSIVE_REQUESTS', default: '8', meaning: 'writes/large pages at once; more → 503' },
  {
    name: 'CORS_ORIGINS',
    default: '(none)',
    meaning: '* or comma list of origins whose web pages may read /api (GET/HEAD only)',
  },
  {
    name: 'READ_MODEL_MB',
    default: '1024',
    meaning: 'SQLite: memory for box pages of point layers; 0 = none',
  },
];

/** Validates, defaults and freezes the configuration. Throws ConfigError on a bad value. */
export function loadConfig(env: Record<string, string | undefined>, cwd = process.cwd()): Config {
  const dir = (value: string | undefined, fallback: string): string =>
    path.resolve(cwd, nonEmpty(value) ?? fallback);
  return Object.freeze({
    port: parsePort(env.PORT),
    host: nonEmpty(env.HOST) ?? '127.0.0.1',
    dataDir: dir(env.DATA_DIR, './data'),
    databaseUrl: parseDatabaseUrl(env.DATABASE_URL),
    logLevel: parseLogLevel(env.LOG_LEVEL),
    geodataDir: dir(env.GEODATA_DIR, path.join(REPO_ROOT, 'geodata')),
    clientDir: dir(env.CLIENT_DIR, path.join(REPO_ROOT, 'dist/client')),
    basemapStyleUrl: parseUrl(env.BASEMAP_STYLE_URL),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    sessionTtlHours: parseSessionTtl(env.SESSION_TTL_HOURS),
    publicOrigins: parsePublicOrigins(env.PUBLIC_ORIGIN),
    frameAncestors: parseFrameAncestors(env.FRAME_ANCESTORS),
    requestTimeoutSeconds: parseWholeNumber(
      'REQUEST_TIMEOUT_SECONDS',
      env.REQUEST_TIMEOUT_SECONDS,
      30,
      1,
      3600,
    ),
    maxExpensiveRequests: parseWholeNumber(
      'MAX_EXPENSIVE_REQUESTS',
      env.MAX_EXPENSIVE_REQUESTS,
      8,
      1,
      10_000,
    ),
    corsOrigins: parseCorsOrigins(env.CORS_ORIGINS),
    readModelMb: parseWholeNumber('READ_MODEL_MB', env.READ_MODEL_MB, 1024, 0, 1_048_576),
  });
}

/** CORS_ORIGINS: `*`, or a comma list of origins (no path). */
function parseCorsOrigins(value: string | undefined): string[] {
  const raw = nonEmpty(value);
  if (raw === undefined) return [];
  if (raw === '*') return ['*'];
  return raw.split(',').map((part) => {
    const origin = bareOrigin(part.trim());
    if (!origin) {
      throw new ConfigError(
        `CORS_ORIGINS must be * or a comma list of origins such as https://portal.example.vn (no path), got "${part.trim()}"`,
      );
    }
    return origin;
  });
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function parsePort(value: string | undefined): number {
  const raw = nonEmpty(value);
  if (raw === undefined) return 3000;
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port > 65535) {
    throw new ConfigError(`PORT must be an integer 0–65535, got "${raw}"`);
  }
  return port;
}

function parseLogLevel(value: string | undefined): LogLevel {
  const raw = nonEmpty(value)?.toLowerCase() ?? 'info';
  const level = LOG_LEVELS.find((l) => l === raw);
  if (!level) throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${raw}"`);
  return level;
}

function parseUrl(value: string | undefined): string | null {
  const raw = nonEmpty(value);
  if (raw === undefined) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`BASEMAP_STYLE_URL must be an absolute http(s) URL, got "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`BASEMAP_STYLE_URL must use http or https, got "${raw}"`);
  }
  return url.href;
}

function parseDatabaseUrl(value: string | undefined): string | null {
  const raw = nonEmpty(value);
  if (raw === undefined) return null;
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') || !url.pathname.slice(1)) {
    // The value may hold a password: the message shows only its scheme.
    throw new ConfigError(
      `DATABASE_URL must be postgres://user:password@host:port/database, got a value starting "${raw.split(':')[0]}:"`,
    );
  }
  return raw;
}

function parseTrustProxy(value: string | undefined): boolean | number | string[] {
  const raw = nonEmpty(value)?.toLowerCase();
  if (raw === undefined || raw === 'false') return false;
  if (raw === 'true') return true;
  if (/^\d+$/.test(raw)) return Number(raw);
  const list = raw.split(',').map((s) => s.trim());
  if (list.some((s) => !/^[0-9a-f.:/]+$/.test(s))) {
    throw new ConfigError(
      `TRUST_PROXY must be true, false, a hop count or a list of IPs/CIDRs, got "${raw}"`,
    );
  }
  return list;
}

function parseSessionTtl(value: string | undefined): number {
  const raw = nonEmpty(value);
  if (raw === undefined) return 12;
  const hours = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw) || hours <= 0 || hours > 24 * 365) {
    throw new ConfigError(`SESSION_TTL_HOURS must be a number of hours > 0 and ≤ 8760, got "${raw}"`);
  }
  return hours;
}

function parseWholeNumber(
  name: string,
  value: string | undefined,
  fallback: number,
  min: number,
  max: number,
) {
  const raw = nonEmpty(value);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!/^[0-9]{1,6}$/.test(raw) || n < min || n > max) {
    throw new ConfigError(`${name} must be a whole number ${min}–${max}, got "${raw}"`);
  }
  return n;
}

/** A bare http(s) origin (`scheme://host[:port]`, no path) → its serialised form, else undefined. */
export function bareOrigin(text: string): string | undefined {
  if (!/^https?:\/\/[^/?#@\s]+$/i.test(text)) return undefined;
  try {
    return new URL(text).origin;
  } catch {
    return undefined;
  }
}

function parsePublicOrigins(value: string | undefined): string[] {
  const raw = nonEmpty(value);
  if (raw === undefined) return [];
  return raw.split(',').map((part) => {
    const origin = bareOrigin(part.trim());
    if (!origin) {
      throw new ConfigError(
        `PUBLIC_ORIGIN must be a comma list of origins such as https://map.example.vn (no path), got "${part.trim()}"`,
      );
    }
    return origin;
  });
}

/** CSP source expressions allowed in FRAME_ANCESTORS: 'self', 'none', or http(s) origins (`*.` allowed). */
function parseFrameAncestors(value: string | undefined): string[] {
  const raw = nonEmpty(value);
  if (raw === undefined) return ["'self'"];
  const sources = raw.split(/[\s,]+/).filter(Boolean);
  const ok = (s: string) => s === "'self'" || /^https?:\/\/(\*\.)?[a-z0-9.-]+(:[0-9]{1,5})?$/i.test(s);
  if (raw === "'none'") return ["'none'"];
  if (!sources.every(ok)) {
    throw new ConfigError(
      `FRAME_ANCESTORS must be 'none', or 'self' and/or origins such as https://portal.example.vn, got "${raw}"`,
    );
  }
  return sources;
}

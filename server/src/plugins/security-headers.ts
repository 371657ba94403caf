import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import helmet from 'helmet';
import type { Config } from '../config';
import { isApiUrl } from './auth';
import { DOCS_PATH } from './openapi';

/** Origin of the OpenStreetMap raster tiles the client offers (client/src/map/basemap/basemaps.ts). */
export const OSM_TILE_ORIGIN = 'https://tile.openstreetmap.org';

/** Sent only on answers to requests that came over HTTPS (directly or through a trusted proxy). */
export const HSTS_HEADER = ['strict-transport-security', 'max-age=31536000; includeSubDomains'] as const;

/**
 * The Content-Security-Policy for the built client and MapLibre: scripts, styles and fonts only
 * from this server (Vite emits no inline script or style); MapLibre's worker from this server or
 * `blob:`; images from here, `data:` and `blob:` (MapLibre decodes tiles and icons to blobs);
 * fetches to this server, the OSM tile origin (the "OpenStreetMap" basemap) and the origin of
 * BASEMAP_STYLE_URL (its tiles, glyphs and sprites must live there too). Frames: none; who may
 * frame us: FRAME_ANCESTORS.
 */
export function cspDirectives(config: Config): Record<string, string[]> {
  const basemap = config.basemapStyleUrl ? [new URL(config.basemapStyleUrl).origin] : [];
  const online = [OSM_TILE_ORIGIN, ...basemap];
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'"],
    'img-src': ["'self'", 'data:', 'blob:', ...online],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'", ...online],
    'worker-src': ["'self'", 'blob:'],
    'child-src': ["'self'", 'blob:'],
    'frame-src': ["'none'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': [...config.frameAncestors],
  };
}

export type SecurityHeaders = ReadonlyArray<readonly [string, string]>;

/**
 * The security headers of every answer, computed once by helmet from our options: the CSP
 * above, `X-Content-Type-Options: nosniff`, `Referrer-Policy: strict-origin-when-cross-origin`
 * (links to sources keep working, paths never leak cross-origin) and cross-origin isolation of
 * windows and resources; helmet's legacy headers are left out. HSTS is not among them: it is
 * added per request, only over HTTPS (see registerSecurityHeaders).
 */
export function securityHeaders(config: Config, variant: 'app' | 'docs' | 'api' = 'app'): SecurityHeaders {
  // API answers are data, never a page of ours: if one is opened as a document it may load and
  // run nothing at all (the app's fetches are governed by the app page's policy, not by these).
  const directives: Record<string, string[]> =
    variant === 'api'
      ? { 'default-src': ["'none'"], 'frame-ancestors': [...config.frameAncestors] }
      : cspDirectives(config);
  // Swagger UI (/api/docs) injects <style> elements; its scripts stay as strict as the app's.
  if (variant === 'docs') directives['style-src'] = ["'self'", "'unsafe-inline'"];
  const middleware = helmet({
    contentSecurityPolicy: { useDefaults: false, directives },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    // frame-ancestors says who may frame us; the legacy header cannot express a list of origins.
    xFrameOptions: config.frameAncestors.includes("'none'") ? { action: 'deny' } : false,
    strictTransportSecurity: false,
    // Same-origin by default; an embedding page (FRAME_ANCESTORS) loads our assets in our frame.
    crossOriginResourcePolicy: { policy: 'same-origin' },
    // Isolates the browsing context of a document: only pages have one.
    crossOriginOpenerPolicy: variant === 'api' ? false : { policy: 'same-origin' },
    // Headers for browsers nobody uses any more (IE8 downloads, Flash/PDF cross-domain files, the
    // removed XSS auditor) or mere hints: bytes and work on every answer for nothing.
    xDownloadOptions: false,
    xPermittedCrossDomainPolicies: false,
    xXssProtection: false,
    xDnsPrefetchControl: false,
    originAgentCluster: false,
  });
  const headers: [string, string][] = [];
  const capture = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers.push([name.toLowerCase(), String(value)]);
    },
    removeHeader(name: string) {
      const i = headers.findIndex(([n]) => n === name.toLowerCase());
      if (i >= 0) headers.splice(i, 1);
    },
  };
  middleware({} as IncomingMessage, capture as unknown as ServerResponse, () => undefined);
  return headers;
}

/**
 * Sets the security headers on an answer (called by the request gate, request-gate.ts, for every
 * request: routes, static files, 404s, 304s and errors alike); the docs page (DOCS_PATH) gets the
 * 'docs' variant, every other answer under /api the 'api' one (data: a short policy), answers to HTTPS requests HSTS. No helmet work per request: only the
 * precomputed headers. Answers Fastify makes outside routing (bad URLs, client errors) get the
 * same headers from plugins/framework-errors.ts.
 */
export function securityHeaderSetter(
  config: Config,
  headers: SecurityHeaders,
): (request: FastifyRequest, reply: FastifyReply) => void {
  const docs = securityHeaders(config, 'docs');
  const api = securityHeaders(config, 'api');
  const of = (url: string) => (url.startsWith(DOCS_PATH) ? docs : isApiUrl(url) ? api : headers);
  // Into the reply's own headers (written by one writeHead), not raw.setHeader: a header set on
  // the raw response sends Node down its slow path for every other header of the answer
  // (each one validated and stored again), which cost ~10 % of a small answer's throughput.
  return (request, reply) => {
    for (const [name, value] of of(request.url)) reply.header(name, value);
    if (request.protocol === 'https') reply.header(HSTS_HEADER[0], HSTS_HEADER[1]);
  };
}

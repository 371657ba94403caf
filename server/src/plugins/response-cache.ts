import { gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ifNoneMatchMatches, shortHash } from './etag';
import { gzipWithSlot, type SplicedGzip, spliceGzip } from './gzip-splice';

/** Default byte budget of the read cache (bodies plus keys). */
export const DEFAULT_RESPONSE_CACHE_BYTES = 32 * 1024 * 1024;

/** A finished 200 answer: the exact bytes, their media type and the headers of CACHED_HEADERS it had. */
export interface CachedResponse {
  body: Buffer;
  type: string;
  headers?: Record<string, string>;
  /**
   * Where the 24 characters of the body's `"timeStamp":"…"` value start, when the route asked for
   * a fresh one (`freshTimeStamp`): a hit gets the time of its own answer written there.
   */
  timeStampAt?: number;
}

/** How many keys of answers refused by a full cache are remembered (see ResponseCache's admission). */
export const SEEN_KEYS = 4096;
/** Longer keys are not remembered (so the ring holds at most SEEN_KEYS × 2 × this bytes: 8 MiB). */
export const SEEN_KEY_CHARS = 1024;

/** Headers a route sets that belong to the body (and so are cached with it). */
export const CACHED_HEADERS = ['content-crs', 'link'] as const;

const TIME_STAMP_KEY = Buffer.from('"timeStamp":"');
const ISO_LENGTH = 24;

/** The offset of the timeStamp value in the first 512 bytes of a body, or undefined. */
export function timeStampOffset(body: Buffer): number | undefined {
  const at = body.subarray(0, 512).indexOf(TIME_STAMP_KEY);
  if (at < 0) return undefined;
  const start = at + TIME_STAMP_KEY.length;
  return body[start + ISO_LENGTH] === 0x22 ? start : undefined;
}

interface Entry extends CachedResponse {
  size: number;
  /** The body gzipped, made on the first hit by a client that accepts gzip. */
  gzip?: Buffer;
  /** For a body with a fresh timeStamp: gzipped around it, so each answer deflates 24 bytes. */
  spliced?: SplicedGzip;
}

/** Smallest body worth compressing (the same threshold as @fastify/compress in app.ts). */
const COMPRESS_THRESHOLD = 1024;

/** Whether Accept-Encoding allows gzip (or `*`) with a q above 0, and compression is not refused. */
export function acceptsGzip(request: FastifyRequest): boolean {
  if (request.headers['x-no-compression'] !== undefined) return false;
  const header = request.headers['accept-encoding'];
  if (!header) return false;
  return header.split(',').some((part) => {
    const [coding, ...params] = part.split(';').map((x) => x.trim().toLowerCase());
    if (coding !== 'gzip' && coding !== '*') return false;
    const q = params.find((x) => x.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

/** Bytes an entry costs: its body, its key (UTF-16) and a fixed overhead for the map and object. */
function entrySize(key: string, body: Buffer): number {
  return body.length + key.length * 2 + 200;
}

/**
 * A bounded LRU of whole answers for read endpoints whose body depends only on the data revision
 * and the request (origin, URL, Accept). Every entry belongs to one revision: when the store's
 * revision moves (any edit), the whole cache is dropped, so an edit shows on the next request.
 * Bodies are stored as made; a gzipped copy is added on the first hit by a client that accepts
 * gzip (and counted in the budget), so a browser's repeated page is not compressed again.
 * An answer larger than a quarter of the budget is not stored.
 *
 * Admission: while there is room an answer is stored at once; when storing it would evict others,
 * only an answer whose key was asked before (one of the last SEEN_KEYS refused) gets in. A map
 * that pans asks a new box every time: those answers are not worth evicting a repeated page or
 * tile for, and keeping each one (then dropping it) made every such
 * request pay for the store, the eviction and the garbage collection of ~60 KB that nobody asks again.
 */
export class ResponseCache {
  private readonly entries = new Map<string, Entry>();
  /** Keys of answers refused because the cache was full → their slot in `ring` (oldest at `next`). */
  private readonly seen = new Map<string, number>();
  private readonly ring: (string | undefined)[] = new Array(SEEN_KEYS).fill(undefined);
  private next = 0;
  private revision = -1;
  private used = 0;
  hits = 0;
  misses = 0;

  constructor(readonly maxBytes: number = DEFAULT_RESPONSE_CACHE_BYTES) {}

  /** The key of a request: absolute URL (links in bodies are absolute) and Accept. */
  static keyOf(request: FastifyRequest): string {
    return `${request.protocol}://${request.host}${request.url}\n${request.headers.accept ?? ''}`;
  }

  /** Bytes held now. */
  get bytes(): number {
    return this.used;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The cached answer for `key` at `revision`, or undefined (and the entry becomes most recent). */
  get(key: string, revision: number): CachedResponse | undefined {
    this.sync(revision);
    const entry = this.entries.get(key);
    if (!entry) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry;
  }

  /**
   * Sends an answer of the cache: gzipped from the cache (made once) when the client accepts
   * gzip and the body is over the threshold, else as it is. A body we encode
   * ourselves is passed through by @fastify/compress (it sees Content-Encoding already set).
   */
  send(request: FastifyRequest, reply: FastifyReply, key: string, hit: CachedResponse): FastifyReply {
    reply.type(hit.type);
    for (const [name, value] of Object.entries(hit.headers ?? {})) reply.header(name, value);
    const compress = hit.body.length >= COMPRESS_THRESHOLD && acceptsGzip(request);
    const entry = compress ? this.entries.get(key) : undefined;
    if (hit.timeStampAt !== undefined) {
      // The time of this answer. Gzipped: the cached parts around it and 24 fresh bytes
      // (plugins/gzip-splice.ts); else a copy with it written in (the cached bytes stay shared).
      const now = Buffer.from(new Date().toISOString(), 'latin1');
      if (entry) {
        if (!entry.spliced) {
          entry.spliced = spliceGzip(hit.body, hit.timeStampAt, ISO_LENGTH);
          const added = entry.spliced.head.length + entry.spliced.tail.length;
          entry.size += added;
          this.used += added;
          this.evict();
        }
        reply.header('content-encoding', 'gzip').header('vary', 'accept-encoding');
        return reply.send(gzipWithSlot(entry.spliced, now));
      }
      const body = Buffer.from(hit.body);
      now.copy(body, hit.timeStampAt);
      return reply.send(body);
    }
    // Not stored (too big): @fastify/compress compresses it as a stream, off the event loop.
    if (!entry) return reply.send(hit.body);
    let gzip = entry.gzip;
    if (!gzip) {
      gzip = gzipSync(hit.body);
      entry.gzip = gzip;
      entry.size += gzip.length;
      this.used += gzip.length;
      this.evict();
    }
    reply.header('content-encoding', 'gzip').header('vary', 'accept-encoding');
    return reply.send(gzip);
  }

  /** Stores an answer computed at `revision`, evicting the least recently used ones over budget. */
  set(key: string, revision: number, value: CachedResponse): void {
    // An answer computed at another revision than the cache's (a write raced it) is not kept.
    if (revision !== this.revision) return;
    const size = entrySize(key, value.body);
    if (size > this.maxBytes / 4) return;
    const old = this.entries.get(key);
    if (old) {
      this.used -= old.size;
      this.entries.delete(key);
    } else if (this.used + size > this.maxBytes && !this.admit(key)) return;
    this.entries.set(key, { ...value, size });
    this.used += size;
    this.evict();
  }

  /**
   * Whether a key may displace stored answers: yes when it is one of the last SEEN_KEYS keys
   * refused (then it is forgotten there), else it becomes one of them (in a ring: the oldest
   * is forgotten; a key over SEEN_KEY_CHARS is never remembered).
   */
  private admit(key: string): boolean {
    const slot = this.seen.get(key);
    if (slot !== undefined) {
      this.seen.delete(key);
      this.ring[slot] = undefined;
      return true;
    }
    if (key.length > SEEN_KEY_CHARS) return false;
    const old = this.ring[this.next];
    if (old !== undefined) this.seen.delete(old);
    this.ring[this.next] = key;
    this.seen.set(key, this.next);
    this.next = (this.next + 1) % SEEN_KEYS;
    return false;
  }

  /** Drops the least recently used entries until the cache fits its budget. */
  private evict(): void {
    for (const [oldest, entry] of this.entries) {
      if (this.used <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.used -= entry.size;
    }
  }

  clear(): void {
    this.entries.clear();
    this.used = 0;
  }

  /** Drops everything when the data's revision changed (an edit, or a database replaced). */
  private sync(revision: number): void {
    if (revision === this.revision) return;
    this.clear();
    this.revision = revision;
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Whole answers of `revisionCache` routes, per data revision (see ResponseCache). */
    responseCache: ResponseCache;
  }
  interface FastifyContextConfig {
    /**
     * The route's 200 answer depends only on the stored data and the request (URL, Accept):
     * it gets a revision ETag with 304 on If-None-Match before the handler runs, and is served
     * from and stored in the response cache (registerRevisionCache).
     */
    revisionCache?: boolean;
    /**
     * With revisionCache: the body has a `timeStamp` (OGC API – Features) that must be the time of
     * each answer, also one from the cache (written into a copy of the cached bytes).
     */
    freshTimeStamp?: boolean;
  }
}

/** Where a cacheable request's answer goes once made (set by the preHandler, read by onSend). */
const PENDING = Symbol('revisionCachePending');
type Pending = { key: string; revision: number };
type WithPending = FastifyRequest & { [PENDING]?: Pending };

/** The weak ETag of an answer that depends only on the data revision, the URL and Accept. */
function revisionEtag(request: FastifyRequest, revision: number): string {
  return `W/"r${revision}-${shortHash(`${request.headers.accept ?? ''} ${request.url}`)}"`;
}

function asArray<T>(hook: T | T[] | undefined): T[] {
  return hook === undefined ? [] : Array.isArray(hook) ? hook : [hook];
}

/**
 * Revision-keyed caching and conditional GET as one route option, `config: { revisionCache: true }`:
 * before the handler, the data revision gives the ETag (304 when If-None-Match names it), and a
 * cached answer of this revision is sent as it is; otherwise the handler runs and its 200 answer
 * (the serialised bytes) is stored for the next request. Any edit moves the revision and so drops
 * every entry. Register before the routes and before @fastify/compress (this onSend must see the
 * body before it is compressed). `maxBytes` 0 stores nothing (ETags and 304 still work).
 */
export function registerRevisionCache(app: FastifyInstance, maxBytes = DEFAULT_RESPONSE_CACHE_BYTES): void {
  const cache = new ResponseCache(maxBytes);
  app.decorate('responseCache', cache);

  // Answering from a hook: send, then return the reply (Fastify then skips the handler).
  const preHandler = async (
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<FastifyReply | undefined> => {
    const revision = await request.server.store.revision();
    const etag = revisionEtag(request, revision);
    reply.header('etag', etag);
    if (ifNoneMatchMatches(request, etag)) return reply.code(304).send();
    const key = ResponseCache.keyOf(request);
    const hit = cache.get(key, revision);
    if (hit) return cache.send(request, reply, key, hit);
    (request as WithPending)[PENDING] = { key, revision };
    return undefined;
  };

  const onSend = (
    request: FastifyRequest,
    reply: FastifyReply,
    payload: unknown,
    done: (err: Error | null, payload?: unknown) => void,
  ): void => {
    const pending = (request as WithPending)[PENDING];
    if (pending && reply.statusCode === 200 && (typeof payload === 'string' || Buffer.isBuffer(payload))) {
      const type = String(reply.getHeader('content-type') ?? 'application/json; charset=utf-8');
      // Kept as the bytes sent (a string is encoded once, here, and sent as these bytes): a
      // cached body is never written to (a hit with a fresh timeStamp writes into a copy).
      const body = Buffer.isBuffer(payload) ? payload : Buffer.from(payload);
      const headers: Record<string, string> = {};
      for (const name of CACHED_HEADERS) {
        const value = reply.getHeader(name);
        if (value !== undefined) headers[name] = String(value);
      }
      const timeStampAt = request.routeOptions.config.freshTimeStamp ? timeStampOffset(body) : undefined;
      cache.set(pending.key, pending.revision, { body, type, headers, timeStampAt });
      done(null, body);
      return;
    }
    done(null, payload);
  };

  app.addHook('onRoute', (route) => {
    if (route.config?.revisionCache !== true) return;
    route.preHandler = [...asArray(route.preHandler), preHandler];
    route.onSend = [...asArray(route.onSend), onSend];
  });
}

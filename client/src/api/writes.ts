import type { ApiFeature, Problem } from '../../../server/src/contract/api';
import { ApiError } from './ApiError';
import type { FetchLike } from './client';

/** A signed-in user as the server reports it. */
export type Role = 'viewer' | 'editor' | 'admin';
export interface SessionUser {
  username: string;
  role: Role;
}

/**
 * One field problem of a 400/422 answer (`field` is a path such as `properties.area_ha`):
 * `message` is the server's English text, `code` a constant and `params` the values the message
 * names (e.g. `{ limit: 2000 }`), for a translation in the UI language.
 */
export interface FieldProblem {
  field: string;
  message: string;
  code: string;
  params?: Record<string, string | number>;
}

function problemParams(raw: unknown): Record<string, string | number> | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const entries = Object.entries(raw).filter(
    (e): e is [string, string | number] => typeof e[1] === 'string' || typeof e[1] === 'number',
  );
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

/**
 * An ApiError with what the editing UI needs from a write answer: per-field problems (400/422),
 * the server's current version on 412, and the wait on 429 (from `Retry-After`, in seconds).
 */
export class WriteError extends ApiError {
  readonly fieldErrors: FieldProblem[];
  readonly currentVersion: number | undefined;
  readonly current: ApiFeature | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(
    base: ApiError,
    extra: {
      fieldErrors?: FieldProblem[];
      currentVersion?: number;
      current?: ApiFeature;
      retryAfterSeconds?: number;
    },
  ) {
    super(base.status, base.code, base.detail);
    this.name = 'WriteError';
    this.fieldErrors = extra.fieldErrors ?? [];
    this.currentVersion = extra.currentVersion;
    this.current = extra.current;
    this.retryAfterSeconds = extra.retryAfterSeconds;
  }

  /** True for a stale If-Match (someone else saved first). */
  get isConflict(): boolean {
    return this.status === 412;
  }
}

/** A feature with the strong ETag of its version (send it back as If-Match). */
export interface Versioned {
  feature: ApiFeature;
  etag: string;
}

export type HistoryOperation = 'create' | 'replace' | 'patch' | 'delete' | 'revert' | 'restore';
export interface HistoryEntry {
  version: number;
  operation: HistoryOperation;
  user: string;
  /** ISO 8601 timestamp. */
  at: string;
  before: ApiFeature | null;
  after: ApiFeature | null;
}
export interface DeletedFeature {
  id: number;
  name: string;
  deletedAt: string;
  deletedBy: string;
}
export interface ChangeEntry {
  collection: string;
  featureId: number;
  version: number;
  operation: HistoryOperation;
  user: string;
  at: string;
  name: string;
}

/** A feature as sent on create or replace: no id (the URL names it). */
export type FeatureInput = Pick<ApiFeature, 'type' | 'geometry' | 'properties'>;
/** RFC 7396 merge patch on the Feature, e.g. `{ properties: { area_ha: 12 } }`. */
export type FeaturePatch = { properties?: Record<string, unknown>; geometry?: ApiFeature['geometry'] };

const JSON_TYPE = 'application/json';

/** Reads a problem body into a WriteError (typed extras only when they have the right shape). */
export function toWriteError(status: number, body: unknown, retryAfter: string | null): WriteError {
  const base = ApiError.fromProblem(status, body);
  const p = (typeof body === 'object' && body !== null ? body : {}) as Partial<Problem> & {
    currentVersion?: unknown;
    current?: unknown;
  };
  const fieldErrors: FieldProblem[] = Array.isArray(p.errors)
    ? p.errors
        .filter(
          (e): e is FieldProblem =>
            typeof e === 'object' &&
            e !== null &&
            typeof e.field === 'string' &&
            typeof e.message === 'string',
        )
        .map((e) => {
          const params = problemParams(e.params);
          const code = typeof e.code === 'string' ? e.code : 'Invalid';
          return { field: e.field, message: e.message, code, ...(params ? { params } : {}) };
        })
    : [];
  const current =
    typeof p.current === 'object' &&
    p.current !== null &&
    (p.current as { type?: unknown }).type === 'Feature'
      ? (p.current as ApiFeature)
      : undefined;
  const seconds = retryAfter === null ? Number.NaN : Number(retryAfter);
  return new WriteError(base, {
    fieldErrors,
    currentVersion: typeof p.currentVersion === 'number' ? p.currentVersion : undefined,
    current,
    retryAfterSeconds: Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined,
  });
}

/**
 * The write side of our API (issue 5): sessions, feature writes with If-Match, history and undo.
 * Every method resolves to data or rejects with a WriteError (an ApiError; status 0 = network).
 * Writes always send JSON with credentials same-origin; PUT/PATCH/DELETE/revert send If-Match.
 */
export class EditApi {
  constructor(
    private readonly baseUrl: string,
    private readonly fetchFn: FetchLike,
  ) {}

  async login(username: string, password: string): Promise<SessionUser> {
    const r = await this.call('POST', '/auth/login', { body: { username, password } });
    return (r.body as { user: SessionUser }).user;
  }

  async logout(): Promise<void> {
    await this.call('POST', '/auth/logout', { body: {} });
  }

  /** The signed-in user, or null for an anonymous visitor. */
  async me(signal?: AbortSignal): Promise<SessionUser | null> {
    const r = await this.call('GET', '/auth/me', { signal });
    return (r.body as { user: SessionUser | null }).user ?? null;
  }

  /** Methods this user may use now on a collection's items (from `OPTIONS`' `Allow`). */
  async allowedMethods(collection: string, signal?: AbortSignal): Promise<string[]> {
    const r = await this.call('OPTIONS', `${items(collection)}`, { signal });
    return (r.headers.get('allow') ?? '')
      .split(',')
      .map((m) => m.trim().toUpperCase())
      .filter((m) => m !== '');
  }

  /** The collection's JSON Schema of `properties` (geodata/schema/<id>.schema.json). */
  async schema(collection: string, signal?: AbortSignal): Promise<unknown> {
    return (await this.call('GET', `/collections/${enc(collection)}/schema`, { signal })).body;
  }

  async getFeatureWithEtag(collection: string, id: number, signal?: AbortSignal): Promise<Versioned> {
    // no-store: a cached 304 would hide a newer version's ETag.
    return this.versioned(await this.call('GET', item(collection, id), { signal, noStore: true }));
  }

  async create(collection: string, feature: FeatureInput): Promise<Versioned> {
    return this.versioned(await this.call('POST', items(collection), { body: feature }));
  }

  async replace(collection: string, id: number, feature: FeatureInput, etag: string): Promise<Versioned> {
    return this.versioned(await this.call('PUT', item(collection, id), { body: feature, etag }));
  }

  async patch(collection: string, id: number, patch: FeaturePatch, etag: string): Promise<Versioned> {
    return this.versioned(
      await this.call('PATCH', item(collection, id), {
        body: patch,
        etag,
        contentType: 'application/merge-patch+json',
      }),
    );
  }

  async remove(collection: string, id: number, etag: string): Promise<void> {
    await this.call('DELETE', item(collection, id), { etag });
  }

  /** Every version of a feature, newest first. */
  async history(collection: string, id: number, signal?: AbortSignal): Promise<HistoryEntry[]> {
    const r = await this.call('GET', `${item(collection, id)}/history`, { signal, noStore: true });
    return (r.body as { history: HistoryEntry[] }).history;
  }

  /** Makes a new version equal to `version` (itself undoable). `etag` is the current version's. */
  async revert(collection: string, id: number, version: number, etag: string): Promise<Versioned> {
    return this.versioned(
      await this.call('POST', `${item(collection, id)}/revert`, { body: { version }, etag }),
    );
  }

  /** Admin: deleted features of a collection. */
  async listDeleted(collection: string, signal?: AbortSignal): Promise<DeletedFeature[]> {
    const r = await this.call('GET', `/collections/${enc(collection)}/deleted`, { signal, noStore: true });
    return (r.body as { features: DeletedFeature[] }).features;
  }

  /** Admin: brings a deleted feature back as a new version. */
  async restore(collection: string, id: number): Promise<Versioned> {
    return this.versioned(
      await this.call('POST', `/collections/${enc(collection)}/deleted/${id}/restore`, { body: {} }),
    );
  }

  /** Admin: recent changes across collections, newest first. */
  async changes(limit = 50, offset = 0, signal?: AbortSignal): Promise<ChangeEntry[]> {
    const r = await this.call('GET', `/changes?limit=${limit}&offset=${offset}`, { signal, noStore: true });
    return (r.body as { changes: ChangeEntry[] }).changes;
  }

  private versioned(r: { body: unknown; headers: Headers }): Versioned {
    const feature = r.body as ApiFeature;
    const etag = r.headers.get('etag');
    if (!etag || etag.startsWith('W/')) {
      throw new WriteError(new ApiError(0, 'MissingEtag', 'The server sent no strong ETag'), {});
    }
    return { feature, etag };
  }

  private async call(
    method: string,
    path: string,
    opts: { body?: unknown; etag?: string; signal?: AbortSignal; contentType?: string; noStore?: boolean },
  ): Promise<{ body: unknown; headers: Headers }> {
    const headers: Record<string, string> = { accept: `${JSON_TYPE}, application/geo+json` };
    if (opts.body !== undefined) headers['content-type'] = opts.contentType ?? JSON_TYPE;
    if (opts.etag !== undefined) headers['if-match'] = opts.etag;
    let res: Response;
    try {
      res = await this.fetchFn(`${this.baseUrl}${path}`, {
        method,
        headers,
        body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
        credentials: 'same-origin',
        cache: opts.noStore ? 'no-store' : undefined,
        signal: opts.signal,
      });
    } catch (err) {
      if (opts.signal?.aborted) throw err;
      throw new WriteError(ApiError.network(err), {});
    }
    const text = res.status === 204 ? '' : await res.text().catch(() => '');
    let body: unknown = null;
    if (text !== '') {
      try {
        body = JSON.parse(text);
      } catch {
        body = null;
      }
    }
    if (!res.ok) throw toWriteError(res.status, body, res.headers.get('retry-after'));
    return { body, headers: res.headers };
  }
}

function enc(s: string): string {
  return encodeURIComponent(s);
}
function items(collection: string): string {
  return `/collections/${enc(collection)}/items`;
}
function item(collection: string, id: number): string {
  return `${items(collection)}/${encodeURIComponent(String(id))}`;
}

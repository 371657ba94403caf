import type {
  ApiFeature,
  AppConfigResponse,
  ChangeEntry,
  ChangesResponse,
  CollectionsResponse,
  DeletedFeature,
  DeletedResponse,
  FeatureInput,
  FeaturePatch,
  HistoryEntry,
  HistoryResponse,
  IndicatorsResponse,
  IndicatorValuesResponse,
  ItemsResponse,
  LoginResponse,
  MeResponse,
  SessionUser,
} from '../../../server/src/contract/api';
import { ApiError } from './ApiError';
import { type FetchLike, type RequestOptions, request } from './http';
import type { PropertySchema } from './schema';

export type { ChangeEntry, DeletedFeature, FeatureInput, FeaturePatch, FetchLike, HistoryEntry, SessionUser };

/** A feature with the strong ETag of its version (send it back as If-Match). */
export interface Versioned {
  feature: ApiFeature;
  etag: string;
}

/** Page size used when loading a whole collection. */
const PAGE = 1000;

const enc = encodeURIComponent;
const items = (collection: string) => `/collections/${enc(collection)}/items`;
const item = (collection: string, id: number) => `${items(collection)}/${enc(String(id))}`;

/**
 * The browser's one client for our API under `baseUrl` (e.g. '/api'): reads, the staff session,
 * feature writes with If-Match, history and undo. Every method resolves to data typed by the
 * contract (server/src/contract) or rejects with an ApiError. Coordinates are CRS84 lon/lat.
 */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    private readonly fetchFn: FetchLike,
  ) {}

  collections(signal?: AbortSignal): Promise<CollectionsResponse> {
    return this.get('/collections', signal);
  }

  /** Every feature of a collection, following `next` links page by page. */
  async allItems(collection: string, signal?: AbortSignal): Promise<ApiFeature[]> {
    const out: ApiFeature[] = [];
    let path: string | undefined = `${items(collection)}?limit=${PAGE}`;
    while (path) {
      const page: ItemsResponse = await this.get(path, signal);
      out.push(...page.features);
      const next = page.links?.find((l) => l.rel === 'next');
      path = next && page.features.length > 0 ? this.relative(next.href) : undefined;
    }
    return out;
  }

  /** The collection's JSON Schema of `properties` (geodata/schema/<id>.schema.json). */
  schema(collection: string, signal?: AbortSignal): Promise<PropertySchema> {
    return this.get(`/collections/${enc(collection)}/schema`, signal);
  }

  indicators(signal?: AbortSignal): Promise<IndicatorsResponse> {
    return this.get('/indicators', signal);
  }

  indicatorValues(
    id: string,
    year: number | undefined,
    signal?: AbortSignal,
  ): Promise<IndicatorValuesResponse> {
    const q = year === undefined ? '' : `?year=${year}`;
    return this.get(`/indicators/${enc(id)}${q}`, signal);
  }

  appConfig(signal?: AbortSignal): Promise<AppConfigResponse> {
    return this.get('/app-config', signal);
  }

  async login(username: string, password: string): Promise<SessionUser> {
    return ((await this.call('POST', '/auth/login', { body: { username, password } })).body as LoginResponse)
      .user;
  }

  async logout(): Promise<void> {
    await this.call('POST', '/auth/logout', { body: {} });
  }

  /** The signed-in user, or null for an anonymous visitor. */
  async me(signal?: AbortSignal): Promise<SessionUser | null> {
    return ((await this.call('GET', '/auth/me', { signal })).body as MeResponse).user ?? null;
  }

  /** Methods this user may use now on a collection's items (from `OPTIONS`' `Allow`). */
  async allowedMethods(collection: string, signal?: AbortSignal): Promise<string[]> {
    const r = await this.call('OPTIONS', items(collection), { signal });
    return (r.headers.get('allow') ?? '')
      .split(',')
      .map((m) => m.trim().toUpperCase())
      .filter((m) => m !== '');
  }

  async getFeatureWithEtag(collection: string, id: number, signal?: AbortSignal): Promise<Versioned> {
    return this.versioned(await this.call('GET', item(collection, id), { signal, noStore: true }));
  }

  async create(collection: string, feature: FeatureInput): Promise<Versioned> {
    return this.versioned(await this.call('POST', items(collection), { body: feature }));
  }

  async replace(collection: string, id: number, feature: FeatureInput, etag: string): Promise<Versioned> {
    return this.versioned(await this.call('PUT', item(collection, id), { body: feature, etag }));
  }

  async patch(collection: string, id: number, patch: FeaturePatch, etag: string): Promise<Versioned> {
    const contentType = 'application/merge-patch+json';
    return this.versioned(await this.call('PATCH', item(collection, id), { body: patch, etag, contentType }));
  }

  async remove(collection: string, id: number, etag: string): Promise<void> {
    await this.call('DELETE', item(collection, id), { etag });
  }

  /** Every version of a feature, newest first. */
  async history(collection: string, id: number, signal?: AbortSignal): Promise<HistoryEntry[]> {
    const r = await this.call('GET', `${item(collection, id)}/history`, { signal, noStore: true });
    return (r.body as HistoryResponse).history;
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
    return (r.body as DeletedResponse).features;
  }

  /** Admin: brings a deleted feature back as a new version. */
  async restore(collection: string, id: number): Promise<Versioned> {
    const path = `/collections/${enc(collection)}/deleted/${enc(String(id))}/restore`;
    return this.versioned(await this.call('POST', path, { body: {} }));
  }

  /** Admin: recent changes across collections, newest first. */
  async changes(limit = 50, offset = 0, signal?: AbortSignal): Promise<ChangeEntry[]> {
    const r = await this.call('GET', `/changes?limit=${limit}&offset=${offset}`, { signal, noStore: true });
    return (r.body as ChangesResponse).changes;
  }

  /**
   * Any other exchange under the base (used by lazily loaded features, e.g. imports, so their
   * endpoints stay in their own chunk): the parsed body and the headers, or an ApiError.
   */
  send<T>(method: string, path: string, opts: RequestOptions = {}): Promise<{ body: T; headers: Headers }> {
    return this.call(method, path, opts) as Promise<{ body: T; headers: Headers }>;
  }

  /** A link from the server may be absolute; keep only the part under our base. */
  private relative(href: string): string {
    const url = new URL(href, 'http://base.invalid');
    const path = `${url.pathname}${url.search}`;
    return path.startsWith(this.baseUrl) ? path.slice(this.baseUrl.length) : path;
  }

  private versioned(r: { body: unknown; headers: Headers }): Versioned {
    const etag = r.headers.get('etag');
    if (!etag || etag.startsWith('W/'))
      throw new ApiError(0, 'MissingEtag', 'The server sent no strong ETag');
    return { feature: r.body as ApiFeature, etag };
  }

  private async get<T>(path: string, signal?: AbortSignal): Promise<T> {
    return (await this.call('GET', path, { signal })).body as T;
  }

  private call(method: string, path: string, opts: RequestOptions) {
    return request(this.fetchFn, `${this.baseUrl}${path}`, method, opts);
  }
}

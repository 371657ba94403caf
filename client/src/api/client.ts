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
  InquiryBody,
  InquiryDetail,
  InquiryList,
  InquiryPatch,
  InquiryReceipt,
  ItemsResponse,
  LoginResponse,
  MeResponse,
  NearbyResponse,
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

/** A page query of a collection's items (all server parameters). */
export interface ItemsQuery {
  limit: number;
  offset?: number;
  bbox?: readonly [number, number, number, number];
  q?: string;
  /** Equality filters on the collection's queryables (property → value). */
  filters?: Readonly<Record<string, string>>;
  /** The server's order (`sortby`, e.g. `-name`): sortables of the collection, `-` for descending. */
  sortby?: string;
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
  async allItems(collection: string, signal?: AbortSignal, after?: ItemsResponse): Promise<ApiFeature[]> {
    const out: ApiFeature[] = [];
    let path: string | undefined = `${items(collection)}?limit=${PAGE}`;
    if (after) {
      out.push(...after.features);
      path = this.nextPath(after);
    }
    while (path) {
      const page: ItemsResponse = await this.get(path, signal);
      out.push(...page.features);
      path = this.nextPath(page);
    }
    return out;
  }

  /** The path of a page's `next` link (undefined on the last page). */
  nextPath(page: ItemsResponse): string | undefined {
    const next = page.links?.find((l) => l.rel === 'next');
    return next && page.features.length > 0 ? this.relative(next.href) : undefined;
  }

  /**
   * One page of a collection's items: `limit` features from `offset`, narrowed by `bbox`
   * (w,s,e,n), free text `q` and equality `filters` on queryables (server parameters).
   */
  itemsPage(collection: string, query: ItemsQuery, signal?: AbortSignal): Promise<ItemsResponse> {
    const params = new URLSearchParams({ limit: String(query.limit) });
    if (query.offset) params.set('offset', String(query.offset));
    if (query.bbox) params.set('bbox', query.bbox.map((v) => v.toFixed(6)).join(','));
    if (query.q) params.set('q', query.q);
    for (const [k, v] of Object.entries(query.filters ?? {})) if (v !== '') params.set(k, v);
    if (query.sortby) params.set('sortby', query.sortby);
    return this.get(`${items(collection)}?${params}`, signal);
  }

  /** The properties the items route filters on (`/queryables`: their names). */
  queryables(collection: string, signal?: AbortSignal): Promise<string[]> {
    return this.propertyNames(collection, 'queryables', signal);
  }

  /** The properties the items route sorts by (`/sortables`: their names). */
  sortables(collection: string, signal?: AbortSignal): Promise<string[]> {
    return this.propertyNames(collection, 'sortables', signal);
  }

  private async propertyNames(
    collection: string,
    resource: 'queryables' | 'sortables',
    signal?: AbortSignal,
  ): Promise<string[]> {
    const body: { properties?: Record<string, unknown> } = await this.get(
      `/collections/${enc(collection)}/${resource}`,
      signal,
    );
    return Object.keys(body.properties ?? {});
  }

  /**
   * The collection's vector tile URL template (OGC API – Tiles, WebMercatorQuad, `{z}/{y}/{x}`),
   * absolute against `origin` (MapLibre fetches it from its worker).
   */
  tilesUrl(collection: string, origin: string): string {
    return `${new URL(this.baseUrl, origin).href.replace(/\/$/, '')}/collections/${enc(collection)}/tiles/WebMercatorQuad/{z}/{y}/{x}`;
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

  /** One feature as read (with its computed `site` where the collection has one). */
  feature(collection: string, id: number, signal?: AbortSignal): Promise<ApiFeature> {
    return this.get<ApiFeature>(item(collection, id), signal);
  }

  /** GET /api/nearby: from a point (`lon`, `lat`) or a landmark id, within `radiusKm`. */
  nearby(
    from: { lon: number; lat: number } | { landmark: number },
    radiusKm: number,
    signal?: AbortSignal,
  ): Promise<NearbyResponse> {
    const q = new URLSearchParams({ radius_km: String(radiusKm), limit: '200' });
    if ('landmark' in from) q.set('landmark', String(from.landmark));
    else {
      q.set('lon', String(from.lon));
      q.set('lat', String(from.lat));
    }
    return this.get<NearbyResponse>(`/nearby?${q}`, signal);
  }

  /** POST /api/inquiries (anyone): the receipt with the reference to quote. */
  async sendInquiry(body: InquiryBody): Promise<InquiryReceipt> {
    return (await this.call('POST', '/inquiries', { body })).body as InquiryReceipt;
  }

  /** The staff inbox (editor+), newest first. */
  inquiries(
    status: string | undefined,
    limit: number,
    offset: number,
    signal?: AbortSignal,
  ): Promise<InquiryList> {
    const q = new URLSearchParams({ limit: String(limit), offset: String(offset) });
    if (status) q.set('status', status);
    return this.get<InquiryList>(`/inquiries?${q}`, signal);
  }

  inquiry(reference: string, signal?: AbortSignal): Promise<InquiryDetail> {
    return this.get<InquiryDetail>(`/inquiries/${enc(reference)}`, signal);
  }

  async updateInquiry(reference: string, patch: InquiryPatch): Promise<InquiryDetail> {
    return (await this.call('PATCH', `/inquiries/${enc(reference)}`, { body: patch })).body as InquiryDetail;
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

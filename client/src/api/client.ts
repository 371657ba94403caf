import type {
  ApiFeature,
  CollectionsResponse,
  IndicatorsResponse,
  IndicatorValuesResponse,
  ItemsResponse,
} from '../../../server/src/contract/api';
import { ApiError } from './ApiError';
import type { PropertySchema } from './schema';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** Page size used when loading a whole collection. */
const PAGE = 1000;

/**
 * Typed client for our API under `baseUrl` (e.g. '/api'). Every method resolves to data or rejects
 * with an ApiError (problem+json or network failure). Coordinates are CRS84 lon/lat.
 */
export class ApiClient {
  constructor(
    private readonly baseUrl: string,
    private readonly fetchFn: FetchLike,
  ) {}

  collections(signal?: AbortSignal): Promise<CollectionsResponse> {
    return this.get('/collections', signal);
  }

  /** Every feature of a collection, following `next` links page by page. */
  async allItems(collection: string, signal?: AbortSignal): Promise<ApiFeature[]> {
    const out: ApiFeature[] = [];
    let path: string | undefined = `/collections/${encodeURIComponent(collection)}/items?limit=${PAGE}`;
    while (path) {
      const page: ItemsResponse = await this.get(path, signal);
      out.push(...page.features);
      const next = page.links?.find((l) => l.rel === 'next');
      path = next && page.features.length > 0 ? this.relative(next.href) : undefined;
    }
    return out;
  }

  schema(collection: string, signal?: AbortSignal): Promise<PropertySchema> {
    return this.get(`/collections/${encodeURIComponent(collection)}/schema`, signal);
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
    return this.get(`/indicators/${encodeURIComponent(id)}${q}`, signal);
  }

  appConfig(signal?: AbortSignal): Promise<{ customBasemapStyleUrl: string | null }> {
    return this.get('/app-config', signal);
  }

  /** A link from the server may be absolute; keep only the part under our base. */
  private relative(href: string): string {
    const url = new URL(href, 'http://base.invalid');
    const path = `${url.pathname}${url.search}`;
    return path.startsWith(this.baseUrl) ? path.slice(this.baseUrl.length) : path;
  }

  private async get<T>(path: string, signal?: AbortSignal): Promise<T> {
    let res: Response;
    try {
      res = await this.fetchFn(`${this.baseUrl}${path}`, { headers: { accept: 'application/json' }, signal });
    } catch (err) {
      if (signal?.aborted) throw err;
      throw ApiError.network(err);
    }
    const body: unknown = await res.json().catch(() => null);
    if (!res.ok) throw ApiError.fromProblem(res.status, body);
    return body as T;
  }
}

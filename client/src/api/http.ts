import { ApiError } from './ApiError';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface RequestOptions {
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as it is (a file upload), with `contentType`; instead of `body`. */
  raw?: Blob;
  /** Sent as If-Match. */
  etag?: string;
  signal?: AbortSignal;
  /** Default application/json. */
  contentType?: string;
  /** Bypass the browser's HTTP cache (a cached 304 would hide a newer version's ETag). */
  noStore?: boolean;
}

const JSON_TYPE = 'application/json';

/**
 * The one HTTP exchange of the browser with our API: JSON in and out, the session cookie sent
 * same-origin, If-Match when given. Resolves to the parsed body (null when empty) and the
 * headers; rejects with an ApiError (the problem answer, or status 0 when there was no answer).
 * An aborted request rejects with the abort error as it is.
 */
export async function request(
  fetchFn: FetchLike,
  url: string,
  method: string,
  opts: RequestOptions = {},
): Promise<{ body: unknown; headers: Headers }> {
  const headers: Record<string, string> = { accept: `${JSON_TYPE}, application/geo+json` };
  if (opts.body !== undefined || opts.raw !== undefined)
    headers['content-type'] = opts.contentType ?? JSON_TYPE;
  if (opts.etag !== undefined) headers['if-match'] = opts.etag;
  let res: Response;
  try {
    res = await fetchFn(url, {
      method,
      headers,
      body: opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)),
      credentials: 'same-origin',
      cache: opts.noStore ? 'no-store' : undefined,
      signal: opts.signal,
    });
  } catch (err) {
    if (opts.signal?.aborted) throw err;
    throw ApiError.network(err);
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
  if (!res.ok) throw ApiError.fromProblem(res.status, body, res.headers.get('retry-after'));
  return { body, headers: res.headers };
}

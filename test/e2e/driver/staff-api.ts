import type { ApiFeature } from '../../../server/src/contract/api';

/**
 * A staff member talking to the test server's API over HTTP (for test data a test needs before the
 * browser acts, e.g. a feature with a hostile name). Sends the same-origin `Origin` header writes
 * require. Every call throws on an unexpected status.
 */
export class StaffApi {
  private constructor(
    private readonly baseUrl: string,
    private readonly cookie: string,
  ) {}

  static async login(baseUrl: string, username: string, password: string): Promise<StaffApi> {
    const res = await fetch(`${baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: new URL(baseUrl).origin },
      body: JSON.stringify({ username, password }),
    });
    const cookie = res.headers.get('set-cookie')?.split(';')[0];
    if (res.status !== 200 || !cookie) throw new Error(`login ${username} → ${res.status}`);
    return new StaffApi(baseUrl, cookie);
  }

  /** POST a new feature; resolves to the stored feature and its ETag. */
  async create(
    collection: string,
    feature: Pick<ApiFeature, 'type' | 'geometry' | 'properties'>,
  ): Promise<{ feature: ApiFeature; etag: string }> {
    const res = await this.write('POST', `/collections/${collection}/items`, feature);
    if (res.status !== 201) throw new Error(`create → ${res.status} ${await res.text()}`);
    return { feature: (await res.json()) as ApiFeature, etag: res.headers.get('etag') ?? '' };
  }

  /** PATCH (merge patch) with If-Match; resolves to the new ETag. */
  async patch(collection: string, id: number, etag: string, patch: object): Promise<string> {
    const res = await this.write('PATCH', `/collections/${collection}/items/${id}`, patch, etag);
    if (res.status !== 200) throw new Error(`patch → ${res.status} ${await res.text()}`);
    return res.headers.get('etag') ?? '';
  }

  private write(method: string, path: string, body: unknown, etag?: string): Promise<Response> {
    return fetch(`${this.baseUrl}/api${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        origin: new URL(this.baseUrl).origin,
        cookie: this.cookie,
        ...(etag ? { 'if-match': etag } : {}),
      },
      body: JSON.stringify(body),
    });
  }
}

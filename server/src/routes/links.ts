import type { FastifyRequest } from 'fastify';
import type { Link } from '../contract/api';
import { EXPORT_FORMATS } from '../export/formats';
import { DOCS_PATH, OPENAPI_PATH, OPENAPI_TYPE } from '../plugins/openapi';
import { TILESETS_VECTOR_REL, TILING_SCHEMES_REL } from '../tiles/tileset-metadata';

export const JSON_TYPE = 'application/json';
export const GEOJSON_TYPE = 'application/geo+json';
export const SCHEMA_TYPE = 'application/schema+json';
export const QUERYABLES_REL = 'http://www.opengis.net/def/rel/ogc/1.0/queryables';
export const SORTABLES_REL = 'http://www.opengis.net/def/rel/ogc/1.0/sortables';

/** Absolute origin of the request (honours TRUST_PROXY for proto/host). */
export function baseUrl(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

export function landingLinks(base: string): Link[] {
  return [
    { href: `${base}/api`, rel: 'self', type: JSON_TYPE, title: 'This document' },
    { href: `${base}${OPENAPI_PATH}`, rel: 'service-desc', type: OPENAPI_TYPE, title: 'OpenAPI definition' },
    { href: `${base}${DOCS_PATH}`, rel: 'service-doc', type: 'text/html', title: 'API documentation' },
    { href: `${base}/api/conformance`, rel: 'conformance', type: JSON_TYPE, title: 'Conformance classes' },
    { href: `${base}/api/collections`, rel: 'data', type: JSON_TYPE, title: 'Collections' },
    {
      href: `${base}/api/tileMatrixSets`,
      rel: TILING_SCHEMES_REL,
      type: JSON_TYPE,
      title: 'Tile matrix sets',
    },
  ];
}

/** The links of a collection: the same in /collections and /collections/{id} (OGC Part 1, 7.14). */
export function collectionLinks(base: string, id: string): Link[] {
  const root = `${base}/api/collections/${id}`;
  return [
    { href: root, rel: 'self', type: JSON_TYPE, title: 'Collection' },
    { href: `${root}/items`, rel: 'items', type: GEOJSON_TYPE, title: 'Features' },
    { href: `${root}/schema`, rel: 'describedby', type: SCHEMA_TYPE, title: 'Schema of the properties' },
    { href: `${root}/queryables`, rel: QUERYABLES_REL, type: SCHEMA_TYPE, title: 'Queryables' },
    { href: `${root}/sortables`, rel: SORTABLES_REL, type: SCHEMA_TYPE, title: 'Sortables' },
    { href: `${root}/tiles`, rel: TILESETS_VECTOR_REL, type: JSON_TYPE, title: 'Vector tiles' },
  ];
}

export interface PageInfo {
  offset: number;
  limit: number;
  numberReturned: number;
  /** Whether matches follow this page (known exactly even when numberMatched is left out). */
  hasMore: boolean;
}

/** self, alternate, collection, and next/prev keeping every other parameter of the request. */
export function itemsLinks(request: FastifyRequest, collectionId: string, page: PageInfo): Link[] {
  const base = baseUrl(request);
  const path = `${base}/api/collections/${collectionId}/items`;
  const params = new URLSearchParams(request.url.split('?')[1] ?? '');
  const withParams = (changes: Record<string, string | undefined>): string => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined) next.delete(k);
      else next.set(k, v);
    }
    const qs = next.toString();
    return qs ? `${path}?${qs}` : path;
  };
  const isJson = params.get('f') === 'json';
  const links: Link[] = [
    { href: withParams({}), rel: 'self', type: isJson ? JSON_TYPE : GEOJSON_TYPE, title: 'This page' },
    {
      href: withParams({ f: isJson ? undefined : 'json' }),
      rel: 'alternate',
      type: isJson ? GEOJSON_TYPE : JSON_TYPE,
      title: 'This page as plain JSON',
    },
    // Downloads of every matching feature (issue 14), in the formats the import reads back.
    ...Object.entries(EXPORT_FORMATS).map(([f, d]) => ({
      href: withParams({ f, offset: undefined, limit: undefined }),
      rel: 'alternate',
      type: d.type,
      title: `Every matching feature as ${d.title}`,
    })),
    {
      href: `${base}/api/collections/${collectionId}`,
      rel: 'collection',
      type: JSON_TYPE,
      title: 'Collection',
    },
  ];
  const limit = String(page.limit);
  if (page.hasMore) {
    const offset = String(page.offset + page.numberReturned);
    links.push({ href: withParams({ offset, limit }), rel: 'next', type: GEOJSON_TYPE, title: 'Next page' });
  }
  if (page.offset > 0) {
    const offset = String(Math.max(0, page.offset - page.limit));
    links.push({
      href: withParams({ offset, limit }),
      rel: 'prev',
      type: GEOJSON_TYPE,
      title: 'Previous page',
    });
  }
  return links;
}

/**
 * self, alternate (the other encoding: GeoJSON or plain JSON) and collection links of one
 * feature; a `crs` of the request is kept in self and alternate.
 */
export function featureLinks(
  request: FastifyRequest,
  collectionId: string,
  id: number,
  f: 'json' | 'geojson',
): Link[] {
  const root = `${baseUrl(request)}/api/collections/${collectionId}`;
  const crs = new URLSearchParams(request.url.split('?')[1] ?? '').get('crs');
  const href = (format: 'json' | undefined) => {
    const params = new URLSearchParams();
    if (format) params.set('f', format);
    if (crs) params.set('crs', crs);
    const qs = params.toString();
    return `${root}/items/${id}${qs ? `?${qs}` : ''}`;
  };
  const json = f === 'json';
  return [
    {
      href: href(json ? 'json' : undefined),
      rel: 'self',
      type: json ? JSON_TYPE : GEOJSON_TYPE,
      title: 'This feature',
    },
    {
      href: href(json ? undefined : 'json'),
      rel: 'alternate',
      type: json ? GEOJSON_TYPE : JSON_TYPE,
      title: json ? 'This feature as GeoJSON' : 'This feature as plain JSON',
    },
    { href: root, rel: 'collection', type: JSON_TYPE, title: 'Collection' },
  ];
}

/** RFC 8288 `Link` header of a page's next and prev links (some clients page by it), or undefined. */
export function linkHeader(links: readonly Link[]): string | undefined {
  const paging = links.filter((l) => l.rel === 'next' || l.rel === 'prev');
  if (paging.length === 0) return undefined;
  return paging.map((l) => `<${l.href}>; rel="${l.rel}"; type="${l.type}"`).join(', ');
}

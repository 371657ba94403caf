import type { FastifyRequest } from 'fastify';
import type { Link } from '../contract/api';
import { EXPORT_FORMATS } from '../export/formats';
import { DOCS_PATH, OPENAPI_PATH, OPENAPI_TYPE } from '../plugins/openapi';
import { TILESETS_VECTOR_REL, TILING_SCHEMES_REL } from '../tiles/tileset-metadata';

export const JSON_TYPE = 'application/json';
export const GEOJSON_TYPE = 'application/geo+json';
export const SCHEMA_TYPE = 'application/schema+json';
export const QUERYABLES_REL = 'http://www.opengis.net/def/rel/ogc/1.0/queryables';

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

export function collectionLinks(base: string, id: string, self: boolean): Link[] {
  const root = `${base}/api/collections/${id}`;
  return [
    { href: root, rel: self ? 'self' : 'collection', type: JSON_TYPE, title: 'Collection' },
    { href: `${root}/items`, rel: 'items', type: GEOJSON_TYPE, title: 'Features' },
    { href: `${root}/schema`, rel: 'describedby', type: SCHEMA_TYPE, title: 'Schema of the properties' },
    { href: `${root}/queryables`, rel: QUERYABLES_REL, type: SCHEMA_TYPE, title: 'Queryables' },
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

export function featureLinks(base: string, collectionId: string, id: number): Link[] {
  const root = `${base}/api/collections/${collectionId}`;
  return [
    { href: `${root}/items/${id}`, rel: 'self', type: GEOJSON_TYPE, title: 'This feature' },
    { href: root, rel: 'collection', type: JSON_TYPE, title: 'Collection' },
  ];
}

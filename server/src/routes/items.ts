import type { FastifyInstance } from 'fastify';
import type { ApiFeature, ItemsResponse } from '../contract/api';
import { toApiFeature } from '../editing/feature-writer';
import { notFound } from '../errors';
import { checkRevisionEtag } from '../plugins/etag';
import { ResponseCache } from '../plugins/response-cache';
import { featureEtag } from '../writes/etag';
import { COLLECTION_PARAMS, type CollectionParams, querySchema, requireCollection } from './common';
import { baseUrl, featureLinks, GEOJSON_TYPE, itemsLinks, JSON_TYPE } from './links';
import { clampLimit, MAX_LIMIT, parseBbox, parseFilters, parseQ } from './params';

const RESERVED = ['f', 'limit', 'offset', 'bbox', 'q'] as const;

interface ItemsQuery {
  f?: 'json' | 'geojson';
  limit?: number;
  offset?: number;
  bbox?: string;
  q?: string;
  [queryable: string]: unknown;
}

/** Query-string schema: paging, bbox, q and every queryable of any collection (checked per collection). */
function itemsQuerySchema(app: FastifyInstance): object {
  const queryables: Record<string, object> = {};
  for (const c of app.catalog.collections) {
    for (const name of c.queryables) {
      const users = app.catalog.collections.filter((x) => x.queryables.includes(name)).map((x) => x.id);
      queryables[name] = {
        type: 'string',
        description: `Equals filter on property ${name} (collections: ${users.join(', ')})`,
      };
    }
  }
  return querySchema({
    limit: {
      type: 'integer',
      minimum: 1,
      description: `Page size, default 100; values above ${MAX_LIMIT} are clamped`,
    },
    offset: { type: 'integer', minimum: 0, description: 'Features to skip (paging; follow the next link)' },
    bbox: { type: 'string', description: 'minLon,minLat,maxLon,maxLat in CRS84 (WGS84 lon/lat)' },
    q: {
      type: 'string',
      description: 'Free text; every word must match; ignores case and Vietnamese diacritics',
    },
    ...queryables,
  });
}

/** GET /api/collections/{collectionId}/items and /items/{featureId}. */
export function registerItemsRoutes(app: FastifyInstance): void {
  app.get<{ Params: CollectionParams; Querystring: ItemsQuery }>(
    '/api/collections/:collectionId/items',
    {
      schema: {
        summary: 'Features of a collection',
        tags: ['Data'],
        params: COLLECTION_PARAMS,
        querystring: itemsQuerySchema(app),
      },
    },
    async (request, reply) => {
      const collection = requireCollection(app.catalog, request.params.collectionId);
      const { query } = request;
      const limit = clampLimit(query.limit);
      const offset = query.offset ?? 0;
      const storeQuery = {
        bbox: parseBbox(query.bbox),
        q: parseQ(query.q),
        filters: parseFilters(collection, query, RESERVED),
        limit,
        offset,
      };
      const revision = await app.store.revision();
      if (checkRevisionEtag(request, reply, revision)) return reply.code(304).send();
      const cacheKey = ResponseCache.keyOf(request);
      const hit = app.responseCache.get(cacheKey, revision);
      // A cached page keeps the timeStamp of when it was generated (from data of this same revision).
      if (hit) return app.responseCache.send(request, reply, cacheKey, hit);
      const page = await app.store.queryFeaturesGeoJson(collection.id, storeQuery);
      const { numberReturned } = page;
      const head: Omit<ItemsResponse, 'features'> = {
        type: 'FeatureCollection',
        numberMatched: page.numberMatched,
        numberReturned,
        timeStamp: new Date().toISOString(),
        links: itemsLinks(request, collection.id, { offset, limit, numberReturned, hasMore: page.hasMore }),
      };
      // Features arrive as GeoJSON text from the store; splice them in rather than re-serialize.
      const body = Buffer.from(`${JSON.stringify(head).slice(0, -1)},"features":[${page.featuresJson}]}`);
      const type = `${query.f === 'json' ? JSON_TYPE : GEOJSON_TYPE}; charset=utf-8`;
      app.responseCache.set(cacheKey, revision, { body, type });
      return app.responseCache.send(request, reply, cacheKey, { body, type });
    },
  );

  app.get<{ Params: CollectionParams & { featureId: string }; Querystring: { f?: string } }>(
    '/api/collections/:collectionId/items/:featureId',
    {
      schema: {
        summary: 'One feature',
        tags: ['Data'],
        params: {
          ...COLLECTION_PARAMS,
          required: ['collectionId', 'featureId'],
          properties: {
            ...COLLECTION_PARAMS.properties,
            featureId: { type: 'string', description: 'Integer feature id' },
          },
        },
        querystring: querySchema(),
      },
    },
    async (request, reply) => {
      const { collectionId, featureId } = request.params;
      const collection = requireCollection(app.catalog, collectionId);
      const id = /^\d{1,15}$/.test(featureId) ? Number(featureId) : undefined;
      const feature = id === undefined ? undefined : await app.store.getFeature(collection.id, id);
      if (!feature) throw notFound(`Feature '${featureId}' does not exist in collection '${collection.id}'`);
      const body: ApiFeature = {
        ...toApiFeature(feature),
        links: featureLinks(baseUrl(request), collection.id, feature.id),
      };
      // Strong ETag of the version: send it back as If-Match to change the feature (304 on If-None-Match).
      reply.header('etag', featureEtag(feature.version));
      return reply.type(request.query.f === 'json' ? JSON_TYPE : GEOJSON_TYPE).send(body);
    },
  );
}

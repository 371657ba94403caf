import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { type TOptional, type TString, Type } from 'typebox';
import { ApiFeature } from '../contract/geojson';
import { ItemsResponse } from '../contract/items';
import { toApiFeature } from '../editing/api-feature';
import { parseFeatureId } from '../editing/feature-writer';
import { notFound } from '../errors';
import { EXPORT_FORMATS, isExportFormat } from '../export/formats';
import { siteTag } from '../site/site-service';
import { featureEtag } from '../writes/etag';
import { COLLECTION_PARAMS, ITEM_PARAMS, querySchema, requireCollection } from './common';
import { sendExport } from './export';
import { baseUrl, featureLinks, GEOJSON_TYPE, itemsLinks, JSON_TYPE } from './links';
import {
  clampLimit,
  MAX_LIMIT,
  MAX_LIMIT_PARAM,
  MAX_OFFSET,
  parseBbox,
  parseFilters,
  parseQ,
} from './params';
import { readResponses, sendJsonText } from './responses';

const RESERVED = ['f', 'limit', 'offset', 'bbox', 'q'] as const;

/** Query-string schema: paging, bbox, q and every queryable of any collection (checked per collection). */
function itemsQuerySchema(app: FastifyInstance) {
  const queryables: Record<string, TOptional<TString>> = {};
  for (const c of app.catalog.collections) {
    for (const name of c.queryables) {
      const users = app.catalog.collections.filter((x) => x.queryables.includes(name)).map((x) => x.id);
      queryables[name] = Type.Optional(
        Type.String({ description: `Equals filter on property ${name} (collections: ${users.join(', ')})` }),
      );
    }
  }
  return querySchema({
    f: Type.Optional(
      Type.Enum(['json', 'geojson', ...Object.keys(EXPORT_FORMATS)], {
        description: `Output format: json or geojson (a page, the default), or a download of every matching feature (limit and offset honoured when given): ${Object.entries(
          EXPORT_FORMATS,
        )
          .map(([f, d]) => `${f} (${d.title})`)
          .join(', ')}`,
      }),
    ),
    limit: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: MAX_LIMIT_PARAM,
        description: `Page size, default 100; values above ${MAX_LIMIT} are served as ${MAX_LIMIT}`,
      }),
    ),
    offset: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: MAX_OFFSET,
        description: 'Features to skip (paging; follow the next link)',
      }),
    ),
    bbox: Type.Optional(Type.String({ description: 'minLon,minLat,maxLon,maxLat in CRS84 (WGS84 lon/lat)' })),
    q: Type.Optional(
      Type.String({
        description: 'Free text; every word must match; ignores case and Vietnamese diacritics',
      }),
    ),
    ...queryables,
  });
}

/**
 * GET /api/collections/{collectionId}/items (revision-cached: ETag, 304, cached bytes) and
 * /items/{featureId} (the strong ETag of its version).
 */
export function registerItemsRoutes(fastify: FastifyInstance): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/collections/:collectionId/items',
    {
      config: { revisionCache: true },
      schema: {
        summary: 'Features of a collection',
        tags: ['Data'],
        params: COLLECTION_PARAMS,
        querystring: itemsQuerySchema(app),
        response: readResponses(ItemsResponse, [404, 413]),
      },
    },
    async (request, reply) => {
      const collection = requireCollection(app.catalog, request.params.collectionId);
      const { query } = request;
      const limit = clampLimit(query.limit);
      const offset = query.offset ?? 0;
      const where = {
        bbox: parseBbox(query.bbox),
        q: parseQ(query.q),
        filters: parseFilters(collection, query, RESERVED),
      };
      if (isExportFormat(query.f))
        return sendExport(reply, app.store, collection, { ...where, offset, limit: query.limit }, query.f);
      const page = await app.store.queryFeaturesGeoJson(collection.id, { ...where, limit, offset });
      const { numberReturned, numberMatched } = page;
      const head: Omit<ItemsResponse, 'features'> = {
        type: 'FeatureCollection',
        numberMatched,
        numberReturned,
        timeStamp: new Date().toISOString(),
        links: itemsLinks(request, collection.id, { offset, limit, numberReturned, hasMore: page.hasMore }),
      };
      // Features arrive as GeoJSON text from the store; splice them in rather than re-serialize
      // (a collection with a catalog `site` hint gets each feature's computed `site` added).
      const features = await app.sites.addToPage(collection, page.featuresJson);
      const body = `${JSON.stringify(head).slice(0, -1)},"features":[${features}]}`;
      return sendJsonText(reply, body, `${query.f === 'json' ? JSON_TYPE : GEOJSON_TYPE}; charset=utf-8`);
    },
  );

  app.get(
    '/api/collections/:collectionId/items/:featureId',
    {
      schema: {
        summary: 'One feature',
        tags: ['Data'],
        params: ITEM_PARAMS,
        querystring: querySchema(),
        response: readResponses(ApiFeature, [404]),
      },
    },
    async (request, reply) => {
      const { collectionId, featureId } = request.params;
      const collection = requireCollection(app.catalog, collectionId);
      const id = parseFeatureId(featureId);
      const feature = id === undefined ? undefined : await app.store.getFeature(collection.id, id);
      if (!feature) throw notFound(`Feature '${featureId}' does not exist in collection '${collection.id}'`);
      const site = await app.sites.forFeature(collection, feature);
      // Strong ETag of the version (with a tag of its `site`, which moves with the landmarks): send
      // it back as If-Match to change the feature (304 on If-None-Match).
      reply.header('etag', featureEtag(feature.version, site && siteTag(site)));
      return reply.type(request.query.f === 'json' ? JSON_TYPE : GEOJSON_TYPE).send({
        ...toApiFeature(feature),
        ...(site ? { site } : {}),
        links: featureLinks(baseUrl(request), collection.id, feature.id),
      });
    },
  );
}

import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { CollectionDef } from '../catalog/catalog';
import { ApiFeature } from '../contract/geojson';
import { ItemsResponse } from '../contract/items';
import { contentCrs, featuresJsonFromCrs84 } from '../crs/features';
import { CRS84, parseCrs, supportedCrsUris } from '../crs/registry';
import { geometryFromCrs84 } from '../crs/transform';
import { toApiFeature } from '../editing/api-feature';
import { parseFeatureId } from '../editing/feature-writer';
import { invalidParameter, notFound } from '../errors';
import { isExportFormat } from '../export/formats';
import { parseParameter } from '../params/problem';
import { siteTag } from '../site/site-service';
import type { FeatureBytes } from '../store/feature-store';
import { featureEtag } from '../writes/etag';
import { COLLECTION_PARAMS, ITEM_PARAMS, querySchema, requireCollection } from './common';
import { sendExport } from './export';
import { type ItemsParams, parseItemsSelection } from './items-query';
import { itemsQuerySchema } from './items-schema';
import { featureLinks, GEOJSON_TYPE, itemsLinks, JSON_TYPE, linkHeader } from './links';
import { clampLimit } from './params';
import { readResponses, sendJsonText } from './responses';

/** `head`, the bytes, `tail` in one buffer (the bytes are copied once, never made a string). */
function spliceBytes(head: string, bytes: FeatureBytes, tail: string): Buffer {
  const headLength = Buffer.byteLength(head);
  const out = Buffer.allocUnsafe(headLength + bytes.length + Buffer.byteLength(tail));
  out.write(head, 0);
  bytes.copyTo(out, headLength);
  out.write(tail, headLength + bytes.length);
  return out;
}

/**
 * GET /api/collections/{collectionId}/items, one route per collection (so the OpenAPI document
 * lists each collection's own queryables with their types), revision-cached (ETag, 304, cached
 * bytes); and /items/{featureId} (the strong ETag of its version).
 */
export function registerItemsRoutes(fastify: FastifyInstance): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const serve = async (collection: CollectionDef, request: FastifyRequest, reply: FastifyReply) => {
    const query = request.query as ItemsParams & { f?: string; limit?: number; offset?: number };
    const limit = clampLimit(query.limit);
    const offset = query.offset ?? 0;
    const { where, crs } = parseItemsSelection(collection, query);
    if (isExportFormat(query.f)) {
      if (crs !== CRS84) throw invalidParameter('crs', `Downloads (f=${query.f}) are in CRS84 only`);
      return sendExport(reply, app.store, collection, { ...where, offset, limit: query.limit }, query.f);
    }
    const page = await app.store.queryFeaturesGeoJson(collection.id, { ...where, limit, offset });
    const { numberReturned, numberMatched } = page;
    const links = itemsLinks(request, collection.id, {
      offset,
      limit,
      numberReturned,
      hasMore: page.hasMore,
    });
    const head: Omit<ItemsResponse, 'features'> = {
      type: 'FeatureCollection',
      numberMatched,
      numberReturned,
      timeStamp: new Date().toISOString(),
      links,
    };
    reply.header('content-crs', contentCrs(crs));
    const paging = linkHeader(links);
    if (paging) reply.header('link', paging);
    // Features arrive as GeoJSON text (or bytes) from the store; splice them in rather than
    // re-serialize (a collection with a catalog `site` hint gets each feature's computed `site`).
    const prefix = `${JSON.stringify(head).slice(0, -1)},"features":[`;
    const type = `${query.f === 'json' ? JSON_TYPE : GEOJSON_TYPE}; charset=utf-8`;
    if (page.featuresBytes && crs === CRS84 && !collection.site) {
      return sendJsonText(reply, spliceBytes(prefix, page.featuresBytes, ']}'), type);
    }
    const features = featuresJsonFromCrs84(await app.sites.addToPage(collection, page.featuresJson), crs);
    return sendJsonText(reply, `${prefix}${features}]}`, type);
  };
  for (const collection of app.catalog.collections) {
    app.get(
      `/api/collections/${collection.id}/items`,
      {
        config: { revisionCache: true, freshTimeStamp: true, optionsByPattern: true },
        schema: {
          summary: `Features of ${collection.title.en}`,
          tags: ['Data'],
          querystring: itemsQuerySchema(collection),
          response: readResponses(ItemsResponse, [413]),
        },
      },
      async (request, reply) => serve(collection, request, reply),
    );
  }
  // Any other collection id: 404 naming the collections there are.
  app.get(
    '/api/collections/:collectionId/items',
    { schema: { hide: true, params: COLLECTION_PARAMS, response: readResponses(ItemsResponse, [404]) } },
    async (request) => {
      const { id } = requireCollection(app.catalog, request.params.collectionId);
      throw notFound(`The features of collection '${id}' are at /api/collections/${id}/items`);
    },
  );

  app.get(
    '/api/collections/:collectionId/items/:featureId',
    {
      schema: {
        summary: 'One feature',
        tags: ['Data'],
        params: ITEM_PARAMS,
        querystring: querySchema({
          crs: Type.Optional(
            Type.Enum(supportedCrsUris(), { description: "CRS of the answer's geometry; default CRS84" }),
          ),
        }),
        response: readResponses(ApiFeature, [404]),
      },
    },
    async (request, reply) => {
      const { collectionId, featureId } = request.params;
      const collection = requireCollection(app.catalog, collectionId);
      const id = parseFeatureId(featureId);
      const feature = id === undefined ? undefined : await app.store.getFeature(collection.id, id);
      if (!feature) throw notFound(`Feature '${featureId}' does not exist in collection '${collection.id}'`);
      const crs = parseParameter(() => parseCrs(request.query.crs, 'crs'));
      const site = await app.sites.forFeature(collection, feature);
      // Strong ETag of the version (with a tag of its `site`, which moves with the landmarks): send
      // it back as If-Match to change the feature (304 on If-None-Match).
      reply
        .header('etag', featureEtag(feature.version, site && siteTag(site)))
        .header('content-crs', contentCrs(crs));
      const f = request.query.f === 'json' ? 'json' : 'geojson';
      return reply.type(f === 'json' ? JSON_TYPE : GEOJSON_TYPE).send({
        ...toApiFeature({ ...feature, geometry: geometryFromCrs84(feature.geometry, crs) }),
        ...(site ? { site } : {}),
        links: featureLinks(request, collection.id, feature.id, f),
      });
    },
  );
}

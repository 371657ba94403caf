import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { allowedMethods } from '../auth/roles';
import { ApiFeature, FeatureBody } from '../contract/geojson';
import { toApiFeature } from '../editing/api-feature';
import type { FeatureWriter } from '../editing/feature-writer';
import type { Actor, StoredFeature } from '../store/feature-store';
import { featureEtag } from '../writes/etag';
import { COLLECTION_PARAMS, ITEM_PARAMS, requireCollection } from './common';
import { authorize, requireEditable } from './guards';
import { baseUrl, GEOJSON_TYPE } from './links';
import { NO_BODY, responses, WRITE_PROBLEMS } from './responses';

const IF_MATCH = Type.Object({
  'if-match': Type.Optional(
    Type.String({ description: 'The strong ETag of the version you edited, e.g. "v3"' }),
  ),
});

/** What a write on one feature answers besides the common write problems. */
const ITEM_WRITE_PROBLEMS = [...WRITE_PROBLEMS, 404, 405, 412, 428] as const;

/** Sends a stored feature with its strong ETag (`"v<version>"`). */
export function sendFeature(reply: FastifyReply, feature: StoredFeature, status = 200): FastifyReply {
  return reply
    .code(status)
    .header('etag', featureEtag(feature.version))
    .header('cache-control', 'no-store')
    .type(GEOJSON_TYPE)
    .send(toApiFeature(feature));
}

/** Who makes a change (the route's onRequest guard has checked there is a user). */
export function actorOf(request: FastifyRequest): Actor {
  return { username: request.user?.username ?? '' };
}

/** The If-Match header as one value (repeated headers joined as a list), or undefined. */
export function ifMatchOf(request: FastifyRequest): string | undefined {
  const header = request.headers['if-match'];
  return Array.isArray(header) ? header.join(', ') : header;
}

/** Route onRequest check: collection exists (404), user may (401/403), collection editable (405). */
function guard(action: 'create' | 'replace' | 'patch' | 'delete', resource: 'items' | 'item') {
  return async (request: FastifyRequest): Promise<void> => {
    const { collectionId } = request.params as { collectionId: string };
    const collection = requireCollection(request.server.catalog, collectionId);
    authorize(request, action);
    requireEditable(request, collection, resource);
  };
}

/**
 * OGC API – Features Part 4: POST items (201 + Location + ETag), PUT / PATCH (merge patch) /
 * DELETE item with If-Match (428 missing, 412 stale with the current feature), OPTIONS with the
 * methods this user may use. Each write is one FeatureWriter call: one store transaction with
 * its history row.
 */
export function registerItemsWriteRoutes(fastify: FastifyInstance, writer: FeatureWriter): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const items = '/api/collections/:collectionId/items';
  const item = `${items}/:featureId`;
  const collectionOf = (id: string) => requireCollection(app.catalog, id);

  app.post(
    items,
    {
      onRequest: guard('create', 'items'),
      schema: {
        summary: 'Add a feature (editor)',
        tags: ['Edit'],
        params: COLLECTION_PARAMS,
        body: FeatureBody,
        response: responses({ 201: ApiFeature }, [...WRITE_PROBLEMS, 404, 405, 422, 503]),
      },
    },
    async (request, reply) => {
      const collection = collectionOf(request.params.collectionId);
      const created = await writer.create(collection, request.body, actorOf(request));
      reply.header('location', `${baseUrl(request)}/api/collections/${collection.id}/items/${created.id}`);
      return sendFeature(reply, created, 201);
    },
  );

  /** PUT (the whole feature) and PATCH (a merge patch): one shape, one FeatureWriter call each. */
  const changes = [
    { method: 'PUT', operation: 'replace', summary: 'Replace a feature (editor, If-Match)' },
    {
      method: 'PATCH',
      operation: 'patch',
      summary: 'Change part of a feature (JSON merge patch; editor, If-Match)',
    },
  ] as const;
  for (const { method, operation, summary } of changes) {
    app.route({
      method,
      url: item,
      onRequest: guard(operation, 'item'),
      schema: {
        summary,
        tags: ['Edit'],
        params: ITEM_PARAMS,
        headers: IF_MATCH,
        body: FeatureBody,
        response: responses({ 200: ApiFeature }, [...ITEM_WRITE_PROBLEMS, 422, 503]),
      },
      handler: async (request, reply) => {
        const { collectionId, featureId } = request.params;
        const collection = collectionOf(collectionId);
        const saved = await writer[operation](
          collection,
          featureId,
          request.body,
          ifMatchOf(request),
          actorOf(request),
        );
        return sendFeature(reply, saved);
      },
    });
  }

  app.delete(
    item,
    {
      onRequest: guard('delete', 'item'),
      schema: {
        summary: 'Delete a feature (editor, If-Match; admins can restore it)',
        tags: ['Edit'],
        params: ITEM_PARAMS,
        headers: IF_MATCH,
        response: responses({ 204: NO_BODY }, ITEM_WRITE_PROBLEMS),
      },
    },
    async (request, reply) => {
      const { collectionId, featureId } = request.params;
      await writer.remove(collectionOf(collectionId), featureId, ifMatchOf(request), actorOf(request));
      return reply.code(204).send();
    },
  );

  const options =
    (resource: 'items' | 'item') =>
    async (request: FastifyRequest<{ Params: { collectionId: string } }>, reply: FastifyReply) => {
      const collection = collectionOf(request.params.collectionId);
      const allow = allowedMethods(request.user?.role ?? null, resource, collection.editable);
      return reply.code(200).header('allow', allow.join(', ')).header('cache-control', 'no-store').send();
    };
  app.options(
    items,
    {
      schema: {
        summary: 'Methods you may use on the items',
        tags: ['Edit'],
        params: COLLECTION_PARAMS,
        response: responses({ 200: NO_BODY }, [404]),
      },
    },
    options('items'),
  );
  app.options(
    item,
    {
      schema: {
        summary: 'Methods you may use on the feature',
        tags: ['Edit'],
        params: ITEM_PARAMS,
        response: responses({ 200: NO_BODY }, [404]),
      },
    },
    options('item'),
  );
}

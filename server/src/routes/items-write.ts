import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { allowedMethods } from '../auth/roles';
import type { CollectionDef } from '../catalog/catalog';
import { type FeatureWriter, toApiFeature } from '../editing/feature-writer';
import type { StoredFeature } from '../store/feature-store';
import { featureEtag } from '../writes/etag';
import { COLLECTION_PARAMS, type CollectionParams, requireCollection } from './common';
import { authorize, requireEditable } from './guards';
import { baseUrl, GEOJSON_TYPE } from './links';

type ItemParams = CollectionParams & { featureId: string };

export const ITEM_PARAMS = {
  ...COLLECTION_PARAMS,
  required: ['collectionId', 'featureId'],
  properties: {
    ...COLLECTION_PARAMS.properties,
    featureId: { type: 'string', description: 'Integer feature id' },
  },
} as const;

const FEATURE_BODY = {
  description: 'A GeoJSON Feature (its id, if any, is ignored: the server assigns ids)',
  type: 'object',
} as const;
const IF_MATCH = {
  type: 'object',
  properties: {
    'if-match': { type: 'string', description: 'The strong ETag of the version you edited, e.g. "v3"' },
  },
} as const;

/** Sends a stored feature with its strong ETag (`"v<version>"`). */
export function sendFeature(reply: FastifyReply, feature: StoredFeature, status = 200): FastifyReply {
  return reply
    .code(status)
    .header('etag', featureEtag(feature.version))
    .header('cache-control', 'no-store')
    .type(GEOJSON_TYPE)
    .send(toApiFeature(feature));
}

/** Route onRequest check: collection exists (404), user may (401/403), collection editable (405). */
function guard(action: 'create' | 'replace' | 'patch' | 'delete', resource: 'items' | 'item') {
  return async (request: FastifyRequest): Promise<void> => {
    const { collectionId } = request.params as CollectionParams;
    const collection = requireCollection(request.server.catalog, collectionId);
    authorize(request, action);
    requireEditable(request, collection, resource);
  };
}

function collectionOf(request: FastifyRequest<{ Params: CollectionParams }>): CollectionDef {
  return requireCollection(request.server.catalog, request.params.collectionId);
}

/**
 * OGC API – Features Part 4: POST items (201 + Location + ETag), PUT / PATCH (merge patch) /
 * DELETE item with If-Match (428 missing, 412 stale with the current feature), OPTIONS with the
 * methods this user may use. Each write is one store transaction with its history row.
 */
export function registerItemsWriteRoutes(app: FastifyInstance, writer: FeatureWriter): void {
  const items = '/api/collections/:collectionId/items';
  const item = `${items}/:featureId`;
  const actor = (request: FastifyRequest) => ({ username: request.user?.username ?? '' });

  app.post<{ Params: CollectionParams; Body: unknown }>(
    items,
    {
      onRequest: guard('create', 'items'),
      schema: {
        summary: 'Add a feature (editor)',
        tags: ['Edit'],
        params: COLLECTION_PARAMS,
        body: FEATURE_BODY,
      },
    },
    async (request, reply) => {
      const collection = collectionOf(request);
      const content = await writer.validate(collection, request.body);
      const created = await writer.run(() => app.store.createFeature(collection.id, content, actor(request)));
      reply.header('location', `${baseUrl(request)}/api/collections/${collection.id}/items/${created.id}`);
      return sendFeature(reply, created, 201);
    },
  );

  /** PUT and PATCH: read the version the client named, build the new content, compare-and-set it. */
  const saveChange =
    (operation: 'replace' | 'patch') =>
    async (request: FastifyRequest<{ Params: ItemParams; Body: unknown }>, reply: FastifyReply) => {
      const collection = collectionOf(request);
      const current = await writer.current(request, collection, request.params.featureId);
      const content =
        operation === 'replace'
          ? await writer.validate(collection, request.body, current)
          : await writer.patched(collection, current, request.body);
      const saved = await writer.run(() =>
        app.store.replaceFeature(
          collection.id,
          current.id,
          content,
          current.version,
          actor(request),
          operation,
        ),
      );
      return sendFeature(reply, saved);
    };

  app.put<{ Params: ItemParams; Body: unknown }>(
    item,
    {
      onRequest: guard('replace', 'item'),
      schema: {
        summary: 'Replace a feature (editor, If-Match)',
        tags: ['Edit'],
        params: ITEM_PARAMS,
        headers: IF_MATCH,
        body: FEATURE_BODY,
      },
    },
    saveChange('replace'),
  );

  app.patch<{ Params: ItemParams; Body: unknown }>(
    item,
    {
      onRequest: guard('patch', 'item'),
      schema: {
        summary: 'Change part of a feature (JSON merge patch; editor, If-Match)',
        tags: ['Edit'],
        params: ITEM_PARAMS,
        headers: IF_MATCH,
        body: FEATURE_BODY,
      },
    },
    saveChange('patch'),
  );

  app.delete<{ Params: ItemParams }>(
    item,
    {
      onRequest: guard('delete', 'item'),
      schema: {
        summary: 'Delete a feature (editor, If-Match; admins can restore it)',
        tags: ['Edit'],
        params: ITEM_PARAMS,
        headers: IF_MATCH,
      },
    },
    async (request, reply) => {
      const collection = collectionOf(request);
      const current = await writer.current(request, collection, request.params.featureId);
      await writer.run(() =>
        app.store.deleteFeature(collection.id, current.id, current.version, actor(request)),
      );
      return reply.code(204).send();
    },
  );

  const options =
    (resource: 'items' | 'item') =>
    async (request: FastifyRequest<{ Params: CollectionParams }>, reply: FastifyReply) => {
      const collection = collectionOf(request);
      const allow = allowedMethods(request.user?.role ?? null, resource, collection.editable);
      return reply.code(204).header('allow', allow.join(', ')).header('cache-control', 'no-store').send();
    };
  app.options(
    items,
    { schema: { summary: 'Methods you may use on the items', tags: ['Edit'], params: COLLECTION_PARAMS } },
    options('items'),
  );
  app.options(
    item,
    { schema: { summary: 'Methods you may use on the feature', tags: ['Edit'], params: ITEM_PARAMS } },
    options('item'),
  );
}

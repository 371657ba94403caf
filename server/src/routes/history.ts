import type { FastifyInstance, FastifyRequest } from 'fastify';
import { can } from '../auth/roles';
import type { CollectionDef } from '../catalog/catalog';
import type { ApiFeature } from '../contract/api';
import { type FeatureWriter, parseFeatureId } from '../editing/feature-writer';
import { notFound } from '../errors';
import type { FeatureContent, HistoryRecord } from '../store/feature-store';
import { COLLECTION_PARAMS, type CollectionParams, querySchema, requireCollection } from './common';
import { authorize, requireEditable, requireSignedIn } from './guards';
import { ITEM_PARAMS, sendFeature } from './items-write';

type ItemParams = CollectionParams & { featureId: string };

function asFeature(id: number, c: FeatureContent | null): ApiFeature | null {
  return c ? { type: 'Feature', id, geometry: c.geometry, properties: c.properties } : null;
}

function historyEntry(r: HistoryRecord) {
  return {
    version: r.version,
    operation: r.operation,
    user: r.username,
    at: r.at,
    before: asFeature(r.featureId, r.before),
    after: asFeature(r.featureId, r.after),
  };
}

function labelOf(collection: CollectionDef | undefined, r: HistoryRecord): string {
  const props = (r.after ?? r.before)?.properties ?? {};
  const value = props[collection?.label ?? 'name'];
  return typeof value === 'string' ? value : `#${r.featureId}`;
}

function collectionOf(request: FastifyRequest<{ Params: CollectionParams }>): CollectionDef {
  return requireCollection(request.server.catalog, request.params.collectionId);
}

/**
 * History and undo: a feature's history (signed-in users; deleted features' only for admins),
 * revert to a version (editor, If-Match; a new version, itself undoable), deleted features and
 * restore (admin), and the change log across collections (admin).
 */
export function registerHistoryRoutes(app: FastifyInstance, writer: FeatureWriter): void {
  const item = '/api/collections/:collectionId/items/:featureId';

  app.get<{ Params: ItemParams }>(
    `${item}/history`,
    {
      schema: {
        summary: 'Every change of a feature, newest first (signed in)',
        tags: ['Edit'],
        params: ITEM_PARAMS,
        querystring: querySchema(),
      },
    },
    async (request, reply) => {
      requireSignedIn(request);
      const collection = collectionOf(request);
      const id = parseFeatureId(request.params.featureId);
      const live = id === undefined ? undefined : await app.store.getFeature(collection.id, id);
      const records = id === undefined ? [] : await app.store.featureHistory(collection.id, id);
      const visible =
        live !== undefined || (records.length > 0 && can(request.user?.role ?? null, 'listDeleted'));
      if (!visible)
        throw notFound(`Feature '${request.params.featureId}' has no history in '${collection.id}'`);
      return reply.header('cache-control', 'no-store').send({ history: records.map(historyEntry) });
    },
  );

  app.post<{ Params: ItemParams; Body: { version: number } }>(
    `${item}/revert`,
    {
      onRequest: async (request) => {
        const collection = collectionOf(request);
        authorize(request, 'revert');
        requireEditable(request, collection, 'item');
      },
      schema: {
        summary: 'Make a new version equal to an earlier one (editor, If-Match)',
        tags: ['Edit'],
        params: ITEM_PARAMS,
        body: {
          type: 'object',
          required: ['version'],
          additionalProperties: false,
          properties: { version: { type: 'integer', minimum: 1 } },
        },
      },
    },
    async (request, reply) => {
      const collection = collectionOf(request);
      const current = await writer.current(request, collection, request.params.featureId);
      const user = { username: request.user?.username ?? '' };
      const saved = await writer.run(() =>
        app.store.revertFeature(collection.id, current.id, request.body.version, current.version, user),
      );
      return sendFeature(reply, saved);
    },
  );

  app.get<{ Params: CollectionParams }>(
    '/api/collections/:collectionId/deleted',
    {
      schema: {
        summary: 'Deleted features (admin)',
        tags: ['Edit'],
        params: COLLECTION_PARAMS,
        querystring: querySchema(),
      },
    },
    async (request, reply) => {
      const collection = collectionOf(request);
      authorize(request, 'listDeleted');
      const features = (await app.store.listDeleted(collection.id)).map((d) => {
        const label = d.properties[collection.label];
        return {
          id: d.id,
          name: typeof label === 'string' ? label : `#${d.id}`,
          deletedAt: d.deletedAt,
          deletedBy: d.deletedBy,
        };
      });
      return reply.header('cache-control', 'no-store').send({ features });
    },
  );

  app.post<{ Params: ItemParams }>(
    '/api/collections/:collectionId/deleted/:featureId/restore',
    { schema: { summary: 'Bring a deleted feature back (admin)', tags: ['Edit'], params: ITEM_PARAMS } },
    async (request, reply) => {
      const collection = collectionOf(request);
      authorize(request, 'restore');
      const id = parseFeatureId(request.params.featureId);
      if (id === undefined) throw notFound(`No deleted feature '${request.params.featureId}'`);
      const user = { username: request.user?.username ?? '' };
      return sendFeature(reply, await writer.run(() => app.store.restoreFeature(collection.id, id, user)));
    },
  );

  app.get<{ Querystring: { limit?: number; offset?: number } }>(
    '/api/changes',
    {
      schema: {
        summary: 'Recent changes across collections, newest first (admin)',
        tags: ['Edit'],
        querystring: querySchema({
          limit: { type: 'integer', minimum: 1, maximum: 500, description: 'default 50' },
          offset: { type: 'integer', minimum: 0 },
        }),
      },
    },
    async (request, reply) => {
      authorize(request, 'changes');
      const records = await app.store.listChanges({
        limit: request.query.limit ?? 50,
        offset: request.query.offset ?? 0,
      });
      const changes = records.map((r) => ({
        collection: r.collection,
        featureId: r.featureId,
        version: r.version,
        operation: r.operation,
        user: r.username,
        at: r.at,
        name: labelOf(app.catalog.collection(r.collection), r),
      }));
      return reply.header('cache-control', 'no-store').send({ changes });
    },
  );
}

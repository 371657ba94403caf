import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { can } from '../auth/roles';
import type { CollectionDef } from '../catalog/catalog';
import type { ChangeEntry, DeletedFeature, HistoryEntry } from '../contract/api';
import { ChangesResponse, DeletedResponse, HistoryResponse, RevertBody } from '../contract/edit';
import { ApiFeature } from '../contract/geojson';
import { toApiFeature } from '../editing/api-feature';
import { type FeatureWriter, parseFeatureId } from '../editing/feature-writer';
import { notFound } from '../errors';
import type { DeletedFeatureInfo, FeatureContent, HistoryRecord } from '../store/feature-store';
import { COLLECTION_PARAMS, ITEM_PARAMS, querySchema, requireCollection } from './common';
import { authorize, requireEditable, requireSignedIn } from './guards';
import { actorOf, ifMatchOf, sendFeature } from './items-write';
import { MAX_OFFSET } from './params';
import { readResponses, responses, WRITE_PROBLEMS } from './responses';

function asFeature(id: number, c: FeatureContent | null): ApiFeature | null {
  return c ? toApiFeature({ id, ...c }) : null;
}

function historyEntry(r: HistoryRecord): HistoryEntry {
  return {
    version: r.version,
    operation: r.operation,
    user: r.username,
    at: r.at,
    before: asFeature(r.featureId, r.before),
    after: asFeature(r.featureId, r.after),
    ...(r.batchId === null ? {} : { batch: r.batchId }),
  };
}

/** A feature's name for lists: its collection's label property, else `#id`. */
function nameOf(
  collection: CollectionDef | undefined,
  id: number,
  properties: Record<string, unknown>,
): string {
  const value = properties[collection?.label ?? 'name'];
  return typeof value === 'string' ? value : `#${id}`;
}

function changeEntry(collection: CollectionDef | undefined, r: HistoryRecord): ChangeEntry {
  return {
    collection: r.collection,
    featureId: r.featureId,
    version: r.version,
    operation: r.operation,
    user: r.username,
    at: r.at,
    name: nameOf(collection, r.featureId, (r.after ?? r.before)?.properties ?? {}),
    ...(r.batchId === null ? {} : { batch: r.batchId }),
  };
}

function deletedEntry(collection: CollectionDef, d: DeletedFeatureInfo): DeletedFeature {
  return {
    id: d.id,
    name: nameOf(collection, d.id, d.properties),
    deletedAt: d.deletedAt,
    deletedBy: d.deletedBy,
  };
}

/**
 * History and undo: a feature's history (signed-in users; deleted features' only for admins),
 * revert to a version (editor, If-Match; a new version, itself undoable), deleted features and
 * restore (admin), and the change log across collections (admin).
 */
export function registerHistoryRoutes(fastify: FastifyInstance, writer: FeatureWriter): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const item = '/api/collections/:collectionId/items/:featureId';
  const collectionOf = (id: string) => requireCollection(app.catalog, id);

  app.get(
    `${item}/history`,
    {
      schema: {
        summary: 'Every change of a feature, newest first (signed in)',
        tags: ['Edit'],
        params: ITEM_PARAMS,
        querystring: querySchema(),
        response: readResponses(HistoryResponse, [401, 404]),
      },
    },
    async (request, reply) => {
      requireSignedIn(request);
      const collection = collectionOf(request.params.collectionId);
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

  app.post(
    `${item}/revert`,
    {
      onRequest: async (request) => {
        const { collectionId } = request.params as { collectionId: string };
        const collection = collectionOf(collectionId);
        authorize(request, 'revert');
        requireEditable(request, collection, 'item');
      },
      schema: {
        summary: 'Make a new version equal to an earlier one (editor, If-Match)',
        tags: ['Edit'],
        params: ITEM_PARAMS,
        body: RevertBody,
        response: responses({ 200: ApiFeature }, [...WRITE_PROBLEMS, 404, 405, 412, 422, 428]),
      },
    },
    async (request, reply) => {
      const { collectionId, featureId } = request.params;
      const collection = collectionOf(collectionId);
      const { version } = request.body;
      const saved = await writer.revert(collection, featureId, version, ifMatchOf(request), actorOf(request));
      return sendFeature(reply, saved);
    },
  );

  app.get(
    '/api/collections/:collectionId/deleted',
    {
      schema: {
        summary: 'Deleted features (admin)',
        tags: ['Edit'],
        params: COLLECTION_PARAMS,
        querystring: querySchema(),
        response: readResponses(DeletedResponse, [401, 403, 404]),
      },
    },
    async (request, reply) => {
      const collection = collectionOf(request.params.collectionId);
      authorize(request, 'listDeleted');
      const features = (await app.store.listDeleted(collection.id)).map((d) => deletedEntry(collection, d));
      return reply.header('cache-control', 'no-store').send({ features });
    },
  );

  app.post(
    '/api/collections/:collectionId/deleted/:featureId/restore',
    {
      schema: {
        summary: 'Bring a deleted feature back (admin)',
        tags: ['Edit'],
        params: ITEM_PARAMS,
        response: responses({ 200: ApiFeature }, [...WRITE_PROBLEMS, 404]),
      },
    },
    async (request, reply) => {
      const collection = collectionOf(request.params.collectionId);
      authorize(request, 'restore');
      return sendFeature(reply, await writer.restore(collection, request.params.featureId, actorOf(request)));
    },
  );

  app.get(
    '/api/changes',
    {
      schema: {
        summary: 'Recent changes across collections, newest first (admin)',
        tags: ['Edit'],
        querystring: querySchema({
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, description: 'default 50' })),
          offset: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_OFFSET })),
        }),
        response: readResponses(ChangesResponse, [401, 403]),
      },
    },
    async (request, reply) => {
      authorize(request, 'changes');
      const records = await app.store.listChanges({
        limit: request.query.limit ?? 50,
        offset: request.query.offset ?? 0,
      });
      const changes = records.map((r) => changeEntry(app.catalog.collection(r.collection), r));
      return reply.header('cache-control', 'no-store').send({ changes });
    },
  );
}

import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { BatchDetailResponse, BatchesResponse, BatchResponse } from '../contract/batches';
import { notFound } from '../errors';
import { batchView } from './batch-view';
import { querySchema } from './common';
import { authorize, requireSignedIn } from './guards';
import { actorOf } from './items-write';
import { readResponses, responses, WRITE_PROBLEMS } from './responses';

const BATCH_PARAMS = Type.Object({ batchId: Type.Integer({ minimum: 1, description: 'Batch id' }) });
const PAGE = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, description: 'default 50' })),
  offset: Type.Optional(Type.Integer({ minimum: 0 })),
};

/**
 * Batches (issue 14): committed imports and their reverts, newest first; one batch with its
 * changes; undo a whole batch as a new batch (itself undoable), 409 listing what changed since.
 */
export function registerBatchRoutes(fastify: FastifyInstance): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const batchOf = async (id: number) => {
    const batch = await app.store.getBatch(id);
    if (!batch) throw notFound(`Batch ${id} does not exist`);
    return batch;
  };

  app.get(
    '/api/batches',
    {
      schema: {
        summary: 'Batches (imports and their reverts), newest first (signed in)',
        tags: ['Import'],
        querystring: querySchema(PAGE),
        response: readResponses(BatchesResponse, [401]),
      },
    },
    async (request, reply) => {
      requireSignedIn(request);
      const batches = await app.store.listBatches({
        limit: request.query.limit ?? 50,
        offset: request.query.offset ?? 0,
      });
      return reply
        .header('cache-control', 'no-store')
        .send({ batches: batches.map((b) => batchView(request, b)) });
    },
  );

  app.get(
    '/api/batches/:batchId',
    {
      schema: {
        summary: 'One batch and a page of its changes (signed in)',
        tags: ['Import'],
        params: BATCH_PARAMS,
        querystring: querySchema(PAGE),
        response: readResponses(BatchDetailResponse, [401, 404]),
      },
    },
    async (request, reply) => {
      requireSignedIn(request);
      const batch = await batchOf(request.params.batchId);
      const changes = await app.store.batchChanges(batch.id, {
        limit: request.query.limit ?? 50,
        offset: request.query.offset ?? 0,
      });
      return reply.header('cache-control', 'no-store').send({ batch: batchView(request, batch), changes });
    },
  );

  app.post(
    '/api/batches/:batchId/revert',
    {
      schema: {
        summary:
          'Undo a whole batch as a new batch (editor; indicator batches: admin); 409 lists what changed since',
        tags: ['Import'],
        params: BATCH_PARAMS,
        response: responses({ 200: BatchResponse }, [...WRITE_PROBLEMS, 404, 409]),
      },
    },
    async (request, reply) => {
      authorize(request, 'revertBatch');
      const batch = await batchOf(request.params.batchId);
      if (batch.kind === 'indicators') authorize(request, 'importIndicators');
      const undone = await app.store.revertBatch(batch.id, actorOf(request));
      return reply.header('cache-control', 'no-store').send({ batch: batchView(request, undone) });
    },
  );
}

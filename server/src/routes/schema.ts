import type { FastifyInstance } from 'fastify';
import { COLLECTION_PARAMS, type CollectionParams, querySchema, requireCollection } from './common';
import { baseUrl, SCHEMA_TYPE } from './links';

/**
 * GET /api/collections/{collectionId}/schema (rel=describedby): the JSON Schema of a feature's
 * properties, straight from geodata/schema, so clients see every field, not only the first page's.
 */
export function registerSchemaRoutes(app: FastifyInstance): void {
  app.get<{ Params: CollectionParams }>(
    '/api/collections/:collectionId/schema',
    {
      schema: {
        summary: 'Schema of the properties',
        tags: ['Data'],
        params: COLLECTION_PARAMS,
        querystring: querySchema(),
      },
    },
    async (request, reply) => {
      const collection = requireCollection(app.catalog, request.params.collectionId);
      const body = {
        ...collection.propertiesSchema,
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        $id: `${baseUrl(request)}/api/collections/${collection.id}/schema`,
      };
      return reply.type(SCHEMA_TYPE).send(JSON.stringify(body));
    },
  );
}

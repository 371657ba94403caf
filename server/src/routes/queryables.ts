import type { FastifyInstance } from 'fastify';
import { propertySchema } from '../catalog/catalog';
import type { QueryablesResponse } from '../contract/api';
import { COLLECTION_PARAMS, type CollectionParams, querySchema, requireCollection } from './common';
import { baseUrl, SCHEMA_TYPE } from './links';

/** GET /api/collections/{collectionId}/queryables: JSON Schema of the filterable properties (Part 3). */
export function registerQueryablesRoutes(app: FastifyInstance): void {
  app.get<{ Params: CollectionParams }>(
    '/api/collections/:collectionId/queryables',
    {
      schema: {
        summary: 'Queryable properties',
        tags: ['Data'],
        params: COLLECTION_PARAMS,
        querystring: querySchema(),
      },
    },
    async (request, reply) => {
      const collection = requireCollection(app.catalog, request.params.collectionId);
      const properties: QueryablesResponse['properties'] = {};
      for (const name of collection.queryables)
        properties[name] = propertySchema(collection, name) ?? { type: 'string' };
      const body: QueryablesResponse = {
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        $id: `${baseUrl(request)}/api/collections/${collection.id}/queryables`,
        type: 'object',
        title: collection.title.en,
        properties,
        additionalProperties: false,
      };
      return reply.type(SCHEMA_TYPE).send(JSON.stringify(body));
    },
  );
}

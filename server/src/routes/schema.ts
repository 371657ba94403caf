import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { PropertiesSchemaResponse } from '../contract/ogc';
import { COLLECTION_PARAMS, querySchema, requireCollection } from './common';
import { baseUrl, SCHEMA_TYPE } from './links';
import { readResponses, sendJsonText } from './responses';

/**
 * GET /api/collections/{collectionId}/schema (rel=describedby): the JSON Schema of a feature's
 * properties, straight from geodata/schema, so clients see every field, not only the first page's.
 */
export function registerSchemaRoutes(fastify: FastifyInstance): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/collections/:collectionId/schema',
    {
      schema: {
        summary: 'Schema of the properties',
        tags: ['Data'],
        params: COLLECTION_PARAMS,
        querystring: querySchema(),
        response: readResponses(PropertiesSchemaResponse, [404]),
      },
    },
    async (request, reply) => {
      const collection = requireCollection(app.catalog, request.params.collectionId);
      const body = {
        ...collection.propertiesSchema,
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        $id: `${baseUrl(request)}/api/collections/${collection.id}/schema`,
      };
      return sendJsonText(reply, JSON.stringify(body), SCHEMA_TYPE);
    },
  );
}

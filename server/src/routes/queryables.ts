import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { propertySchema } from '../catalog/catalog';
import { QueryablesResponse } from '../contract/ogc';
import { filterableNames, GEOMETRY_QUERYABLE } from '../cql2/queryables';
import { COLLECTION_PARAMS, querySchema, requireCollection } from './common';
import { baseUrl, SCHEMA_TYPE } from './links';
import { readResponses, sendJsonText } from './responses';

/** Part 3's format of a spatial queryable: one geometry type, or any. */
function geometryFormat(types: readonly string[]): string {
  return types.length === 1 ? `geometry-${types[0]!.toLowerCase()}` : 'geometry-any';
}

/** GET /api/collections/{collectionId}/queryables: JSON Schema of the filterable properties (Part 3). */
export function registerQueryablesRoutes(fastify: FastifyInstance): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/collections/:collectionId/queryables',
    {
      schema: {
        summary: 'Queryable properties',
        tags: ['Data'],
        params: COLLECTION_PARAMS,
        querystring: querySchema(),
        response: readResponses(QueryablesResponse, [404]),
      },
    },
    async (request, reply) => {
      const collection = requireCollection(app.catalog, request.params.collectionId);
      const properties: QueryablesResponse['properties'] = {};
      for (const name of filterableNames(collection))
        properties[name] = propertySchema(collection, name) ?? { type: 'string' };
      // The spatial queryable CQL2's S_INTERSECTS names (Part 3: format geometry-…).
      properties[GEOMETRY_QUERYABLE] = {
        title: 'Geometry',
        format: geometryFormat(collection.geometryTypes),
        'x-ogc-role': 'primary-geometry',
      };
      const body: QueryablesResponse = {
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        $id: `${baseUrl(request)}/api/collections/${collection.id}/queryables`,
        type: 'object',
        title: collection.title.en,
        properties,
        additionalProperties: false,
      };
      // JSON Schema keywords ($schema, $id) are data here: sent as text, not through the serializer.
      return sendJsonText(reply, JSON.stringify(body), SCHEMA_TYPE);
    },
  );
}

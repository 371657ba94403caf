import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type CollectionDef, propertySchema } from '../catalog/catalog';
import { sortablesOf } from '../catalog/sortables';
import { QueryablesResponse } from '../contract/ogc';
import { filterableNames, GEOMETRY_QUERYABLE } from '../cql2/queryables';
import { COLLECTION_PARAMS, querySchema, requireCollection } from './common';
import { baseUrl, SCHEMA_TYPE } from './links';
import { readResponses, sendJsonText } from './responses';

/** Part 3's format of a spatial queryable: one geometry type, or any. */
function geometryFormat(types: readonly string[]): string {
  return types.length === 1 ? `geometry-${types[0]!.toLowerCase()}` : 'geometry-any';
}

/** The JSON Schema document of /queryables or /sortables: an object of these properties, nothing else. */
function schemaDocument(
  request: FastifyRequest,
  collection: CollectionDef,
  resource: 'queryables' | 'sortables',
  properties: QueryablesResponse['properties'],
): string {
  const body: QueryablesResponse = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `${baseUrl(request)}/api/collections/${collection.id}/${resource}`,
    type: 'object',
    title: collection.title.en,
    properties,
    additionalProperties: false,
  };
  // JSON Schema keywords ($schema, $id) are data here: sent as text, not through the serializer.
  return JSON.stringify(body);
}

/**
 * GET /api/collections/{collectionId}/queryables: JSON Schema of the filterable properties (Part 3);
 * GET …/sortables: of the properties `sortby` may name (Part 8, the same shape).
 */
export function registerQueryablesRoutes(fastify: FastifyInstance): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const route = (
    resource: 'queryables' | 'sortables',
    summary: string,
    propertiesOf: (c: CollectionDef) => QueryablesResponse['properties'],
  ) =>
    app.get(
      `/api/collections/:collectionId/${resource}`,
      {
        schema: {
          summary,
          tags: ['Data'],
          params: COLLECTION_PARAMS,
          querystring: querySchema(),
          response: readResponses(QueryablesResponse, [404]),
        },
      },
      async (request, reply) => {
        const collection = requireCollection(app.catalog, request.params.collectionId);
        const body = schemaDocument(request, collection, resource, propertiesOf(collection));
        return sendJsonText(reply, body, SCHEMA_TYPE);
      },
    );
  const schemaOf = (collection: CollectionDef, names: readonly string[]) =>
    Object.fromEntries(names.map((n) => [n, propertySchema(collection, n) ?? { type: 'string' }]));
  route('queryables', 'Queryable properties', (collection) => ({
    ...schemaOf(collection, filterableNames(collection)),
    // The spatial queryable CQL2's S_INTERSECTS names (Part 3: format geometry-…).
    [GEOMETRY_QUERYABLE]: {
      title: 'Geometry',
      format: geometryFormat(collection.geometryTypes),
      'x-ogc-role': 'primary-geometry',
    },
  }));
  route('sortables', 'Sortable properties', (collection) =>
    schemaOf(
      collection,
      sortablesOf(collection).map((s) => s.name),
    ),
  );
}

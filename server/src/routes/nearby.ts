import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { NearbyResponse } from '../contract/site';
import type { NearbyService } from '../site/nearby';
import { NEARBY_QUERY, parseNearby } from './nearby-params';
import { readResponses } from './responses';

/**
 * GET /api/nearby: features of the catalog's `nearby` collections within a straight-line radius
 * of a point or a landmark, nearest first, with distances and their uncertainty (issue 15).
 * Revision-cached (ETag, 304, cached bytes): the answer depends only on the data and the URL.
 */
export function registerNearbyRoutes(fastify: FastifyInstance, nearby: NearbyService): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/nearby',
    {
      config: { revisionCache: true },
      schema: {
        summary: 'Features within a radius of a point or a landmark (straight-line distance)',
        tags: ['Investors'],
        querystring: NEARBY_QUERY,
        response: readResponses(NearbyResponse),
      },
    },
    async (request) => nearby.search(parseNearby(app.catalog, request.query)),
  );
}

import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { ConformanceResponse, LandingResponse } from '../contract/ogc';
import { querySchema } from './common';
import { baseUrl, landingLinks } from './links';
import { readResponses } from './responses';

/**
 * Conformance classes we implement: OGC API – Features Part 1, Part 3 queryables, and Part 4
 * (create/replace/delete, update by merge patch, for features, optimistic locking with ETags), and
 * OGC API – Tiles Part 1 (vector tiles of every collection in WebMercatorQuad, MVT).
 */
export const CONFORMANCE_CLASSES: readonly string[] = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
  'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables',
  'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables-query-parameters',
  'http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/create-replace-delete',
  'http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/update',
  'http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/features',
  'http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/optimistic-locking-etags',
  'http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tileset',
  'http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tilesets-list',
  'http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/geodata-tilesets',
  'http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/mvt',
  'http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/oas30',
];

/** GET /api (landing page) and GET /api/conformance. */
export function registerLandingRoutes(fastify: FastifyInstance): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api',
    {
      schema: {
        summary: 'Landing page',
        tags: ['Capabilities'],
        querystring: querySchema(),
        response: readResponses(LandingResponse),
      },
    },
    async (request) => ({
      title: 'Bản đồ công nghiệp Lào Cai / Lào Cai industry map',
      description:
        'Cụm công nghiệp, làng nghề, cơ sở sản xuất và chỉ tiêu theo huyện. Industrial clusters, craft villages, production facilities and district indicators (OGC API – Features).',
      links: landingLinks(baseUrl(request)),
    }),
  );
  app.get(
    '/api/conformance',
    {
      schema: {
        summary: 'Conformance classes',
        tags: ['Capabilities'],
        querystring: querySchema(),
        response: readResponses(ConformanceResponse),
      },
    },
    async () => ({ conformsTo: [...CONFORMANCE_CLASSES] }),
  );
}

import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ConformanceResponse, LandingResponse } from '../contract/ogc';
import { querySchema } from './common';
import { baseUrl, landingLinks } from './links';
import { readResponses } from './responses';

const FEATURES = 'http://www.opengis.net/spec/ogcapi-features';
const CQL2 = 'http://www.opengis.net/spec/cql2/1.0/conf';

/**
 * Conformance classes we implement, each proven by a test (test/api/ogc-*.test.ts): OGC API –
 * Features Part 1 (core, GeoJSON, OpenAPI 3.0), Part 2 (CRS by reference: crs, bbox-crs,
 * Content-Crs), Part 3 (queryables, queryables as query parameters, filter, features-filter) with
 * the CQL2 classes the parser and both stores implement (cql2/README.md), Part 8 (sorting, draft:
 * `sortby` and /sortables), Part 4
 * (create/replace/delete, update by merge patch, for features, optimistic locking with ETags),
 * and OGC API – Tiles Part 1 (vector tiles of every collection in WebMercatorQuad, MVT).
 */
export const CONFORMANCE_CLASSES: readonly string[] = [
  `${FEATURES}-1/1.0/conf/core`,
  `${FEATURES}-1/1.0/conf/geojson`,
  `${FEATURES}-1/1.0/conf/oas30`,
  `${FEATURES}-2/1.0/conf/crs`,
  `${FEATURES}-3/1.0/conf/queryables`,
  `${FEATURES}-3/1.0/conf/queryables-query-parameters`,
  `${FEATURES}-3/1.0/conf/filter`,
  `${FEATURES}-3/1.0/conf/features-filter`,
  `${FEATURES}-8/1.0/conf/sorting`,
  `${CQL2}/basic-cql2`,
  `${CQL2}/cql2-text`,
  `${CQL2}/cql2-json`,
  `${CQL2}/advanced-comparison-operators`,
  `${CQL2}/case-insensitive-comparison`,
  `${CQL2}/accent-insensitive-comparison`,
  `${CQL2}/basic-spatial-functions`,
  `${FEATURES}-4/1.0/conf/create-replace-delete`,
  `${FEATURES}-4/1.0/conf/update`,
  `${FEATURES}-4/1.0/conf/features`,
  `${FEATURES}-4/1.0/conf/optimistic-locking-etags`,
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
  const landing = async (request: FastifyRequest): Promise<LandingResponse> => ({
    title: 'Bản đồ công nghiệp Lào Cai / Lào Cai industry map',
    description:
      'Cụm công nghiệp, làng nghề, cơ sở sản xuất và chỉ tiêu theo huyện. Industrial clusters, craft villages, production facilities and district indicators (OGC API – Features).',
    links: landingLinks(baseUrl(request)),
  });
  const schema = {
    summary: 'Landing page',
    tags: ['Capabilities'],
    querystring: querySchema(),
    response: readResponses(LandingResponse),
  };
  app.get('/api', { schema }, landing);
  // OWSLib and the OGC test suite ask for the landing page with a trailing slash.
  app.get('/api/', { schema: { ...schema, hide: true } }, landing);
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

import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { IndicatorsResponse, IndicatorValuesResponse } from '../contract/indicators';
import { indicatorValues, listIndicators } from '../indicators/indicator-service';
import { querySchema } from './common';
import { readResponses } from './responses';

/**
 * GET /api/indicators (catalog with years and statuses) and /api/indicators/{indicator}?year=.
 * Answers depend only on the stored data and the URL, so they are revision-cached (an edit bumps
 * the revision and the next request recomputes).
 */
export function registerIndicatorRoutes(fastify: FastifyInstance): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/indicators',
    {
      config: { revisionCache: true },
      schema: {
        summary: 'Indicators for the district choropleth',
        tags: ['Indicators'],
        querystring: querySchema(),
        response: readResponses(IndicatorsResponse),
      },
    },
    async () => ({ indicators: await listIndicators(app.catalog, app.store) }),
  );
  app.get(
    '/api/indicators/:indicator',
    {
      config: { revisionCache: true },
      schema: {
        summary: 'Values of one indicator per district',
        tags: ['Indicators'],
        params: Type.Object({ indicator: Type.String() }),
        querystring: querySchema({
          year: Type.Optional(
            Type.Integer({
              minimum: 1900,
              maximum: 2100,
              description: 'Year; default the latest with data; ignored by computed indicators',
            }),
          ),
        }),
        response: readResponses(IndicatorValuesResponse, [404, 501]),
      },
    },
    async (request) => indicatorValues(app.catalog, app.store, request.params.indicator, request.query.year),
  );
}

import type { FastifyInstance } from 'fastify';
import type { IndicatorsResponse, IndicatorValuesResponse } from '../contract/api';
import { indicatorValues, listIndicators } from '../indicators/indicator-service';
import { checkRevisionEtag } from '../plugins/etag';
import { querySchema } from './common';

/**
 * GET /api/indicators (catalog with years and statuses) and /api/indicators/{indicator}?year=.
 * Answers depend only on the stored data, so they are cached per store revision: an edit bumps
 * the revision and the next request recomputes.
 */
export function registerIndicatorRoutes(app: FastifyInstance): void {
  let cachedRevision = -1;
  const cache = new Map<string, string>();
  async function cached(key: string, revision: number, compute: () => Promise<unknown>): Promise<string> {
    if (revision !== cachedRevision) {
      cache.clear();
      cachedRevision = revision;
    }
    let body = cache.get(key);
    if (body === undefined) {
      body = JSON.stringify(await compute());
      if (cache.size < 500) cache.set(key, body);
    }
    return body;
  }

  app.get(
    '/api/indicators',
    {
      schema: {
        summary: 'Indicators for the district choropleth',
        tags: ['Indicators'],
        querystring: querySchema(),
      },
    },
    async (request, reply) => {
      const revision = await app.store.revision();
      if (checkRevisionEtag(request, reply, revision)) return reply.code(304).send();
      const body = await cached(
        '',
        revision,
        async (): Promise<IndicatorsResponse> => ({
          indicators: await listIndicators(app.catalog, app.store),
        }),
      );
      return reply.type('application/json; charset=utf-8').send(body);
    },
  );
  app.get<{ Params: { indicator: string }; Querystring: { year?: number } }>(
    '/api/indicators/:indicator',
    {
      schema: {
        summary: 'Values of one indicator per district',
        tags: ['Indicators'],
        params: { type: 'object', required: ['indicator'], properties: { indicator: { type: 'string' } } },
        querystring: querySchema({
          year: {
            type: 'integer',
            minimum: 1900,
            maximum: 2100,
            description: 'Year; default the latest with data; ignored by computed indicators',
          },
        }),
      },
    },
    async (request, reply) => {
      const { indicator } = request.params;
      const { year } = request.query;
      const revision = await app.store.revision();
      if (checkRevisionEtag(request, reply, revision)) return reply.code(304).send();
      const body = await cached(
        `${indicator}|${year ?? ''}`,
        revision,
        (): Promise<IndicatorValuesResponse> => indicatorValues(app.catalog, app.store, indicator, year),
      );
      return reply.type('application/json; charset=utf-8').send(body);
    },
  );
}

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { IndicatorsResponse, IndicatorValuesResponse } from '../contract/api';
import { indicatorValues, listIndicators } from '../indicators/indicator-service';
import { checkRevisionEtag } from '../plugins/etag';
import { ResponseCache } from '../plugins/response-cache';
import { querySchema } from './common';

/**
 * GET /api/indicators (catalog with years and statuses) and /api/indicators/{indicator}?year=.
 * Answers depend only on the stored data and the URL, so they go through the shared response
 * cache (per store revision: an edit bumps the revision and the next request recomputes).
 */
export function registerIndicatorRoutes(app: FastifyInstance): void {
  const TYPE = 'application/json; charset=utf-8';
  /** Sends the answer from the shared response cache, or computes, stores and sends it. */
  async function sendCached(
    request: FastifyRequest,
    reply: FastifyReply,
    revision: number,
    compute: () => Promise<unknown>,
  ): Promise<FastifyReply> {
    const key = ResponseCache.keyOf(request);
    let answer = app.responseCache.get(key, revision);
    if (!answer) {
      answer = { body: Buffer.from(JSON.stringify(await compute())), type: TYPE };
      app.responseCache.set(key, revision, answer);
    }
    return app.responseCache.send(request, reply, key, answer);
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
      return sendCached(
        request,
        reply,
        revision,
        async (): Promise<IndicatorsResponse> => ({
          indicators: await listIndicators(app.catalog, app.store),
        }),
      );
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
      return sendCached(
        request,
        reply,
        revision,
        (): Promise<IndicatorValuesResponse> => indicatorValues(app.catalog, app.store, indicator, year),
      );
    },
  );
}

import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { AppConfigResponse } from '../contract/ogc';
import { querySchema } from './common';
import { readResponses } from './responses';

/** GET /api/app-config: deployment settings for the client. */
export function registerAppConfigRoutes(fastify: FastifyInstance): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/app-config',
    {
      schema: {
        summary: 'Client settings of this deployment',
        tags: ['App'],
        querystring: querySchema(),
        response: readResponses(AppConfigResponse),
      },
    },
    async () => ({ customBasemapStyleUrl: app.config.basemapStyleUrl }),
  );
}

import type { FastifyInstance } from 'fastify';
import type { AppConfigResponse } from '../contract/api';
import { querySchema } from './common';

/** GET /api/app-config: deployment settings for the client. */
export function registerAppConfigRoutes(app: FastifyInstance): void {
  app.get(
    '/api/app-config',
    { schema: { summary: 'Client settings of this deployment', tags: ['App'], querystring: querySchema() } },
    async (): Promise<AppConfigResponse> => ({ customBasemapStyleUrl: app.config.basemapStyleUrl }),
  );
}

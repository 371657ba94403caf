import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';

export const OPENAPI_PATH = '/api/openapi.json';
export const DOCS_PATH = '/api/docs';
export const OPENAPI_TYPE = 'application/vnd.oai.openapi+json;version=3.0';

type OpenApiDoc = {
  paths?: Record<string, Record<string, { responses?: Record<string, { content?: object }> }>>;
};

/** Problem answers (4xx, 5xx) are application/problem+json, not the route's success media type. */
export function problemMediaTypes<T extends OpenApiDoc>(doc: T): T {
  for (const methods of Object.values(doc.paths ?? {})) {
    for (const operation of Object.values(methods)) {
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        if (Number(status) < 400 || !response.content) continue;
        const [schema] = Object.values(response.content);
        response.content = { 'application/problem+json': schema };
      }
    }
  }
  return doc;
}

/**
 * OpenAPI 3 document generated from the route schemas (every accepted query parameter and every
 * answer, problems as application/problem+json, is declared there) at /api/openapi.json, and the Swagger UI page at /api/docs (assets served locally).
 * Register before the routes so it sees them.
 */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Lào Cai industry map API',
        description: 'OGC API – Features (Part 1 Core, GeoJSON, OpenAPI 3.0) and district indicators.',
        version: '0.1.0',
      },
      servers: [],
    },
    transformObject: (doc) =>
      'openapiObject' in doc ? problemMediaTypes(doc.openapiObject as OpenApiDoc) : doc.swaggerObject,
  });
  // Its Content-Security-Policy comes from plugins/security-headers.ts like every answer's.
  await app.register(swaggerUi, { routePrefix: DOCS_PATH });
  app.get(OPENAPI_PATH, { schema: { hide: true } }, async (_request, reply) =>
    reply.type(OPENAPI_TYPE).send(JSON.stringify(app.swagger())),
  );
}

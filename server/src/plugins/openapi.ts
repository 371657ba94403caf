import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { DEFAULT_LIMIT } from '../routes/params';

export const OPENAPI_PATH = '/api/openapi.json';
export const DOCS_PATH = '/api/docs';
export const OPENAPI_TYPE = 'application/vnd.oai.openapi+json;version=3.0';

interface OpenApiParameter {
  name: string;
  in: string;
  schema?: Record<string, unknown>;
  style?: string;
  explode?: boolean;
  [key: string]: unknown;
}
interface OpenApiOperation {
  parameters?: OpenApiParameter[];
  responses?: Record<string, { content?: object }>;
}
type OpenApiDoc = {
  servers?: { url: string }[];
  paths?: Record<string, Record<string, OpenApiOperation>>;
};

/** The prefix of every API path; the document's `servers` entry ends with it, paths are relative to it. */
export const API_PREFIX = '/api';

/**
 * Paths relative to the server URL `<origin>/api` (`/api/collections` → `/collections`, `/api` →
 * `/`), as OGC API – Features Part 1 reads them; the non-API paths are dropped.
 */
export function relativePaths<T extends OpenApiDoc>(doc: T): T {
  const paths: NonNullable<OpenApiDoc['paths']> = {};
  for (const [path, methods] of Object.entries(doc.paths ?? {})) {
    if (path === API_PREFIX) paths['/'] = methods;
    else if (path.startsWith(`${API_PREFIX}/`)) paths[path.slice(API_PREFIX.length)] = methods;
  }
  doc.paths = paths;
  return doc;
}

/**
 * Parameters as OGC API – Features Part 1 defines them: `bbox` an array of 4 or 6 numbers sent as
 * one comma list (style form, explode false); `limit` with its default. (The route schemas take
 * bbox as text and leave the default out: their parser applies both.)
 */
export function ogcParameters<T extends OpenApiDoc>(doc: T, defaultLimit: number): T {
  for (const methods of Object.values(doc.paths ?? {})) {
    for (const operation of Object.values(methods)) {
      for (const p of operation.parameters ?? []) {
        if (p.in !== 'query') continue;
        if (p.name === 'bbox') {
          const description = p.schema?.description;
          p.schema = { type: 'array', minItems: 4, maxItems: 6, items: { type: 'number' }, description };
          p.style = 'form';
          p.explode = false;
        } else if (p.name === 'limit' && p.schema) {
          p.schema.default = defaultLimit;
          p.style = 'form';
          p.explode = false;
        }
      }
    }
  }
  return doc;
}

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
      'openapiObject' in doc
        ? relativePaths(ogcParameters(problemMediaTypes(doc.openapiObject as OpenApiDoc), DEFAULT_LIMIT))
        : doc.swaggerObject,
  });
  // Its Content-Security-Policy comes from plugins/security-headers.ts like every answer's.
  await app.register(swaggerUi, { routePrefix: DOCS_PATH });
  // The document is made once; each answer names the server the request reached.
  app.get(OPENAPI_PATH, { schema: { hide: true } }, async (request, reply) => {
    const doc = { ...(app.swagger() as OpenApiDoc) };
    doc.servers = [{ url: `${request.protocol}://${request.host}${API_PREFIX}` }];
    // A Buffer, so Fastify sends the media type as it is (no charset): GDAL 3.6 compares it exactly.
    return reply.header('content-type', OPENAPI_TYPE).send(Buffer.from(JSON.stringify(doc)));
  });
}

import { Readable } from 'node:stream';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { IndicatorsResponse, IndicatorValuesResponse } from '../contract/indicators';
import { EXPORT_FORMATS } from '../export/formats';
import { indicatorCsv, indicatorXlsx } from '../export/indicator-table';
import { indicatorValues, listIndicators } from '../indicators/indicator-service';
import { querySchema } from './common';
import { readResponses } from './responses';

/** A download (a stream, like the items downloads: the contract check reads JSON answers only). */
function download(reply: FastifyReply, body: string | Buffer, type: string, fileName: string): FastifyReply {
  return reply
    .type(type)
    .header('content-disposition', `attachment; filename="${fileName}"`)
    .send(Readable.from([body]));
}

/** The downloads of the same answer, advertised in a Link header (RFC 8288). */
function alternateLinks(url: string): string {
  const u = new URL(url, 'http://x');
  return (['csv', 'xlsx'] as const)
    .map((f) => {
      u.searchParams.set('f', f);
      return `<${u.pathname}${u.search}>; rel="alternate"; type="${EXPORT_FORMATS[f].type}"`;
    })
    .join(', ');
}

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
          f: Type.Optional(
            Type.Enum(['json', 'geojson', 'csv', 'xlsx'], {
              description:
                'Output format: json (default), or a download of the same table: csv (UTF-8 with BOM, Excel-safe) or xlsx',
            }),
          ),
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
    async (request, reply) => {
      const { f, year } = request.query;
      const values = await indicatorValues(app.catalog, app.store, request.params.indicator, year);
      const file = `${values.indicator}${values.year === null ? '' : `-${values.year}`}`;
      if (f === 'csv') return download(reply, indicatorCsv(values), 'text/csv; charset=utf-8', `${file}.csv`);
      if (f === 'xlsx')
        return download(reply, await indicatorXlsx(values), EXPORT_FORMATS.xlsx.type, `${file}.xlsx`);
      return reply.header('link', alternateLinks(request.url)).send(values);
    },
  );
}

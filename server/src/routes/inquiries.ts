import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { InquiryBody, InquiryDetail, InquiryList, InquiryPatch, InquiryReceipt } from '../contract/inquiries';
import { INQUIRY_STATUSES } from '../contract/vocabulary';
import type { InquiryService } from '../inquiries/inquiry-service';
import { querySchema } from './common';
import { authorize } from './guards';
import { readResponses, responses } from './responses';

/**
 * Bytes an inquiry body may have (413 above): every field at its longest, even with all
 * non-ASCII letters written as \u escapes, fits in 64 KiB; the app-wide 1 MiB is for features.
 */
export const INQUIRY_BODY_LIMIT = 65_536;
export const DEFAULT_INBOX_LIMIT = 20;
export const MAX_INBOX_LIMIT = 100;

const REFERENCE_PARAMS = Type.Object({
  reference: Type.String({ maxLength: 40, description: 'The reference number, e.g. LC-7K3F-9QXM-2HDT' }),
});

const INBOX_QUERY = querySchema({
  status: Type.Optional(Type.Enum(INQUIRY_STATUSES, { description: 'Only inquiries with this status' })),
  limit: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: MAX_INBOX_LIMIT,
      description: `Page size, default ${DEFAULT_INBOX_LIMIT}`,
    }),
  ),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, description: 'Inquiries to skip' })),
});

/** Staff only (editor, admin): 401 anonymous, 403 viewer; before anything else is looked at. */
async function staffOnly(request: FastifyRequest): Promise<void> {
  authorize(request, 'inquiries');
}

/** Inquiries hold personal data: never kept by a browser or a proxy. */
function noStore(reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', 'no-store');
}

/**
 * POST /api/inquiries (anyone: 201 with the receipt, 422 naming each wrong field, 429 +
 * Retry-After per address, 413 above 64 KiB); GET /api/inquiries (the inbox), GET and PATCH
 * /api/inquiries/{reference} (staff). The body schemas document the shapes; the service checks
 * them itself (attachValidation) so a wrong field is a 422 naming it, not a 400.
 */
export function registerInquiryRoutes(fastify: FastifyInstance, inquiries: InquiryService): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.post(
    '/api/inquiries',
    {
      bodyLimit: INQUIRY_BODY_LIMIT,
      attachValidation: true,
      schema: {
        summary: 'Send an inquiry about sites (anyone; answered with a reference number)',
        tags: ['Investors'],
        body: InquiryBody,
        response: responses({ 201: InquiryReceipt }, [400, 403, 413, 415, 422, 429]),
      },
    },
    async (request, reply) => {
      const receipt = await inquiries.submit(request.body, request.ip);
      return noStore(reply).code(201).send(receipt);
    },
  );

  app.get(
    '/api/inquiries',
    {
      onRequest: staffOnly,
      schema: {
        summary: 'The inquiry inbox, newest first (editor, admin)',
        tags: ['Investors'],
        querystring: INBOX_QUERY,
        response: readResponses(InquiryList, [401, 403]),
      },
    },
    async (request, reply) => {
      const { status, limit, offset } = request.query;
      const page = await inquiries.list({ status, limit: limit ?? DEFAULT_INBOX_LIMIT, offset: offset ?? 0 });
      return noStore(reply).send(page);
    },
  );

  app.get(
    '/api/inquiries/:reference',
    {
      onRequest: staffOnly,
      schema: {
        summary: 'One inquiry with its history (editor, admin)',
        tags: ['Investors'],
        params: REFERENCE_PARAMS,
        querystring: querySchema(),
        response: readResponses(InquiryDetail, [401, 403, 404]),
      },
    },
    async (request, reply) => noStore(reply).send(await inquiries.get(request.params.reference)),
  );

  app.patch(
    '/api/inquiries/:reference',
    {
      onRequest: staffOnly,
      attachValidation: true,
      schema: {
        summary: 'Take an inquiry, move its status, add an internal note (editor, admin)',
        tags: ['Investors'],
        params: REFERENCE_PARAMS,
        body: InquiryPatch,
        response: responses({ 200: InquiryDetail }, [400, 401, 403, 404, 413, 415, 422]),
      },
    },
    async (request, reply) => {
      const actor = { username: request.user?.username ?? '' };
      return noStore(reply).send(await inquiries.update(request.params.reference, request.body, actor));
    },
  );
}

import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { BatchResponse } from '../contract/batches';
import {
  FeatureImportPreview,
  ImportCommitBody,
  ImportFeaturePage,
  ImportPatchBody,
  ImportPreview,
  ImportProblemPage,
  IndicatorImportPreview,
} from '../contract/imports';
import { ApiError } from '../errors';
import { ENCODING_CHOICES, type EncodingChoice } from '../imports/encoding';
import type { ImportJob, Imports } from '../imports/imports';
import { ASYNC_THRESHOLD_BYTES, PREVIEW_PAGE } from '../imports/limits';
import type { Mapping } from '../imports/mapping';
import { LANGS, type Lang, messageFor, pickLang } from '../imports/messages';
import {
  FEATURE_UPLOAD_TYPES,
  INDICATOR_UPLOAD_TYPES,
  mediaTypeOf,
  registerUploadParser,
} from '../imports/upload';
import { featurePage, featurePreview, indicatorPreview, problemPage } from '../imports/views';
import type { PreviewFailure } from '../imports/worker-messages';
import { batchView } from './batch-view';
import { COLLECTION_PARAMS, querySchema, requireCollection } from './common';
import { authorize, requireEditable } from './guards';
import { actorOf } from './items-write';
import { baseUrl } from './links';
import { NO_BODY, readResponses, responses, WRITE_PROBLEMS } from './responses';

const LANG = Type.Optional(
  Type.Enum(LANGS, { description: 'language of messages (default: Accept-Language, else vi)' }),
);
const IMPORT_PARAMS = Type.Object({
  importId: Type.String({ description: 'Import id (from the Location of the upload)' }),
});
const UPLOAD_QUERY = {
  filename: Type.Optional(
    Type.String({ maxLength: 255, description: 'the file’s name, recorded with the batch' }),
  ),
  encoding: Type.Optional(
    Type.Enum(ENCODING_CHOICES, { description: 'text encoding; auto (default) detects it' }),
  ),
  lang: LANG,
};
const PAGE_QUERY = querySchema({
  offset: Type.Optional(Type.Integer({ minimum: 0 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, description: `default ${PREVIEW_PAGE}` })),
  lang: LANG,
});
const UPLOAD_PROBLEMS = [...WRITE_PROBLEMS, 404, 405, 422, 429] as const;

const langOf = (request: FastifyRequest) =>
  pickLang((request.query as { lang?: string } | undefined)?.lang, request.headers['accept-language']);

function jsonParam(name: string, value: string | undefined): Record<string, unknown> | null {
  if (value === undefined) return null;
  try {
    const parsed: unknown = JSON.parse(value);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw new ApiError(
    400,
    'InvalidParameterValue',
    `Parameter '${name}' must be a JSON object, e.g. {"Tên":"name"}`,
    name,
  );
}

function mappingParam(value: string | undefined): Mapping | null {
  const raw = jsonParam('mapping', value);
  if (raw === null) return null;
  for (const [column, target] of Object.entries(raw)) {
    if (target !== null && typeof target !== 'string')
      throw new ApiError(
        400,
        'InvalidParameterValue',
        `Parameter 'mapping': column '${column}' must name a property or null`,
        'mapping',
      );
  }
  return raw as Mapping;
}

/** A failed read as the problem answer of a synchronous upload. */
function failureProblem(failure: PreviewFailure, lang: Lang): ApiError {
  if (failure.status >= 500)
    return new ApiError(500, 'ServerError', 'The server failed to read this file; it has been logged.');
  const message = messageFor(failure.code, failure.params, lang);
  const code =
    failure.status === 413 ? 'PayloadTooLarge' : failure.status === 422 ? 'ValidationFailed' : 'InvalidBody';
  return new ApiError(failure.status, code, message, undefined, {
    body: { errors: [{ field: '(file)', code: failure.code, message, params: failure.params }] },
  });
}

/**
 * Imports (issue 14): upload a file → its preview (nothing written), look at it again, map
 * columns, page through its rows and problems, discard it, commit it as one batch. Files are
 * read in worker threads; a small file is answered 201 with its preview once read, a large one
 * (over 1 MiB, or with `Prefer: respond-async`) 202 at once, to be polled.
 */
export function registerImportRoutes(fastify: FastifyInstance, imports: Imports): void {
  const view = (request: FastifyRequest, job: ImportJob) => {
    const expires = imports.registry.expiresAt(job);
    return job.kind === 'features'
      ? featurePreview(job, expires, baseUrl(request), langOf(request))
      : indicatorPreview(job, expires, baseUrl(request), langOf(request));
  };
  /** 201 with the preview once read (or the file's problem), or 202 at once for a large file. */
  const answer = async (request: FastifyRequest, reply: FastifyReply, job: ImportJob) => {
    reply.header('location', `${baseUrl(request)}/api/imports/${job.id}`).header('cache-control', 'no-store');
    const async =
      job.size > ASYNC_THRESHOLD_BYTES || /respond-async/i.test(String(request.headers.prefer ?? ''));
    if (async) return reply.code(202).send(view(request, job));
    await job.settled;
    if (job.status === 'failed' && job.failure) {
      imports.registry.remove(job);
      reply.removeHeader('location');
      throw failureProblem(job.failure, langOf(request));
    }
    return reply.code(201).send(view(request, job));
  };
  const jobOf = (request: FastifyRequest) => {
    const user = request.user;
    if (!user) throw new ApiError(401, 'Unauthorized', 'Sign in to do this.');
    return imports.registry.get((request.params as { importId: string }).importId, user);
  };

  void fastify.register(async (child) => {
    registerUploadParser(child, Object.keys(FEATURE_UPLOAD_TYPES), langOf);
    const app = child.withTypeProvider<TypeBoxTypeProvider>();
    app.post(
      '/api/collections/:collectionId/imports',
      {
        config: { bodyTypes: Object.keys(FEATURE_UPLOAD_TYPES) },
        onRequest: async (request) => {
          const collection = requireCollection(
            request.server.catalog,
            (request.params as { collectionId: string }).collectionId,
          );
          authorize(request, 'importFeatures');
          requireEditable(request, collection, 'items');
        },
        schema: {
          summary: 'Upload a file to import into a collection: its preview, nothing written (editor)',
          tags: ['Import'],
          params: COLLECTION_PARAMS,
          querystring: Type.Object(
            {
              ...UPLOAD_QUERY,
              mapping: Type.Optional(
                Type.String({
                  description:
                    'JSON object: column → property or $lon/$lat/$wkt/$district/$commune (null: ignore)',
                }),
              ),
              defaults: Type.Optional(
                Type.String({ description: 'JSON object: property → value for rows that leave it empty' }),
              ),
            },
            { additionalProperties: false },
          ),
          response: responses({ 201: FeatureImportPreview, 202: FeatureImportPreview }, UPLOAD_PROBLEMS),
        },
      },
      async (request, reply) => {
        const collection = requireCollection(app.catalog, request.params.collectionId);
        const body = request.body as Buffer | undefined;
        if (!body || body.length === 0)
          throw new ApiError(400, 'InvalidBody', 'Send the file as the request body, with its media type.');
        const mediaType = mediaTypeOf(request);
        const job = imports.features.start({
          collection,
          format: FEATURE_UPLOAD_TYPES[mediaType] ?? 'csv',
          bytes: new Uint8Array(body),
          mediaType,
          fileName: request.query.filename ?? `import.${FEATURE_UPLOAD_TYPES[mediaType] ?? 'csv'}`,
          options: {
            mapping: mappingParam(request.query.mapping),
            defaults: jsonParam('defaults', request.query.defaults) ?? {},
            encoding: (request.query.encoding ?? 'auto') as EncodingChoice,
          },
          owner: actorOf(request).username,
        });
        return answer(request, reply, job);
      },
    );
  });

  void fastify.register(async (child) => {
    registerUploadParser(child, Object.keys(INDICATOR_UPLOAD_TYPES), langOf);
    const app = child.withTypeProvider<TypeBoxTypeProvider>();
    app.post(
      '/api/indicators/imports',
      {
        config: { bodyTypes: Object.keys(INDICATOR_UPLOAD_TYPES) },
        onRequest: async (request) => authorize(request, 'importIndicators'),
        schema: {
          summary:
            'Upload indicator values (long format CSV/XLSX): differences against the stored values (admin)',
          tags: ['Import'],
          querystring: Type.Object(UPLOAD_QUERY, { additionalProperties: false }),
          response: responses({ 201: IndicatorImportPreview, 202: IndicatorImportPreview }, [
            ...WRITE_PROBLEMS,
            422,
            429,
          ]),
        },
      },
      async (request, reply) => {
        const body = request.body as Buffer | undefined;
        if (!body || body.length === 0)
          throw new ApiError(400, 'InvalidBody', 'Send the file as the request body, with its media type.');
        const mediaType = mediaTypeOf(request);
        const job = imports.indicators.start({
          format: INDICATOR_UPLOAD_TYPES[mediaType] ?? 'csv',
          bytes: new Uint8Array(body),
          mediaType,
          fileName: request.query.filename ?? `indicators.${INDICATOR_UPLOAD_TYPES[mediaType] ?? 'csv'}`,
          encoding: (request.query.encoding ?? 'auto') as EncodingChoice,
          owner: actorOf(request).username,
        });
        return answer(request, reply, job);
      },
    );
  });

  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/imports/:importId',
    {
      schema: {
        summary: 'An import: its status and progress while read, then its preview (its owner or an admin)',
        tags: ['Import'],
        params: IMPORT_PARAMS,
        querystring: querySchema({ lang: LANG }),
        response: readResponses(ImportPreview, [401, 404]),
      },
    },
    async (request, reply) => reply.header('cache-control', 'no-store').send(view(request, jobOf(request))),
  );

  app.patch(
    '/api/imports/:importId',
    {
      schema: {
        summary: 'Read the file again with another mapping, defaults or encoding',
        tags: ['Import'],
        params: IMPORT_PARAMS,
        querystring: querySchema({ lang: LANG }),
        body: ImportPatchBody,
        response: responses({ 200: ImportPreview, 202: ImportPreview }, [...WRITE_PROBLEMS, 404]),
      },
    },
    async (request, reply) => {
      const job = jobOf(request);
      const { mapping, defaults, encoding } = request.body;
      if (job.kind === 'features')
        imports.features.reparse(job, {
          ...(mapping ? { mapping } : {}),
          ...(defaults ? { defaults } : {}),
          ...(encoding ? { encoding } : {}),
        });
      else imports.indicators.reparse(job, encoding ?? job.encoding);
      reply.header('cache-control', 'no-store');
      if (job.size > ASYNC_THRESHOLD_BYTES || /respond-async/i.test(String(request.headers.prefer ?? '')))
        return reply.code(202).send(view(request, job));
      await job.settled;
      return reply.code(200).send(view(request, job));
    },
  );

  app.delete(
    '/api/imports/:importId',
    {
      schema: {
        summary: 'Discard an import (nothing was written; its file is dropped)',
        tags: ['Import'],
        params: IMPORT_PARAMS,
        response: responses({ 204: NO_BODY }, [...WRITE_PROBLEMS, 404]),
      },
    },
    async (request, reply) => {
      imports.registry.remove(jobOf(request));
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/imports/:importId/features',
    {
      schema: {
        summary: 'A page of the rows that have a location, valid and invalid (GeoJSON)',
        tags: ['Import'],
        params: IMPORT_PARAMS,
        querystring: PAGE_QUERY,
        response: readResponses(ImportFeaturePage, [401, 404]),
      },
    },
    async (request, reply) => {
      const job = jobOf(request);
      if (job.kind !== 'features')
        throw new ApiError(404, 'NotFound', `Import '${job.id}' holds indicator values, not features.`);
      const page = { offset: request.query.offset ?? 0, limit: request.query.limit ?? PREVIEW_PAGE };
      return reply
        .header('cache-control', 'no-store')
        .type('application/geo+json')
        .send(featurePage(job, page, baseUrl(request)));
    },
  );

  app.get(
    '/api/imports/:importId/problems',
    {
      schema: {
        summary: 'A page of the row problems, in the user’s language',
        tags: ['Import'],
        params: IMPORT_PARAMS,
        querystring: PAGE_QUERY,
        response: readResponses(ImportProblemPage, [401, 404]),
      },
    },
    async (request, reply) => {
      const page = { offset: request.query.offset ?? 0, limit: request.query.limit ?? PREVIEW_PAGE };
      return reply
        .header('cache-control', 'no-store')
        .send(problemPage(jobOf(request), page, baseUrl(request), langOf(request)));
    },
  );

  app.post(
    '/api/imports/:importId/commit',
    {
      schema: {
        summary: 'Write the valid rows (or all but the excluded ones) in one transaction as one batch',
        tags: ['Import'],
        params: IMPORT_PARAMS,
        body: ImportCommitBody,
        response: responses({ 200: BatchResponse }, [...WRITE_PROBLEMS, 404, 409, 422]),
      },
    },
    async (request, reply) => {
      const job = jobOf(request);
      const body = request.body;
      authorize(request, job.kind === 'features' ? 'importFeatures' : 'importIndicators');
      const batch =
        job.kind === 'features'
          ? await imports.features.commit(
              job,
              { exclude: body.exclude ?? [], duplicates: body.duplicates ?? 'skip' },
              actorOf(request),
            )
          : await imports.indicators.commit(job, { ...body, exclude: body.exclude ?? [] }, actorOf(request));
      return reply.header('cache-control', 'no-store').send({ batch: batchView(request, batch) });
    },
  );
}

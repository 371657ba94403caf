import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '../errors';
import { MAX_IMPORT_BYTES } from './limits';
import { type Lang, messageFor } from './messages';
import type { ImportFormat } from './source';

/** The media types of a features import, and the format each means (issue 14). */
export const FEATURE_UPLOAD_TYPES: Readonly<Record<string, ImportFormat>> = {
  'text/csv': 'csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/geo+json': 'geojson',
  'application/json': 'geojson',
  'application/zip': 'shapefile',
  'application/x-zip-compressed': 'shapefile',
  'application/vnd.google-earth.kml+xml': 'kml',
  'application/vnd.google-earth.kmz': 'kmz',
};

/** The media types of an indicators import. */
export const INDICATOR_UPLOAD_TYPES: Readonly<Record<string, 'csv' | 'xlsx'>> = {
  'text/csv': 'csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
};

/** The media type of a request without parameters, lowercased. */
export function mediaTypeOf(request: FastifyRequest): string {
  return (
    String(request.headers['content-type'] ?? '')
      .split(';')[0]
      ?.trim()
      .toLowerCase() ?? ''
  );
}

/** 413 saying the limit (in the user's language, with the code and params of FileTooLarge). */
export function fileTooLarge(lang: Lang): ApiError {
  const params = { limit: MAX_IMPORT_BYTES, limitMb: MAX_IMPORT_BYTES / 1024 / 1024 };
  const message = messageFor('FileTooLarge', params, lang);
  return new ApiError(413, 'PayloadTooLarge', message, undefined, {
    body: { errors: [{ field: '(file)', code: 'FileTooLarge', message, params }] },
  });
}

/**
 * The upload body parser of an encapsulated context: the whole file as one Buffer, refused with
 * 413 as soon as it passes MAX_IMPORT_BYTES (by Content-Length before reading, or while a chunked
 * body arrives), so a large upload costs at most the limit in memory.
 */
export function registerUploadParser(
  app: FastifyInstance,
  types: readonly string[],
  lang: (r: FastifyRequest) => Lang,
): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser([...types], (request, payload, done) => {
    if (Number(request.headers['content-length'] ?? 0) > MAX_IMPORT_BYTES) {
      done(fileTooLarge(lang(request)), undefined);
      return;
    }
    const chunks: Buffer[] = [];
    let received = 0;
    let failed = false;
    payload.on('data', (chunk: Buffer) => {
      if (failed) return;
      received += chunk.length;
      if (received > MAX_IMPORT_BYTES) {
        failed = true;
        done(fileTooLarge(lang(request)), undefined);
        return;
      }
      chunks.push(chunk);
    });
    payload.on('end', () => {
      if (!failed) done(null, Buffer.concat(chunks, received));
    });
    payload.on('error', (err) => {
      if (!failed) done(err, undefined);
    });
  });
}

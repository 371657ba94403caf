import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../client/src/api/ApiError';
import { ApiClient } from '../../../client/src/api/client';
import { messageKeyFor } from '../../../client/src/api/problemMessage';
import { writeErrorMessage } from '../../../client/src/features/edit/writeErrorMessage';

const table = {
  byCode: { CsrfOriginMismatch: 'csrf', NetworkError: 'offline' },
  byStatus: { 403: 'forbidden' },
  fallback: 'generic',
} as const;

describe('messageKeyFor: by problem code, then status', () => {
  it('prefers the code over the status', () => {
    expect(messageKeyFor(new ApiError(403, 'CsrfOriginMismatch', 'd'), table)).toBe('csrf');
    expect(messageKeyFor(new ApiError(403, 'Forbidden', 'd'), table)).toBe('forbidden');
  });

  it('falls back for unknown codes and statuses, and for errors that are not ApiErrors', () => {
    expect(messageKeyFor(new ApiError(500, 'ServerError', 'd'), table)).toBe('generic');
    expect(messageKeyFor(new TypeError('x'), table)).toBe('generic');
    expect(messageKeyFor(ApiError.network(new Error('down')), table)).toBe('offline');
  });

  it('names a write failure by its code even when the status is unusual', () => {
    expect(writeErrorMessage(new ApiError(400, 'ValidationFailed', 'd'))).toEqual({
      key: 'editor.error.422',
    });
    expect(writeErrorMessage(new ApiError(409, 'Conflict', 'taken'))).toEqual({
      key: 'editor.error.generic',
      params: { status: 409, detail: 'taken' },
    });
  });
});

describe('one HTTP client for reads and writes', () => {
  it('turns a problem on a read and on a write into the same ApiError with field problems', async () => {
    const problem = {
      type: 'about:blank',
      title: 'Unprocessable',
      status: 422,
      detail: 'bad',
      code: 'ValidationFailed',
      errors: [{ field: 'properties.name', message: 'is required', code: 'Required' }],
    };
    const api = new ApiClient('/api', async () => new Response(JSON.stringify(problem), { status: 422 }));
    const read = await api.indicators().catch((e: unknown) => e);
    const write = await api
      .create('x', { type: 'Feature', geometry: { type: 'Point', coordinates: [1, 2] }, properties: {} })
      .catch((e: unknown) => e);
    for (const err of [read, write]) {
      expect(err).toBeInstanceOf(ApiError);
      expect(err).toMatchObject({ status: 422, code: 'ValidationFailed', fieldErrors: problem.errors });
    }
  });
});

import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../client/src/api/ApiError';
import { loginErrorMessage } from '../../../client/src/features/auth/loginError';
import { toDrawable } from '../../../client/src/features/edit/draw/drawable';

describe('loginErrorMessage', () => {
  it('says wrong username or password on 401', () => {
    expect(loginErrorMessage(ApiError.fromProblem(401, { code: 'InvalidCredentials' }, null))).toEqual({
      key: 'auth.error.invalid',
    });
  });

  it('rounds Retry-After up to whole minutes on 429, and defaults to 15', () => {
    expect(loginErrorMessage(ApiError.fromProblem(429, {}, '61'))).toEqual({
      key: 'auth.error.tooMany',
      params: { minutes: 2 },
    });
    expect(loginErrorMessage(ApiError.fromProblem(429, {}, null))).toEqual({
      key: 'auth.error.tooMany',
      params: { minutes: 15 },
    });
  });

  it('reports network failures and other statuses', () => {
    expect(loginErrorMessage(new ApiError(0, 'NetworkError', '')).key).toBe('auth.error.network');
    expect(loginErrorMessage(new ApiError(500, 'X', ''))).toEqual({
      key: 'auth.error.generic',
      params: { status: 500 },
    });
  });
});

describe('toDrawable', () => {
  it('rounds points to the given decimals', () => {
    expect(toDrawable({ type: 'Point', coordinates: [104.123456789, 22.5] }, 7)).toEqual({
      valid: true,
      geometry: { type: 'Point', coordinates: [104.1234568, 22.5] },
    });
  });

  it('accepts a one-part MultiPolygon as a Polygon and refuses holes and several parts', () => {
    const ring = [
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 0],
    ];
    expect(toDrawable({ type: 'MultiPolygon', coordinates: [[ring]] })).toEqual({
      valid: true,
      geometry: { type: 'Polygon', coordinates: [ring] },
    });
    expect(toDrawable({ type: 'MultiPolygon', coordinates: [[ring], [ring]] })).toEqual({
      valid: false,
      reason: 'multiPart',
    });
    expect(toDrawable({ type: 'Polygon', coordinates: [ring, ring] })).toEqual({
      valid: false,
      reason: 'holes',
    });
    expect(
      toDrawable({
        type: 'LineString',
        coordinates: [
          [0, 0],
          [1, 1],
        ],
      }),
    ).toEqual({
      valid: false,
      reason: 'unsupportedType',
    });
  });
});

import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import type { FeatureImportPreview, IndicatorImportPreview } from '../../server/src/contract/imports';
import type { Problem } from '../../server/src/contract/problem';
import { INJECT_ORIGIN } from '../helpers/auth';

/** POST a file to a collection's imports (or the indicator imports) as the given session. */
export async function upload(
  app: FastifyInstance,
  cookie: string | undefined,
  body: Buffer | string,
  type: string,
  options: {
    collection?: string;
    query?: Record<string, string>;
    headers?: Record<string, string>;
    indicators?: boolean;
  } = {},
) {
  const qs = new URLSearchParams(options.query ?? {}).toString();
  const path = options.indicators
    ? '/api/indicators/imports'
    : `/api/collections/${options.collection ?? 'facilities'}/imports`;
  return app.inject({
    method: 'POST',
    url: qs ? `${path}?${qs}` : path,
    headers: {
      origin: INJECT_ORIGIN,
      'content-type': type,
      ...(cookie ? { cookie } : {}),
      ...options.headers,
    },
    payload: body,
  });
}

export function preview(res: {
  statusCode: number;
  body: string;
  json: () => unknown;
}): FeatureImportPreview {
  expect(res.statusCode, res.body.slice(0, 2000)).toBe(201);
  return res.json() as FeatureImportPreview;
}

export function indicatorPreview(res: {
  statusCode: number;
  body: string;
  json: () => unknown;
}): IndicatorImportPreview {
  expect(res.statusCode, res.body.slice(0, 2000)).toBe(201);
  return res.json() as IndicatorImportPreview;
}

export function problemOf(res: { body: string; headers: Record<string, unknown> }): Problem {
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  return JSON.parse(res.body) as Problem;
}

/** JSON write headers for the import follow-ups (PATCH, commit, revert). */
export function jsonHeaders(cookie: string | undefined) {
  return { origin: INJECT_ORIGIN, 'content-type': 'application/json', ...(cookie ? { cookie } : {}) };
}

export async function commit(
  app: FastifyInstance,
  cookie: string,
  id: string,
  body: Record<string, unknown> = {},
) {
  return app.inject({
    method: 'POST',
    url: `/api/imports/${id}/commit`,
    headers: jsonHeaders(cookie),
    payload: JSON.stringify(body),
  });
}

export async function itemCount(app: FastifyInstance, collection = 'facilities'): Promise<number> {
  const res = await app.inject(`/api/collections/${collection}/items?limit=1`);
  return res.json<{ numberMatched: number }>().numberMatched;
}

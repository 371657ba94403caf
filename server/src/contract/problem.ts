import { type Static, Type } from 'typebox';
import { EditedSince } from './batches';
import { ApiFeature } from './geojson';
import { PROBLEM_FIELD_CODES } from './vocabulary';

/** One field's problem in a 400/422 answer; `field` is `geometry`, `properties.<name>`, `properties` or `(body)`. */
export const FieldProblem = Type.Object(
  {
    field: Type.String(),
    message: Type.String(),
    code: Type.Enum(PROBLEM_FIELD_CODES),
    /** The values the message names (e.g. `{ limit: 2000 }` for TooLong), so a client can translate it. */
    params: Type.Optional(Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()]))),
  },
  { additionalProperties: false },
);
export type FieldProblem = Static<typeof FieldProblem>;

/**
 * Every non-2xx answer: application/problem+json (RFC 9457) plus `code`, the OGC exception code
 * (PROBLEM_CODES). Validation failures add `errors` (one per field); a stale If-Match (412) adds
 * the feature as it is now (`currentVersion`, `current`); a refused commit or revert of a batch
 * (409) adds `conflicts` (what changed since) or `batch` (already committed).
 */
export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer({ minimum: 400, maximum: 599 }),
    detail: Type.String(),
    code: Type.String(),
    instance: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(FieldProblem)),
    currentVersion: Type.Optional(Type.Integer({ minimum: 1 })),
    current: Type.Optional(ApiFeature),
    batch: Type.Optional(
      Type.Integer({ minimum: 1, description: 'the batch an import was committed as (409)' }),
    ),
    conflicts: Type.Optional(
      Type.Array(EditedSince, { description: 'what changed since a batch (409 of a commit or a revert)' }),
    ),
  },
  { additionalProperties: false, description: 'application/problem+json (RFC 9457) with the OGC code' },
);
export type Problem = Static<typeof Problem>;

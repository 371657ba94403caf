/** Batches (issue 14): a committed import, or the revert of one, recorded as one change. */
import { type Static, Type } from 'typebox';
import { Link, Timestamp } from './common';
import { CONFIDENCE } from './vocabulary';

const Id = Type.Integer({ minimum: 1 });

export const BatchCounts = Type.Object(
  {
    created: Type.Integer({ minimum: 0, description: 'features added (or brought back by a revert)' }),
    updated: Type.Integer({ minimum: 0, description: 'features whose content was replaced' }),
    deleted: Type.Integer({
      minimum: 0,
      description: 'features deleted (a revert of an import); restorable',
    }),
    indicators: Type.Integer({ minimum: 0, description: 'indicator values written or put back' }),
  },
  { additionalProperties: false },
);

export const BatchInfo = Type.Object(
  {
    id: Id,
    kind: Type.Enum(['features', 'indicators']),
    collection: Type.Union([Type.String(), Type.Null()]),
    user: Type.String(),
    at: Timestamp,
    fileName: Type.Union([Type.String(), Type.Null()]),
    counts: BatchCounts,
    details: Type.Record(Type.String(), Type.Unknown(), {
      description:
        'what the import recorded: rows read, skipped, excluded, the source and confidence of indicator values, accepted warnings',
    }),
    reverts: Type.Union([Id, Type.Null()], { description: 'the batch this one undoes' }),
    revertedBy: Type.Union([Id, Type.Null()], { description: 'the batch that undid this one' }),
    links: Type.Array(Link),
  },
  { additionalProperties: false },
);
export type BatchInfo = Static<typeof BatchInfo>;

const IndicatorValue = Type.Object(
  {
    district_code: Type.String(),
    year: Type.Integer(),
    indicator: Type.String(),
    value: Type.Number(),
    unit: Type.String(),
    status: Type.Enum(CONFIDENCE),
    source: Type.String(),
  },
  { additionalProperties: false },
);

/** One change of a batch: a feature written, or an indicator value with its row before and after. */
export const BatchChange = Type.Union([
  Type.Object(
    {
      kind: Type.Literal('feature'),
      collection: Type.String(),
      featureId: Type.Integer({ minimum: 0 }),
      version: Id,
      operation: Type.Enum(['create', 'replace', 'patch', 'delete', 'revert', 'restore']),
      name: Type.String(),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      kind: Type.Literal('indicator'),
      indicator: Type.String(),
      year: Type.Integer(),
      districtCode: Type.String(),
      before: Type.Union([IndicatorValue, Type.Null()]),
      after: Type.Union([IndicatorValue, Type.Null()]),
    },
    { additionalProperties: false },
  ),
]);
export type BatchChange = Static<typeof BatchChange>;

/** POST /api/imports/{importId}/commit and POST /api/batches/{batchId}/revert: the batch written. */
export const BatchResponse = Type.Object({ batch: BatchInfo }, { additionalProperties: false });
export type BatchResponse = Static<typeof BatchResponse>;

/** GET /api/batches/{batchId}: the batch and a page of its changes. */
export const BatchDetailResponse = Type.Object(
  { batch: BatchInfo, changes: Type.Array(BatchChange) },
  { additionalProperties: false },
);
export type BatchDetailResponse = Static<typeof BatchDetailResponse>;

/** GET /api/batches, newest first. */
export const BatchesResponse = Type.Object(
  { batches: Type.Array(BatchInfo) },
  { additionalProperties: false },
);
export type BatchesResponse = Static<typeof BatchesResponse>;

/** A feature or indicator value changed since a batch (the 409 of a revert or a commit lists them). */
export const EditedSince = Type.Object(
  {
    kind: Type.Enum(['feature', 'indicator']),
    collection: Type.Union([Type.String(), Type.Null()]),
    featureId: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
    name: Type.String(),
    expectedVersion: Type.Union([Id, Type.Null()]),
    currentVersion: Type.Union([Id, Type.Null()], { description: 'null: the feature was deleted since' }),
  },
  { additionalProperties: false },
);
export type EditedSince = Static<typeof EditedSince>;

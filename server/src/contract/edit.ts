/** History, undo and the change log of staff edits (issue 5). */
import { type Static, Type } from 'typebox';
import { Timestamp } from './common';
import { ApiFeature } from './geojson';
import { HISTORY_OPERATIONS } from './vocabulary';

const Operation = Type.Enum(HISTORY_OPERATIONS);
// A 32-bit bound, so a body's 1e308 is refused as out of range (issue 11).
const Version = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });

/** One version of a feature: the feature before and after (null = did not exist: create / delete). */
export const HistoryEntry = Type.Object(
  {
    version: Version,
    operation: Operation,
    user: Type.String(),
    at: Timestamp,
    before: Type.Union([ApiFeature, Type.Null()]),
    after: Type.Union([ApiFeature, Type.Null()]),
    batch: Type.Optional(
      Type.Integer({
        minimum: 1,
        description: 'the batch (an import, or its revert) this change belongs to',
      }),
    ),
  },
  { additionalProperties: false },
);
export type HistoryEntry = Static<typeof HistoryEntry>;

/** GET …/items/{featureId}/history, newest first. */
export const HistoryResponse = Type.Object(
  { history: Type.Array(HistoryEntry) },
  { additionalProperties: false },
);
export type HistoryResponse = Static<typeof HistoryResponse>;

/** POST …/items/{featureId}/revert body: the version to make current again. */
export const RevertBody = Type.Object({ version: Version }, { additionalProperties: false });
export type RevertBody = Static<typeof RevertBody>;

/** A deleted feature an admin can restore; `name` is its label property, or `#id`. */
export const DeletedFeature = Type.Object(
  { id: Type.Integer({ minimum: 0 }), name: Type.String(), deletedAt: Timestamp, deletedBy: Type.String() },
  { additionalProperties: false },
);
export type DeletedFeature = Static<typeof DeletedFeature>;

/** GET /api/collections/{id}/deleted, most recently deleted first. */
export const DeletedResponse = Type.Object(
  { features: Type.Array(DeletedFeature) },
  { additionalProperties: false },
);
export type DeletedResponse = Static<typeof DeletedResponse>;

/** One change in the log across collections. */
export const ChangeEntry = Type.Object(
  {
    collection: Type.String(),
    featureId: Type.Integer({ minimum: 0 }),
    version: Version,
    operation: Operation,
    user: Type.String(),
    at: Timestamp,
    name: Type.String(),
    batch: Type.Optional(
      Type.Integer({
        minimum: 1,
        description: 'the batch (an import, or its revert) this change belongs to',
      }),
    ),
  },
  { additionalProperties: false },
);
export type ChangeEntry = Static<typeof ChangeEntry>;

/** GET /api/changes, newest first. */
export const ChangesResponse = Type.Object(
  { changes: Type.Array(ChangeEntry) },
  { additionalProperties: false },
);
export type ChangesResponse = Static<typeof ChangesResponse>;

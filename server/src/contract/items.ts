import { type Static, Type } from 'typebox';
import { Link, Timestamp } from './common';
import { ApiFeature } from './geojson';

/** GET /api/collections/{id}/items: one page, ordered by id; follow the `next` link for more. */
export const ItemsResponse = Type.Object(
  {
    type: Type.Literal('FeatureCollection'),
    numberMatched: Type.Integer({ minimum: 0 }),
    numberReturned: Type.Integer({ minimum: 0 }),
    timeStamp: Timestamp,
    links: Type.Array(Link),
    features: Type.Array(ApiFeature),
  },
  { additionalProperties: false },
);
export type ItemsResponse = Static<typeof ItemsResponse>;

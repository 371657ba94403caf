import { type Static, Type } from 'typebox';
import { Link, Timestamp } from './common';
import { ApiFeature } from './geojson';

/** GET /api/collections/{id}/items: one page, ordered by id; follow the `next` link for more. */
export const ItemsResponse = Type.Object(
  {
    type: Type.Literal('FeatureCollection'),
    /**
     * Exact number of matches when it was cheap to count (always for a page without bbox, q or
     * filters, and when this page ends the results); left out otherwise (OGC API – Features Part 1
     * allows it). Follow the `next` link to page: it is there exactly when more features follow.
     */
    numberMatched: Type.Optional(Type.Integer({ minimum: 0 })),
    numberReturned: Type.Integer({ minimum: 0 }),
    timeStamp: Timestamp,
    links: Type.Array(Link),
    features: Type.Array(ApiFeature),
  },
  { additionalProperties: false },
);
export type ItemsResponse = Static<typeof ItemsResponse>;

/**
 * Investor site figures (issue 15): the catalog's `site` configuration (which landmarks a
 * collection's features are measured to), the computed read-only `site` member of those features,
 * and the answer of GET /api/nearby. Distances are straight lines on the sphere (turf `distance`,
 * haversine, km), measured between the representative positions of both ends (CRS84 lon, lat).
 */
import { type Static, Type } from 'typebox';
import { LocalizedText } from './common';

/** How the distances are measured (the only method for now: no road network is shipped). */
export const DISTANCE_METHOD = 'straight-line';

/** Equals-conditions on a landmark's properties (each a queryable of the landmarks collection). */
const Where = Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean()]), {
  minProperties: 1,
});

/** One distance an investor measures: to the nearest landmark matching `where`. */
export const SiteMeasure = Type.Object(
  {
    key: Type.String({ pattern: '^[a-z][a-z0-9_]{0,31}$', description: 'stable key of the row' }),
    title: LocalizedText,
    where: Where,
    /** Only landmarks with the site's own `district_code` (the district seat of the site's district). */
    sameDistrict: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type SiteMeasure = Static<typeof SiteMeasure>;

/** A collection's `site` hint in the catalog: its features get a computed `site` member. */
export const SiteConfig = Type.Object(
  {
    /** The collection the landmarks come from. */
    landmarks: Type.String(),
    measures: Type.Array(SiteMeasure, { minItems: 1, maxItems: 20 }),
  },
  { additionalProperties: false },
);
export type SiteConfig = Static<typeof SiteConfig>;

const Km = Type.Number({ minimum: 0, description: 'kilometres, rounded to 0.1' });
const NullableKm = Type.Union([Km, Type.Null()]);
/** Where a measured end is: CRS84 [lon, lat]. */
const Coordinates = Type.Array(Type.Number(), { minItems: 2, maxItems: 2 });

/** A feature of our collections named in another answer: its collection, id and both names. */
export const FeatureRef = Type.Object(
  {
    collection: Type.String(),
    id: Type.Integer({ minimum: 0 }),
    name: Type.String(),
    nameEn: Type.Union([Type.String(), Type.Null()]),
  },
  { additionalProperties: false },
);
export type FeatureRef = Static<typeof FeatureRef>;

/** A position measured from and how sure it is (a site's `from`, a nearby search's `center`). */
const positionMembers = {
  coordinates: Coordinates,
  /** How far the true position may lie from these coordinates; null when not stated. */
  uncertaintyKm: NullableKm,
  approximate: Type.Boolean(),
};

/** How sure a distance is (site rows, nearby results). */
const measuredMembers = {
  /**
   * ± how far the true distance may differ: the location uncertainties of both ends added (the
   * triangle inequality's bound). 0 when both are surveyed; null when an approximate end has
   * no stated uncertainty (the figure is then approximate to an unknown degree).
   */
  uncertaintyKm: NullableKm,
  /** Either end is approximate: show "≈ 12 km ± 3 km", never a bare "12 km". */
  approximate: Type.Boolean(),
};

/** One row of a site's distances. `landmark` null (and `km` null) when no landmark matches. */
export const SiteDistance = Type.Object(
  {
    key: Type.String(),
    landmark: Type.Union([FeatureRef, Type.Null()]),
    km: NullableKm,
    ...measuredMembers,
  },
  { additionalProperties: false },
);
export type SiteDistance = Static<typeof SiteDistance>;

/** The computed, read-only `site` member of a feature (ignored when sent in a write). */
export const Site = Type.Object(
  {
    method: Type.Literal(DISTANCE_METHOD),
    /** The position measured from (a point itself; an area's representative position) and its uncertainty. */
    from: Type.Object(positionMembers, { additionalProperties: false }),
    distances: Type.Array(SiteDistance),
  },
  { additionalProperties: false, description: 'computed by the server from the landmarks; read-only' },
);
export type Site = Static<typeof Site>;

/** One feature found by GET /api/nearby. */
export const NearbyResult = Type.Object(
  {
    feature: FeatureRef,
    /** Its representative position. */
    coordinates: Coordinates,
    km: Km,
    ...measuredMembers,
  },
  { additionalProperties: false },
);
export type NearbyResult = Static<typeof NearbyResult>;

/** GET /api/nearby: features within `radiusKm` of a point or a landmark, nearest first. */
export const NearbyResponse = Type.Object(
  {
    method: Type.Literal(DISTANCE_METHOD),
    center: Type.Object(
      {
        ...positionMembers,
        /** The landmark searched from (`?landmark=`), else null (a point). */
        landmark: Type.Union([FeatureRef, Type.Null()]),
      },
      { additionalProperties: false },
    ),
    radiusKm: Km,
    collections: Type.Array(Type.String()),
    numberReturned: Type.Integer({ minimum: 0 }),
    /**
     * False when more features lie within the radius than were returned (`limit` reached, or a
     * collection had too many candidates and only the nearest part of the radius was searched:
     * see `searchedKm`).
     */
    complete: Type.Boolean(),
    /** The radius within which the answer is exhaustive (= radiusKm unless a collection was too dense). */
    searchedKm: Km,
    results: Type.Array(NearbyResult),
  },
  { additionalProperties: false },
);
export type NearbyResponse = Static<typeof NearbyResponse>;

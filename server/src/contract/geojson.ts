/**
 * GeoJSON as our API sends and accepts it (RFC 7946; CRS84 lon, lat; integer feature ids).
 * Geometry's static type is @types/geojson's, so server and client code keep using the GeoJSON
 * types turf and MapLibre speak; the runtime schema admits only the types we store.
 */
import type { Geometry as GeoJsonGeometry } from 'geojson';
import { type Static, type TSchema, Type } from 'typebox';
import { Link } from './common';
import { Site } from './site';

/** [lon, lat] or [lon, lat, altitude]. */
const Position = Type.Array(Type.Number(), { minItems: 2, maxItems: 3 });
const Bbox = Type.Optional(Type.Array(Type.Number(), { minItems: 4, maxItems: 6 }));

const geometry = (type: string, coordinates: TSchema) =>
  Type.Object({ type: Type.Literal(type), coordinates, bbox: Bbox }, { additionalProperties: false });

const GeometrySchema = Type.Union([
  geometry('Point', Position),
  geometry('MultiPoint', Type.Array(Position)),
  geometry('LineString', Type.Array(Position, { minItems: 2 })),
  geometry('MultiLineString', Type.Array(Type.Array(Position, { minItems: 2 }))),
  geometry('Polygon', Type.Array(Type.Array(Position, { minItems: 4 }))),
  geometry('MultiPolygon', Type.Array(Type.Array(Type.Array(Position, { minItems: 4 })))),
]);

/** A GeoJSON geometry of one of GEOMETRY_TYPES. */
export const Geometry = Type.Unsafe<GeoJsonGeometry>(GeometrySchema);
export type Geometry = GeoJsonGeometry;

/** Properties of any stored feature: a flat JSON object validated by its collection schema. */
export const FeatureProperties = Type.Record(Type.String(), Type.Unknown());
export type FeatureProperties = Static<typeof FeatureProperties>;

/** A feature as the API sends it: an integer id, links when served on its own, `site` for sites. */
export const ApiFeature = Type.Object(
  {
    type: Type.Literal('Feature'),
    id: Type.Integer({ minimum: 0 }),
    geometry: Geometry,
    properties: FeatureProperties,
    /** Computed, read-only distances of a site (collections with a catalog `site` hint; ignored in writes). */
    site: Type.Optional(Site),
    links: Type.Optional(Type.Array(Link)),
  },
  { additionalProperties: false },
);
export type ApiFeature = Static<typeof ApiFeature>;

/** A feature as sent on create or replace: no id (the URL names it; a sent id is ignored). */
export type FeatureInput = Pick<ApiFeature, 'type' | 'geometry' | 'properties'>;

/** RFC 7396 merge patch on a feature, e.g. `{ properties: { area_ha: 12 } }`. */
export type FeaturePatch = { properties?: Record<string, unknown>; geometry?: Geometry };

/**
 * The request body of POST/PUT/PATCH items: any JSON object. The write service checks it (400
 * not a Feature, 422 with a problem per field), so the answer can name every wrong field.
 */
export const FeatureBody = Type.Unsafe<unknown>({
  type: 'object',
  description:
    'A GeoJSON Feature (its id, if any, is ignored: the server assigns ids); for PATCH a JSON merge patch',
});

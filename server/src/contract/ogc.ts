/** OGC API documents: landing page, conformance, queryables, the properties schema, and app config. */
import { type Static, type TObject, Type } from 'typebox';
import { Link } from './common';

/** GET /api: OGC API landing page. */
export const LandingResponse = Type.Object(
  { title: Type.String(), description: Type.String(), links: Type.Array(Link) },
  { additionalProperties: false },
);
export type LandingResponse = Static<typeof LandingResponse>;

/** GET /api/conformance */
export const ConformanceResponse = Type.Object(
  { conformsTo: Type.Array(Type.String()) },
  { additionalProperties: false },
);
export type ConformanceResponse = Static<typeof ConformanceResponse>;

/**
 * A JSON Schema document's `$schema` and `$id`, added to an object schema by pattern: a property
 * literally named `$id` would read as a schema id to JSON Schema tools (OpenAPI generation).
 */
function withSchemaKeywords<T extends TObject>(schema: T) {
  return Type.Unsafe<Static<T> & { $schema: string; $id: string }>({
    ...schema,
    required: [...(schema.required ?? []), '$schema', '$id'],
    patternProperties: { '^\\$(schema|id)$': { type: 'string' } },
  });
}

/** GET /api/collections/{id}/queryables (application/schema+json, OGC API Features Part 3). */
export const QueryablesResponse = withSchemaKeywords(
  Type.Object(
    {
      type: Type.Literal('object'),
      title: Type.String(),
      properties: Type.Record(Type.String(), Type.Record(Type.String(), Type.Unknown())),
      additionalProperties: Type.Boolean(),
    },
    { additionalProperties: false },
  ),
);
export type QueryablesResponse = Static<typeof QueryablesResponse>;

/**
 * GET /api/collections/{id}/schema (rel=describedby): the collection's JSON Schema of `properties`
 * from geodata/schema (with our `x-*` annotations), with `$schema` and `$id` set.
 */
export const PropertiesSchemaResponse = withSchemaKeywords(
  Type.Object({ type: Type.Literal('object') }, { additionalProperties: true }),
);

/** GET /api/app-config: deployment settings the client needs at start. */
export const AppConfigResponse = Type.Object(
  {
    /** A deployment's own online basemap style URL; null means only the built-in offline basemap. */
    customBasemapStyleUrl: Type.Union([Type.String(), Type.Null()]),
  },
  { additionalProperties: false },
);
export type AppConfigResponse = Static<typeof AppConfigResponse>;

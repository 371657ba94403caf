import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import type { FastifyInstance } from 'fastify';

type Serialize = (data: unknown) => string;

/** Fastify's own response serializer factory (fast-json-stringify), without external schemas. */
const build = SerializerSelector()(undefined, {}) as (route: { schema: unknown }) => Serialize;

/**
 * Compiled response serializers, shared by every route and every app in this process, keyed by
 * the schema's JSON text. Fastify compiles each route × status × media type on its own (about
 * 40 ms each: most routes declare the same Problem schema for a dozen statuses), which made an
 * app take seconds to build; the set of distinct schemas is fixed by the code and the catalog,
 * so the map stays small.
 */
const compiled = new Map<string, Serialize>();

/** Makes `app` reuse one compiled serializer per distinct response schema (see `compiled`). */
export function registerSerializerCache(app: FastifyInstance): void {
  app.setSerializerCompiler((route) => {
    const key = JSON.stringify(route.schema);
    let serialize = compiled.get(key);
    if (!serialize) {
      serialize = build(route);
      compiled.set(key, serialize);
    }
    return serialize;
  });
}

/** How many distinct serializers are compiled so far (for the test that proves they are shared). */
export function compiledSerializerCount(): number {
  return compiled.size;
}

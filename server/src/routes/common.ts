import type { Catalog, CollectionDef } from '../catalog/catalog';
import { notFound } from '../errors';

/** Output format parameter many OGC clients send; we have one encoding, so json/geojson both work. */
export const F_PARAM = {
  type: 'string',
  enum: ['json', 'geojson'],
  description: 'Output format: json or geojson (the same document; geojson is the default for features).',
} as const;

/** Query-string schema rejecting any parameter not listed (400 naming it). */
export function querySchema(properties: Record<string, object> = {}): object {
  return { type: 'object', additionalProperties: false, properties: { f: F_PARAM, ...properties } };
}

export const COLLECTION_PARAMS = {
  type: 'object',
  required: ['collectionId'],
  properties: { collectionId: { type: 'string', description: 'Collection id, e.g. craft-villages' } },
} as const;

export interface CollectionParams {
  collectionId: string;
}

/** The catalog entry for a path's collection id, or a 404 problem. */
export function requireCollection(catalog: Catalog, id: string): CollectionDef {
  const collection = catalog.collection(id);
  if (!collection) {
    throw notFound(
      `Collection '${id}' does not exist (collections: ${catalog.collections.map((c) => c.id).join(', ')})`,
    );
  }
  return collection;
}

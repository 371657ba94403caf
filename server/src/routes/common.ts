import { type TProperties, Type } from 'typebox';
import type { Catalog, CollectionDef } from '../catalog/catalog';
import { notFound } from '../errors';

/** Output format parameter many OGC clients send; we have one encoding, so json/geojson both work. */
export const F_PARAM = Type.Optional(
  Type.Enum(['json', 'geojson'], {
    description: 'Output format: json or geojson (the same document; geojson is the default for features).',
  }),
);

/** Query-string schema rejecting any parameter not listed (400 naming it); `f` is always allowed. */
export function querySchema<P extends TProperties>(properties: P = {} as P) {
  return Type.Object({ f: F_PARAM, ...properties }, { additionalProperties: false });
}

export const COLLECTION_PARAMS = Type.Object({
  collectionId: Type.String({ description: 'Collection id, e.g. craft-villages' }),
});

export const ITEM_PARAMS = Type.Object({
  collectionId: Type.String({ description: 'Collection id, e.g. craft-villages' }),
  featureId: Type.String({ description: 'Integer feature id' }),
});

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

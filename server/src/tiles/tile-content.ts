import type { GeoJSONVTFeature } from '@maplibre/geojson-vt';
import { fromVectorTileJs, GeoJSONWrapper } from '@maplibre/vt-pbf';
import { type CollectionDef, propertySchema } from '../catalog/catalog';
import { TILE_EXTENT } from './web-mercator';

/**
 * What a vector tile of a collection holds, whatever the backend (SQLite encodes it with
 * encodeTile, PostGIS builds the same with ST_AsMVT): one MVT layer named after the collection id; each feature with its id
 * as the MVT feature id and, as attributes, the collection's `tileFields` that are not null;
 * for point-only collections at zoom ≤ CLUSTER_MAX_ZOOM, grid cells holding two or more points
 * become one point at their members' mean position with `cluster: true` and `point_count` (and no
 * other attribute). Features carry what the map styles, labels, filters and searches on; the
 * whole feature is one `GET …/items/{id}` away.
 */
export type TileFeature = GeoJSONVTFeature;

/**
 * Above this many points in a tile deeper than CLUSTER_MAX_ZOOM (known from the zoom-14 cells
 * before any row is read), the tile shows the zoom-14 clusters instead: no tile reads more rows.
 */
export const MAX_POINTS_PER_TILE = 20_000;

/** Attribute value types of tile fields, as TileJSON `vector_layers[].fields` names them. */
export type TileFieldType = 'String' | 'Number' | 'Boolean';

/** The attributes written into tiles: the label, the search and the queryable properties with a scalar type. */
export function tileFields(collection: CollectionDef): Record<string, TileFieldType> {
  const fields: Record<string, TileFieldType> = {};
  for (const name of [collection.label, ...collection.search, ...collection.queryables]) {
    const type = fieldType(propertySchema(collection, name));
    if (type && !(name in fields)) fields[name] = type;
  }
  return fields;
}

function fieldType(schema: Record<string, unknown> | undefined): TileFieldType | undefined {
  const raw = schema?.type;
  const types = (Array.isArray(raw) ? raw : [raw]).filter((t) => t !== 'null');
  if (types.length !== 1) return undefined;
  if (types[0] === 'string') return 'String';
  if (types[0] === 'integer' || types[0] === 'number') return 'Number';
  if (types[0] === 'boolean') return 'Boolean';
  return undefined;
}

/** The tile attributes of a feature: its `fields` with scalar, non-null values. */
export function tileTags(
  properties: Record<string, unknown>,
  fields: Record<string, TileFieldType>,
): Record<string, string | number | boolean> {
  const tags: Record<string, string | number | boolean> = {};
  for (const name in fields) {
    const v = properties[name];
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') tags[name] = v;
  }
  return tags;
}

/** The attributes of a cluster of `count` points. */
export function clusterTags(count: number): { cluster: true; point_count: number } {
  return { cluster: true, point_count: count };
}

/** Encodes one layer as an MVT (version 2, extent 4096); undefined when it has no feature. */
export function encodeTile(layer: string, features: TileFeature[]): Uint8Array | undefined {
  if (features.length === 0) return undefined;
  const wrapped = new GeoJSONWrapper(features, { version: 2, extent: TILE_EXTENT });
  wrapped.name = layer;
  return fromVectorTileJs({ layers: { [layer]: wrapped } });
}

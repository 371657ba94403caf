import type { FastifyInstance } from 'fastify';
import { MVT_TYPE } from '../contract/tiles';
import { invalidParameter, notFound } from '../errors';
import { checkRevisionEtag } from '../plugins/etag';
import { ResponseCache } from '../plugins/response-cache';
import { tileMatrixSets, tileSetMetadata, tileSetsList, webMercatorQuad } from '../tiles/tileset-metadata';
import { MAX_TILE_ZOOM, MIN_TILE_ZOOM, TILE_MATRIX_SET, type TileAddress } from '../tiles/web-mercator';
import { COLLECTION_PARAMS, type CollectionParams, querySchema, requireCollection } from './common';
import { baseUrl, JSON_TYPE } from './links';

interface TileSetParams extends CollectionParams {
  tileMatrixSetId: string;
}
interface TileParams extends TileSetParams {
  tileMatrix: string;
  tileRow: string;
  tileCol: string;
}

const text = (description: string) => ({ type: 'string', description });
const TILE_SET_PARAMS = {
  type: 'object',
  required: ['collectionId', 'tileMatrixSetId'],
  properties: {
    ...COLLECTION_PARAMS.properties,
    tileMatrixSetId: text(`Tile matrix set; only ${TILE_MATRIX_SET}`),
  },
};
const TILE_PARAMS = {
  type: 'object',
  required: ['collectionId', 'tileMatrixSetId', 'tileMatrix', 'tileRow', 'tileCol'],
  properties: {
    ...TILE_SET_PARAMS.properties,
    tileMatrix: text(`Zoom level z, an integer ${MIN_TILE_ZOOM}–${MAX_TILE_ZOOM}`),
    tileRow: text('Row y, an integer 0 … 2^z − 1 (0 = north)'),
    tileCol: text('Column x, an integer 0 … 2^z − 1 (0 = antimeridian, eastwards)'),
  },
};

function requireTileMatrixSet(id: string): void {
  if (id !== TILE_MATRIX_SET) {
    throw notFound(`Tile matrix set '${id}' is not offered (tile matrix sets: ${TILE_MATRIX_SET})`);
  }
}

/** z/y/x of a tile request, or a 400 naming the parameter that is not an integer in range. */
export function parseTileAddress(
  params: Pick<TileParams, 'tileMatrix' | 'tileRow' | 'tileCol'>,
): TileAddress {
  const integer = (name: string, raw: string, max: number, what: string): number => {
    const value = /^\d{1,10}$/.test(raw) ? Number(raw) : Number.NaN;
    if (!(value <= max))
      throw invalidParameter(name, `Parameter '${name}' must be an integer 0–${max} (${what})`);
    return value;
  };
  const z = integer(
    'tileMatrix',
    params.tileMatrix,
    MAX_TILE_ZOOM,
    `zoom; this tileset has ${MIN_TILE_ZOOM}–${MAX_TILE_ZOOM}`,
  );
  const last = 2 ** z - 1;
  const y = integer('tileRow', params.tileRow, last, `row at zoom ${z}`);
  const x = integer('tileCol', params.tileCol, last, `column at zoom ${z}`);
  return { z, x, y };
}

/**
 * OGC API – Tiles for every collection: the tileset list, the tileset metadata (also TileJSON),
 * the tiles (MVT, by data revision: ETag, 304, response cache; 204 when no feature is in the tile)
 * and the WebMercatorQuad tile matrix set.
 */
export function registerTileRoutes(app: FastifyInstance): void {
  app.get<{ Params: CollectionParams }>(
    '/api/collections/:collectionId/tiles',
    {
      schema: {
        summary: 'Vector tilesets of a collection',
        tags: ['Tiles'],
        params: COLLECTION_PARAMS,
        querystring: querySchema(),
      },
    },
    async (request, reply) => {
      const collection = requireCollection(app.catalog, request.params.collectionId);
      return reply.type(JSON_TYPE).send(tileSetsList(baseUrl(request), collection));
    },
  );

  app.get<{ Params: TileSetParams }>(
    '/api/collections/:collectionId/tiles/:tileMatrixSetId',
    {
      schema: {
        summary: 'Tileset metadata (also TileJSON 3.0)',
        tags: ['Tiles'],
        params: TILE_SET_PARAMS,
        querystring: querySchema(),
      },
    },
    async (request, reply) => {
      const collection = requireCollection(app.catalog, request.params.collectionId);
      requireTileMatrixSet(request.params.tileMatrixSetId);
      const extent = await app.store.collectionExtent(collection.id);
      return reply.type(JSON_TYPE).send(tileSetMetadata(baseUrl(request), collection, extent));
    },
  );

  app.get<{ Params: TileParams }>(
    '/api/collections/:collectionId/tiles/:tileMatrixSetId/:tileMatrix/:tileRow/:tileCol',
    {
      schema: {
        summary: 'One vector tile (MVT); 204 when no feature is in it',
        tags: ['Tiles'],
        params: TILE_PARAMS,
        querystring: querySchema(),
      },
    },
    async (request, reply) => {
      const collection = requireCollection(app.catalog, request.params.collectionId);
      requireTileMatrixSet(request.params.tileMatrixSetId);
      const tile = parseTileAddress(request.params);
      const revision = await app.store.revision();
      if (checkRevisionEtag(request, reply, revision)) return reply.code(304).send();
      const cacheKey = ResponseCache.keyOf(request);
      const hit = app.responseCache.get(cacheKey, revision);
      if (hit) return app.responseCache.send(request, reply, cacheKey, hit);
      const bytes = await app.store.vectorTile(collection.id, tile);
      if (!bytes) return reply.code(204).send();
      const answer = { body: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), type: MVT_TYPE };
      app.responseCache.set(cacheKey, revision, answer);
      return app.responseCache.send(request, reply, cacheKey, answer);
    },
  );

  app.get(
    '/api/tileMatrixSets',
    { schema: { summary: 'Tile matrix sets', tags: ['Tiles'], querystring: querySchema() } },
    async (request, reply) => reply.type(JSON_TYPE).send(tileMatrixSets(baseUrl(request))),
  );

  app.get<{ Params: { tileMatrixSetId: string } }>(
    '/api/tileMatrixSets/:tileMatrixSetId',
    {
      schema: {
        summary: 'A tile matrix set definition',
        tags: ['Tiles'],
        params: {
          type: 'object',
          required: ['tileMatrixSetId'],
          properties: { tileMatrixSetId: TILE_SET_PARAMS.properties.tileMatrixSetId },
        },
        querystring: querySchema(),
      },
    },
    async (request, reply) => {
      requireTileMatrixSet(request.params.tileMatrixSetId);
      return reply.type(JSON_TYPE).send(webMercatorQuad(baseUrl(request)));
    },
  );
}

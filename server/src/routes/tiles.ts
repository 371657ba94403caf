import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { type Static, Type } from 'typebox';
import {
  MVT_TYPE,
  MvtTile,
  TileMatrixSetDefinition,
  TileMatrixSetsResponse,
  TileSetMetadata,
  TileSetsResponse,
} from '../contract/tiles';
import { invalidParameter, notFound } from '../errors';
import { tileMatrixSets, tileSetMetadata, tileSetsList, webMercatorQuad } from '../tiles/tileset-metadata';
import { MAX_TILE_ZOOM, MIN_TILE_ZOOM, TILE_MATRIX_SET, type TileAddress } from '../tiles/web-mercator';
import { COLLECTION_PARAMS, querySchema, requireCollection } from './common';
import { baseUrl, JSON_TYPE } from './links';
import { NO_BODY, NOT_MODIFIED, readResponses, responses } from './responses';

const TILE_MATRIX_SET_ID = Type.String({ description: `Tile matrix set; only ${TILE_MATRIX_SET}` });
const TILE_SET_PARAMS = Type.Object({
  ...COLLECTION_PARAMS.properties,
  tileMatrixSetId: TILE_MATRIX_SET_ID,
});
const TILE_PARAMS = Type.Object({
  ...TILE_SET_PARAMS.properties,
  tileMatrix: Type.String({ description: `Zoom level z, an integer ${MIN_TILE_ZOOM}–${MAX_TILE_ZOOM}` }),
  tileRow: Type.String({ description: 'Row y, an integer 0 … 2^z − 1 (0 = north)' }),
  tileCol: Type.String({ description: 'Column x, an integer 0 … 2^z − 1 (0 = antimeridian, eastwards)' }),
});
type TileParams = Static<typeof TILE_PARAMS>;

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
 * OGC API – Tiles for every collection: the tileset list, the tileset metadata (also TileJSON;
 * revision-cached, it holds the extent), the tiles (MVT, revision-cached: ETag, 304, cached bytes;
 * 204 when no feature is in the tile) and the WebMercatorQuad tile matrix set.
 */
export function registerTileRoutes(fastify: FastifyInstance): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/collections/:collectionId/tiles',
    {
      schema: {
        summary: 'Vector tilesets of a collection',
        tags: ['Tiles'],
        params: COLLECTION_PARAMS,
        querystring: querySchema(),
        response: readResponses(TileSetsResponse, [404]),
      },
    },
    async (request, reply) => {
      const collection = requireCollection(app.catalog, request.params.collectionId);
      return reply.type(JSON_TYPE).send(tileSetsList(baseUrl(request), collection));
    },
  );

  app.get(
    '/api/collections/:collectionId/tiles/:tileMatrixSetId',
    {
      config: { revisionCache: true },
      schema: {
        summary: 'Tileset metadata (also TileJSON 3.0)',
        tags: ['Tiles'],
        params: TILE_SET_PARAMS,
        querystring: querySchema(),
        response: readResponses(TileSetMetadata, [404]),
      },
    },
    async (request, reply) => {
      const collection = requireCollection(app.catalog, request.params.collectionId);
      requireTileMatrixSet(request.params.tileMatrixSetId);
      const extent = await app.store.collectionExtent(collection.id);
      return reply.type(JSON_TYPE).send(tileSetMetadata(baseUrl(request), collection, extent));
    },
  );

  app.get(
    '/api/collections/:collectionId/tiles/:tileMatrixSetId/:tileMatrix/:tileRow/:tileCol',
    {
      config: { revisionCache: true },
      schema: {
        summary: 'One vector tile (MVT); 204 when no feature is in it',
        tags: ['Tiles'],
        params: TILE_PARAMS,
        querystring: querySchema(),
        produces: [MVT_TYPE],
        response: responses(
          {
            200: MvtTile,
            204: Type.Unsafe<undefined>({ ...NO_BODY, description: 'No feature in this tile' }),
            304: NOT_MODIFIED,
          },
          [400, 404],
        ),
      },
    },
    async (request, reply) => {
      const collection = requireCollection(app.catalog, request.params.collectionId);
      requireTileMatrixSet(request.params.tileMatrixSetId);
      const bytes = await app.store.vectorTile(collection.id, parseTileAddress(request.params));
      if (!bytes) return reply.code(204).send();
      return reply.type(MVT_TYPE).send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    },
  );

  app.get(
    '/api/tileMatrixSets',
    {
      schema: {
        summary: 'Tile matrix sets',
        tags: ['Tiles'],
        querystring: querySchema(),
        response: readResponses(TileMatrixSetsResponse),
      },
    },
    async (request, reply) => reply.type(JSON_TYPE).send(tileMatrixSets(baseUrl(request))),
  );

  app.get(
    '/api/tileMatrixSets/:tileMatrixSetId',
    {
      schema: {
        summary: 'A tile matrix set definition',
        tags: ['Tiles'],
        params: Type.Object({ tileMatrixSetId: TILE_MATRIX_SET_ID }),
        querystring: querySchema(),
        response: readResponses(TileMatrixSetDefinition, [404]),
      },
    },
    async (request, reply) => {
      requireTileMatrixSet(request.params.tileMatrixSetId);
      return reply.type(JSON_TYPE).send(webMercatorQuad(baseUrl(request)));
    },
  );
}

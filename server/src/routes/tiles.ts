import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type Static, type TOptional, type TSchema, Type } from 'typebox';
import type { CollectionDef } from '../catalog/catalog';
import {
  MVT_TYPE,
  MvtTile,
  TileMatrixSetDefinition,
  TileMatrixSetsResponse,
  TileSetMetadata,
  TileSetsResponse,
} from '../contract/tiles';
import { filterableNames } from '../cql2/queryables';
import { invalidParameter, notFound } from '../errors';
import { narrowsTile, type TileFilter } from '../store/feature-store';
import { FilteredTileCache, filteredTileKey } from '../tiles/filtered-tile-cache';
import { tileMatrixSets, tileSetMetadata, tileSetsList, webMercatorQuad } from '../tiles/tileset-metadata';
import { MAX_TILE_ZOOM, MIN_TILE_ZOOM, TILE_MATRIX_SET, type TileAddress } from '../tiles/web-mercator';
import { COLLECTION_PARAMS, querySchema, requireCollection } from './common';
import { type ItemsParams, parseItemsSelection } from './items-query';
import { itemsQuerySchema } from './items-schema';
import { baseUrl, JSON_TYPE, QUERYABLES_REL, SCHEMA_TYPE } from './links';
import { NO_BODY, NOT_MODIFIED, readResponses, responses } from './responses';

const TILE_MATRIX_SET_ID = Type.String({ description: `Tile matrix set; only ${TILE_MATRIX_SET}` });
const TILE_SET_PARAMS = Type.Object({
  ...COLLECTION_PARAMS.properties,
  tileMatrixSetId: TILE_MATRIX_SET_ID,
});
/** A tile's address in the path (after its collection). */
const TILE_ADDRESS = Type.Object({
  tileMatrixSetId: TILE_MATRIX_SET_ID,
  tileMatrix: Type.String({ description: `Zoom level z, an integer ${MIN_TILE_ZOOM}–${MAX_TILE_ZOOM}` }),
  tileRow: Type.String({ description: 'Row y, an integer 0 … 2^z − 1 (0 = north)' }),
  tileCol: Type.String({ description: 'Column x, an integer 0 … 2^z − 1 (0 = antimeridian, eastwards)' }),
});
type TileParams = Static<typeof TILE_ADDRESS>;
const TILE_PARAMS = Type.Object({ ...COLLECTION_PARAMS.properties, ...TILE_ADDRESS.properties });

/** Items parameters a tile accepts besides the collection's queryables: they narrow the features, not the page. */
const TILE_FILTER_PARAMS = ['q', 'datetime', 'filter', 'filter-lang', 'filter-crs'] as const;

/**
 * The query of a collection's tiles: the items route's own definitions (items-schema.ts) of
 * `q`, `datetime`, the CQL2 `filter` (`filter-lang`, `filter-crs`) and the collection's
 * queryables; no bbox (the tile is the box), paging, sorting or crs.
 */
export function tileQuerySchema(collection: CollectionDef) {
  const items: Record<string, TSchema> = itemsQuerySchema(collection).properties;
  const picked: Record<string, TOptional<TSchema>> = {};
  for (const name of [...TILE_FILTER_PARAMS, ...filterableNames(collection)])
    picked[name] = items[name] as TOptional<TSchema>;
  return querySchema(picked);
}

/**
 * A tile's query → what narrows it, parsed as the items query is (routes/items-query.ts: the
 * same 400s naming the parameter); undefined when nothing narrows it.
 */
export function parseTileFilter(collection: CollectionDef, query: ItemsParams): TileFilter | undefined {
  const { q, filters, filter } = parseItemsSelection(collection, query).where;
  const where: TileFilter = { q, filters, filter };
  return narrowsTile(where) ? where : undefined;
}

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
      const base = baseUrl(request);
      const queryables = {
        href: `${base}/api/collections/${encodeURIComponent(collection.id)}/queryables`,
        rel: QUERYABLES_REL,
        type: SCHEMA_TYPE,
        title: 'Queryables: the property filters a tile takes',
      };
      return reply.type(JSON_TYPE).send(tileSetMetadata(base, collection, extent, queryables));
    },
  );

  // One tile route per collection (so the OpenAPI document lists each one's own queryables), as items.
  const filtered = new FilteredTileCache();
  const serveTile = async (collection: CollectionDef, request: FastifyRequest, reply: FastifyReply) => {
    const params = request.params as TileParams;
    requireTileMatrixSet(params.tileMatrixSetId);
    const tile = parseTileAddress(params);
    const where = parseTileFilter(collection, request.query as ItemsParams);
    const make = () => app.store.vectorTile(collection.id, tile, where);
    const bytes = where
      ? await filtered.get(await app.store.revision(), filteredTileKey(collection.id, tile, where), make)
      : await make();
    if (!bytes) return reply.code(204).send();
    return reply.type(MVT_TYPE).send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  };
  const tileResponses = responses(
    {
      200: MvtTile,
      204: Type.Unsafe<undefined>({ ...NO_BODY, description: 'No (matching) feature in this tile' }),
      304: NOT_MODIFIED,
    },
    [400, 404],
  );
  for (const collection of app.catalog.collections) {
    app.get(
      `/api/collections/${collection.id}/tiles/:tileMatrixSetId/:tileMatrix/:tileRow/:tileCol`,
      {
        config: { revisionCache: true },
        schema: {
          summary: `One vector tile (MVT) of ${collection.title.en}; 204 when no feature is in it`,
          description:
            'The filter parameters of the items route (queryables, q, datetime, CQL2 filter) narrow the tile: it then holds only the matching features, and its clusters count only them.',
          tags: ['Tiles'],
          params: TILE_ADDRESS,
          querystring: tileQuerySchema(collection),
          produces: [MVT_TYPE],
          response: tileResponses,
        },
      },
      async (request, reply) => serveTile(collection, request, reply),
    );
  }
  // Any other collection id: 404 naming the collections there are.
  app.get(
    '/api/collections/:collectionId/tiles/:tileMatrixSetId/:tileMatrix/:tileRow/:tileCol',
    { schema: { hide: true, params: TILE_PARAMS, response: responses({}, [404]) } },
    async (request) => {
      requireCollection(app.catalog, request.params.collectionId);
      throw notFound(`Collection '${request.params.collectionId}' has its own tile route`);
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

/**
 * The vector tiles' wire shapes (OGC API – Tiles Part 1 with the OGC 2D TileMatrixSet and Tileset
 * Metadata 2.0 JSON encodings). Tiles: GET /api/collections/{id}/tiles/WebMercatorQuad/{z}/{y}/{x}
 * → application/vnd.mapbox-vector-tile (204 when no feature is in the tile).
 */
import { type Static, type TSchema, Type } from 'typebox';
import { Link } from './common';

export const MVT_TYPE = 'application/vnd.mapbox-vector-tile';

/**
 * One tile: Mapbox Vector Tile bytes. A binary answer: its route lists the media type in
 * `produces`, which the OpenAPI document and the tests' response check use.
 */
export const MvtTile = Type.Unsafe<Uint8Array>({
  type: 'string',
  format: 'binary',
  description: 'A Mapbox vector tile (MVT 2.1), one layer named after the collection',
});

/** A link whose href may be a URI template (`{tileMatrix}`, `{tileRow}`, `{tileCol}`). */
export const TemplatedLink = Type.Object(
  { ...Link.properties, templated: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
export type TemplatedLink = Static<typeof TemplatedLink>;

const TILESET_SUMMARY = {
  title: Type.String(),
  dataType: Type.Literal('vector'),
  crs: Type.String(),
  tileMatrixSetURI: Type.String(),
  links: Type.Array(TemplatedLink),
};

export const TileSetSummary = Type.Object(TILESET_SUMMARY, { additionalProperties: false });
export type TileSetSummary = Static<typeof TileSetSummary>;

/** GET /api/collections/{id}/tiles */
export const TileSetsResponse = Type.Object(
  { tilesets: Type.Array(TileSetSummary), links: Type.Array(Link) },
  { additionalProperties: false },
);
export type TileSetsResponse = Static<typeof TileSetsResponse>;

const Row = Type.Integer({ minimum: 0 });

/** Per tile matrix (zoom), the rows and columns that hold data (the collection's extent). */
export const TileMatrixLimits = Type.Object(
  { tileMatrix: Type.String(), minTileRow: Row, maxTileRow: Row, minTileCol: Row, maxTileCol: Row },
  { additionalProperties: false },
);
export type TileMatrixLimits = Static<typeof TileMatrixLimits>;

export const TileLayer = Type.Object(
  {
    id: Type.String(),
    title: Type.String(),
    dataType: Type.Literal('vector'),
    /** 0 = points, 1 = lines, 2 = polygons (absent when the collection mixes them). */
    geometryDimension: Type.Optional(Type.Union([Type.Literal(0), Type.Literal(1), Type.Literal(2)])),
    minTileMatrix: Type.String(),
    maxTileMatrix: Type.String(),
    /** Attributes the tiles carry (JSON Schema of an MVT feature's properties). */
    propertiesSchema: Type.Object(
      {
        type: Type.Literal('object'),
        properties: Type.Record(
          Type.String(),
          Type.Object(
            { type: Type.String(), description: Type.Optional(Type.String()) },
            { additionalProperties: false },
          ),
        ),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type TileLayer = Static<typeof TileLayer>;

/** A fixed-length array (items as one schema, not a tuple: OpenAPI 3.0 has no tuple form). */
function fixed<T extends unknown[]>(item: TSchema, length: T['length']) {
  return Type.Unsafe<T>(Type.Array(item, { minItems: length, maxItems: length }));
}
const Position = fixed<[number, number]>(Type.Number(), 2);
const Zoom = Type.Integer({ minimum: 0, maximum: 30 });

/**
 * GET /api/collections/{id}/tiles/WebMercatorQuad: OGC tileset metadata, plus TileJSON 3.0
 * members (`tilejson`, `tiles`, `minzoom`, `maxzoom`, `bounds`, `vector_layers`) so that the same
 * URL works as a MapLibre vector source `url`.
 */
export const TileSetMetadata = Type.Object(
  {
    ...TILESET_SUMMARY,
    description: Type.String(),
    /** The collection's extent in CRS84 (absent when it holds no feature). */
    boundingBox: Type.Optional(
      Type.Object(
        { lowerLeft: Position, upperRight: Position, crs: Type.String() },
        { additionalProperties: false },
      ),
    ),
    tileMatrixSetLimits: Type.Array(TileMatrixLimits),
    layers: Type.Array(TileLayer),
    tilejson: Type.Literal('3.0.0'),
    tiles: Type.Array(Type.String()),
    minzoom: Zoom,
    maxzoom: Zoom,
    bounds: Type.Optional(fixed<[number, number, number, number]>(Type.Number(), 4)),
    vector_layers: Type.Array(
      Type.Object(
        {
          id: Type.String(),
          fields: Type.Record(Type.String(), Type.String()),
          minzoom: Zoom,
          maxzoom: Zoom,
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type TileSetMetadata = Static<typeof TileSetMetadata>;

/** GET /api/tileMatrixSets/WebMercatorQuad (OGC 2D TileMatrixSet 2.0, JSON). */
export const TileMatrixSetDefinition = Type.Object(
  {
    id: Type.String(),
    title: Type.String(),
    uri: Type.String(),
    crs: Type.String(),
    orderedAxes: fixed<[string, string]>(Type.String(), 2),
    wellKnownScaleSet: Type.String(),
    tileMatrices: Type.Array(
      Type.Object(
        {
          id: Type.String(),
          scaleDenominator: Type.Number(),
          cellSize: Type.Number(),
          cornerOfOrigin: Type.Literal('topLeft'),
          pointOfOrigin: Position,
          tileWidth: Type.Integer({ minimum: 1 }),
          tileHeight: Type.Integer({ minimum: 1 }),
          matrixWidth: Type.Integer({ minimum: 1 }),
          matrixHeight: Type.Integer({ minimum: 1 }),
        },
        { additionalProperties: false },
      ),
    ),
    links: Type.Optional(Type.Array(Link)),
  },
  { additionalProperties: false },
);
export type TileMatrixSetDefinition = Static<typeof TileMatrixSetDefinition>;

/** GET /api/tileMatrixSets */
export const TileMatrixSetsResponse = Type.Object(
  {
    tileMatrixSets: Type.Array(
      Type.Object(
        { id: Type.String(), title: Type.String(), uri: Type.String(), links: Type.Array(Link) },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type TileMatrixSetsResponse = Static<typeof TileMatrixSetsResponse>;

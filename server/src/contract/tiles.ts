/**
 * Wire types of the vector tiles (OGC API – Tiles Part 1 with the OGC 2D TileMatrixSet and
 * Tileset Metadata 2.0 JSON encodings), shared by the server and the client.
 * Tiles: GET /api/collections/{id}/tiles/WebMercatorQuad/{z}/{y}/{x} → application/vnd.mapbox-vector-tile.
 */
import type { Link } from './api';

export const MVT_TYPE = 'application/vnd.mapbox-vector-tile';

/** A link whose href is a URI template (`{tileMatrix}`, `{tileRow}`, `{tileCol}`). */
export type TemplatedLink = Link & { templated?: boolean };

/** GET /api/collections/{id}/tiles */
export interface TileSetsResponse {
  tilesets: TileSetSummary[];
  links: Link[];
}

export interface TileSetSummary {
  title: string;
  dataType: 'vector';
  crs: string;
  tileMatrixSetURI: string;
  links: TemplatedLink[];
}

/** Per tile matrix (zoom), the rows and columns that hold data (the collection's extent). */
export interface TileMatrixLimits {
  tileMatrix: string;
  minTileRow: number;
  maxTileRow: number;
  minTileCol: number;
  maxTileCol: number;
}

/**
 * GET /api/collections/{id}/tiles/WebMercatorQuad: OGC tileset metadata, plus TileJSON 3.0
 * members (`tilejson`, `tiles`, `minzoom`, `maxzoom`, `bounds`, `vector_layers`) so that the same
 * URL works as a MapLibre vector source `url`.
 */
export interface TileSetMetadata extends TileSetSummary {
  description: string;
  /** The collection's extent in CRS84 (absent when it holds no feature). */
  boundingBox?: { lowerLeft: [number, number]; upperRight: [number, number]; crs: string };
  tileMatrixSetLimits: TileMatrixLimits[];
  layers: TileLayer[];
  tilejson: '3.0.0';
  tiles: string[];
  minzoom: number;
  maxzoom: number;
  bounds?: [number, number, number, number];
  vector_layers: { id: string; fields: Record<string, string>; minzoom: number; maxzoom: number }[];
}

export interface TileLayer {
  id: string;
  title: string;
  dataType: 'vector';
  /** 0 = points, 1 = lines, 2 = polygons (absent when the collection mixes them). */
  geometryDimension?: 0 | 1 | 2;
  minTileMatrix: string;
  maxTileMatrix: string;
  /** Attributes the tiles carry (JSON Schema of an MVT feature's properties). */
  propertiesSchema: { type: 'object'; properties: Record<string, { type: string; description?: string }> };
}

/** GET /api/tileMatrixSets/WebMercatorQuad (OGC 2D TileMatrixSet 2.0, JSON). */
export interface TileMatrixSetDefinition {
  id: string;
  title: string;
  uri: string;
  crs: string;
  orderedAxes: [string, string];
  wellKnownScaleSet: string;
  tileMatrices: {
    id: string;
    scaleDenominator: number;
    cellSize: number;
    cornerOfOrigin: 'topLeft';
    pointOfOrigin: [number, number];
    tileWidth: number;
    tileHeight: number;
    matrixWidth: number;
    matrixHeight: number;
  }[];
  links?: Link[];
}

/** GET /api/tileMatrixSets */
export interface TileMatrixSetsResponse {
  tileMatrixSets: { id: string; title: string; uri: string; links: Link[] }[];
}

import type { CollectionDef } from '../catalog/catalog';
import {
  MVT_TYPE,
  type TemplatedLink,
  type TileLayer,
  type TileMatrixLimits,
  type TileMatrixSetDefinition,
  type TileMatrixSetsResponse,
  type TileSetMetadata,
  type TileSetSummary,
  type TileSetsResponse,
} from '../contract/tiles';
import type { Bbox } from '../store/feature-store';
import { tileFields } from './tile-content';
import {
  MAX_LATITUDE,
  MAX_TILE_ZOOM,
  MIN_TILE_ZOOM,
  TILE_MATRIX_SET,
  TILE_MATRIX_SET_URI,
  WEB_MERCATOR_CRS,
} from './web-mercator';

export const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';
export const TILING_SCHEME_REL = 'http://www.opengis.net/def/rel/ogc/1.0/tiling-scheme';
export const TILESETS_VECTOR_REL = 'http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector';
export const TILING_SCHEMES_REL = 'http://www.opengis.net/def/rel/ogc/1.0/tiling-schemes';
const JSON_TYPE = 'application/json';

/** What a tile URL may add (routes/tiles.ts tileQuerySchema): the filters of the items route. */
const FILTER_NOTE =
  'the filter parameters of the items route (queryables, q, datetime, filter) narrow a tile to the matching features';

/** Half the side of the Web Mercator square, in metres. */
const ORIGIN = 20037508.3427892;
/** The standard's 0.28 mm pixel: scale denominator = cell size / 0.00028. */
const PIXEL_METRES = 0.00028;

export function tileSetPath(base: string, collectionId: string): string {
  return `${base}/api/collections/${encodeURIComponent(collectionId)}/tiles/${TILE_MATRIX_SET}`;
}

function tileMatrixSetUrl(base: string): string {
  return `${base}/api/tileMatrixSets/${TILE_MATRIX_SET}`;
}

function summary(base: string, collection: CollectionDef): TileSetSummary {
  const path = tileSetPath(base, collection.id);
  const links: TemplatedLink[] = [
    { href: path, rel: 'self', type: JSON_TYPE, title: 'Tileset metadata' },
    { href: tileMatrixSetUrl(base), rel: TILING_SCHEME_REL, type: JSON_TYPE, title: 'WebMercatorQuad' },
    {
      href: `${path}/{tileMatrix}/{tileRow}/{tileCol}`,
      rel: 'item',
      type: MVT_TYPE,
      title: `Mapbox vector tiles; ${FILTER_NOTE}`,
      templated: true,
    },
  ];
  return {
    title: `${collection.title.vi} / ${collection.title.en}`,
    dataType: 'vector',
    crs: WEB_MERCATOR_CRS,
    tileMatrixSetURI: TILE_MATRIX_SET_URI,
    links,
  };
}

/** GET …/tiles: the collection's one tileset (WebMercatorQuad, MVT). */
export function tileSetsList(base: string, collection: CollectionDef): TileSetsResponse {
  const root = `${base}/api/collections/${encodeURIComponent(collection.id)}`;
  return {
    tilesets: [summary(base, collection)],
    links: [
      { href: `${root}/tiles`, rel: 'self', type: JSON_TYPE, title: 'Tilesets' },
      { href: root, rel: 'collection', type: JSON_TYPE, title: 'Collection' },
    ],
  };
}

/** Column or row index of a lon or lat at zoom z, clamped to the grid. */
function column(lon: number, z: number): number {
  return Math.min(2 ** z - 1, Math.max(0, Math.floor(((lon + 180) / 360) * 2 ** z)));
}
function row(lat: number, z: number): number {
  const clamped = Math.max(-MAX_LATITUDE, Math.min(MAX_LATITUDE, lat));
  const sin = Math.sin((clamped * Math.PI) / 180);
  const y = 0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI);
  return Math.min(2 ** z - 1, Math.max(0, Math.floor(y * 2 ** z)));
}

function limits(extent: Bbox): TileMatrixLimits[] {
  const [west, south, east, north] = extent;
  return Array.from({ length: MAX_TILE_ZOOM - MIN_TILE_ZOOM + 1 }, (_, i) => {
    const z = MIN_TILE_ZOOM + i;
    return {
      tileMatrix: String(z),
      minTileRow: row(north, z),
      maxTileRow: row(south, z),
      minTileCol: column(west, z),
      maxTileCol: column(east, z),
    };
  });
}

function layer(collection: CollectionDef, fields: Record<string, string>): TileLayer {
  const types = new Set(collection.geometryTypes.map((t) => t.replace(/^Multi/, '')));
  const dimension =
    types.size === 1 ? ({ Point: 0, LineString: 1, Polygon: 2 } as const)[[...types][0]!] : undefined;
  const properties: TileLayer['propertiesSchema']['properties'] = {};
  for (const [name, type] of Object.entries(fields)) properties[name] = { type: type.toLowerCase() };
  if (dimension === 0) {
    properties.cluster = { type: 'boolean', description: 'true on a cluster of points (low zooms)' };
    properties.point_count = { type: 'integer', description: 'number of points in the cluster' };
  }
  return {
    id: collection.id,
    title: collection.title.en,
    dataType: 'vector',
    ...(dimension === undefined ? {} : { geometryDimension: dimension }),
    minTileMatrix: String(MIN_TILE_ZOOM),
    maxTileMatrix: String(MAX_TILE_ZOOM),
    propertiesSchema: { type: 'object', properties },
  };
}

/**
 * GET …/tiles/WebMercatorQuad: the tileset's metadata, also readable as TileJSON 3.0, with a link
 * to the collection's queryables (the property filters a tile URL takes).
 */
export function tileSetMetadata(
  base: string,
  collection: CollectionDef,
  extent: Bbox | undefined,
  queryables: TemplatedLink,
): TileSetMetadata {
  const fields: Record<string, string> = { ...tileFields(collection) };
  const tileLayer = layer(collection, fields);
  if (tileLayer.geometryDimension === 0) Object.assign(fields, { cluster: 'Boolean', point_count: 'Number' });
  const head = summary(base, collection);
  return {
    ...head,
    links: [...head.links, queryables],
    description: `${collection.description.vi} / ${collection.description.en}. Tiles: ${FILTER_NOTE}.`,
    ...(extent
      ? { boundingBox: { lowerLeft: [extent[0], extent[1]], upperRight: [extent[2], extent[3]], crs: CRS84 } }
      : {}),
    tileMatrixSetLimits: extent ? limits(extent) : [],
    layers: [tileLayer],
    tilejson: '3.0.0',
    tiles: [`${tileSetPath(base, collection.id)}/{z}/{y}/{x}`],
    minzoom: MIN_TILE_ZOOM,
    maxzoom: MAX_TILE_ZOOM,
    ...(extent ? { bounds: extent } : {}),
    vector_layers: [{ id: collection.id, fields, minzoom: MIN_TILE_ZOOM, maxzoom: MAX_TILE_ZOOM }],
  };
}

/** GET /api/tileMatrixSets/WebMercatorQuad: the standard definition, tile matrices 0–24. */
export function webMercatorQuad(base: string): TileMatrixSetDefinition {
  return {
    id: TILE_MATRIX_SET,
    title: 'Google Maps Compatible for the World',
    uri: TILE_MATRIX_SET_URI,
    crs: WEB_MERCATOR_CRS,
    orderedAxes: ['E', 'N'],
    wellKnownScaleSet: 'http://www.opengis.net/def/wkss/OGC/1.0/GoogleMapsCompatible',
    tileMatrices: Array.from({ length: 25 }, (_, z) => {
      const cellSize = (2 * ORIGIN) / 256 / 2 ** z;
      return {
        id: String(z),
        scaleDenominator: cellSize / PIXEL_METRES,
        cellSize,
        cornerOfOrigin: 'topLeft',
        pointOfOrigin: [-ORIGIN, ORIGIN],
        tileWidth: 256,
        tileHeight: 256,
        matrixWidth: 2 ** z,
        matrixHeight: 2 ** z,
      };
    }),
    links: [{ href: tileMatrixSetUrl(base), rel: 'self', type: JSON_TYPE, title: 'This tile matrix set' }],
  };
}

/** GET /api/tileMatrixSets */
export function tileMatrixSets(base: string): TileMatrixSetsResponse {
  return {
    tileMatrixSets: [
      {
        id: TILE_MATRIX_SET,
        title: 'Google Maps Compatible for the World',
        uri: TILE_MATRIX_SET_URI,
        links: [{ href: tileMatrixSetUrl(base), rel: 'self', type: JSON_TYPE, title: TILE_MATRIX_SET }],
      },
    ],
  };
}

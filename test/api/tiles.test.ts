import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Link } from '../../server/src/contract/api';
import type {
  TileMatrixSetDefinition,
  TileSetMetadata,
  TileSetsResponse,
} from '../../server/src/contract/tiles';
import { INJECT_ORIGIN, signIn } from '../helpers/auth';
import { decodeTile, pointsIn, tileAt } from '../helpers/mvt';
import { buildTestApp, FIXTURE_GEODATA, type TestApp } from '../helpers/server';
import { village } from './write-fixtures';

const TILES = '/api/collections/craft-villages/tiles';
const SET = `${TILES}/WebMercatorQuad`;
const MVT = 'application/vnd.mapbox-vector-tile';
const at = (t: { z: number; x: number; y: number }) => `${SET}/${t.z}/${t.y}/${t.x}`;

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ geodataDir: FIXTURE_GEODATA });
});
afterAll(async () => t.close());

const rel = (links: Link[], name: string) => links.find((l) => l.rel === name);

describe('tileset documents (OGC API – Tiles)', () => {
  it('lists one vector tileset per collection with its tiling scheme and a templated tile link', async () => {
    const res = await t.app.inject(TILES);
    expect(res.statusCode).toBe(200);
    const { tilesets } = res.json<TileSetsResponse>();
    expect(tilesets).toHaveLength(1);
    const set = tilesets[0]!;
    expect(set).toMatchObject({
      dataType: 'vector',
      crs: 'http://www.opengis.net/def/crs/EPSG/0/3857',
      tileMatrixSetURI: 'http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad',
    });
    expect(new URL(rel(set.links, 'self')!.href).pathname).toBe(SET);
    expect(
      new URL(rel(set.links, 'http://www.opengis.net/def/rel/ogc/1.0/tiling-scheme')!.href).pathname,
    ).toBe('/api/tileMatrixSets/WebMercatorQuad');
    const item = set.links.find((l) => l.rel === 'item');
    expect(item).toMatchObject({ type: MVT, templated: true });
    expect(item!.href).toMatch(/\/tiles\/WebMercatorQuad\/\{tileMatrix\}\/\{tileRow\}\/\{tileCol\}$/);
  });

  it('describes the tileset: zoom range, bounds, limits per zoom, layer fields; also as TileJSON 3.0', async () => {
    const meta = (await t.app.inject(SET)).json<TileSetMetadata>();
    expect(meta.boundingBox).toEqual({
      lowerLeft: [103.7, 22.2],
      upperRight: [104.1, 22.6],
      crs: 'http://www.opengis.net/def/crs/OGC/1.3/CRS84',
    });
    expect(meta.tileMatrixSetLimits[0]).toEqual({
      tileMatrix: '0',
      minTileRow: 0,
      maxTileRow: 0,
      minTileCol: 0,
      maxTileCol: 0,
    });
    expect(meta.tileMatrixSetLimits.map((l) => l.tileMatrix)).toEqual(
      Array.from({ length: 17 }, (_, i) => String(i)),
    );
    const [layer] = meta.layers;
    expect(layer).toMatchObject({
      id: 'craft-villages',
      geometryDimension: 0,
      minTileMatrix: '0',
      maxTileMatrix: '16',
    });
    expect(layer!.propertiesSchema.properties).toMatchObject({
      name: { type: 'string' },
      recognition_year: { type: 'number' },
      point_count: { type: 'integer' },
    });
    expect(meta).toMatchObject({
      tilejson: '3.0.0',
      minzoom: 0,
      maxzoom: 16,
      bounds: [103.7, 22.2, 104.1, 22.6],
    });
    expect(meta.tiles[0]).toMatch(
      /\/api\/collections\/craft-villages\/tiles\/WebMercatorQuad\/\{z\}\/\{y\}\/\{x\}$/,
    );
    expect(meta.vector_layers[0]?.fields).toMatchObject({
      name: 'String',
      craft: 'String',
      point_count: 'Number',
    });
    const districts = (
      await t.app.inject('/api/collections/districts/tiles/WebMercatorQuad')
    ).json<TileSetMetadata>();
    expect(districts.layers[0]?.geometryDimension).toBe(2);
    expect(districts.layers[0]?.propertiesSchema.properties).not.toHaveProperty('point_count');
  });

  it('serves the WebMercatorQuad definition and links tiles from the landing page, conformance and collections', async () => {
    const tms = (await t.app.inject('/api/tileMatrixSets/WebMercatorQuad')).json<TileMatrixSetDefinition>();
    expect(tms.tileMatrices).toHaveLength(25);
    expect(tms.tileMatrices[0]).toMatchObject({
      id: '0',
      matrixWidth: 1,
      tileWidth: 256,
      cornerOfOrigin: 'topLeft',
    });
    expect(tms.tileMatrices[0]!.cellSize).toBeCloseTo(156543.0339, 3);
    expect(tms.tileMatrices[0]!.scaleDenominator).toBeCloseTo(559082264.0287, 3);
    const list = (await t.app.inject('/api/tileMatrixSets')).json<{ tileMatrixSets: { id: string }[] }>();
    expect(list.tileMatrixSets.map((s) => s.id)).toEqual(['WebMercatorQuad']);
    const conformance = (await t.app.inject('/api/conformance')).json<{ conformsTo: string[] }>().conformsTo;
    expect(conformance).toEqual(
      expect.arrayContaining([
        'http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/core',
        'http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/mvt',
      ]),
    );
    const landing = (await t.app.inject('/api')).json<{ links: Link[] }>();
    expect(rel(landing.links, 'http://www.opengis.net/def/rel/ogc/1.0/tiling-schemes')).toBeDefined();
    const collection = (await t.app.inject('/api/collections/craft-villages')).json<{ links: Link[] }>();
    expect(
      new URL(rel(collection.links, 'http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector')!.href).pathname,
    ).toBe(TILES);
  });
});

describe('tiles', () => {
  it('answers an MVT with the clustered points at low zoom and each point at high zoom', async () => {
    const low = await t.app.inject(at({ z: 3, x: 6, y: 3 }));
    expect(low.statusCode).toBe(200);
    expect(low.headers['content-type']).toBe(MVT);
    const layer = decodeTile(low.rawPayload)['craft-villages']!;
    expect(pointsIn(layer.features)).toBe(5);
    expect(layer.features.some((f) => f.properties.cluster === true && f.properties.point_count === 5)).toBe(
      true,
    );
    const high = await t.app.inject(at(tileAt(103.95, 22.45, 15)));
    const [f] = decodeTile(high.rawPayload)['craft-villages']!.features;
    expect(f).toMatchObject({ id: 3, properties: { name: 'Rèn Đồng Tuyển', craft: 'forging' } });
  });

  it('answers 204 with no body for a tile with no feature (outside the extent, or an empty spot)', async () => {
    for (const url of [at({ z: 4, x: 0, y: 0 }), at(tileAt(103.75, 22.55, 16))]) {
      const res = await t.app.inject(url);
      expect(res.statusCode, url).toBe(204);
      expect(res.rawPayload.length).toBe(0);
    }
  });

  it.each([
    ['a', '0', '0', 'tileMatrix'],
    ['1.5', '0', '0', 'tileMatrix'],
    ['-1', '0', '0', 'tileMatrix'],
    ['17', '0', '0', 'tileMatrix'],
    ['99999999999', '0', '0', 'tileMatrix'],
    ['3', '8', '0', 'tileRow'],
    ['3', '0', '8', 'tileCol'],
    ['0', '0', '1', 'tileCol'],
    ['2', 'x', '1', 'tileRow'],
    ['2', '1', '1e1', 'tileCol'],
  ])('answers 400 problem+json for z=%s y=%s x=%s (%s)', async (z, y, x, parameter) => {
    const res = await t.app.inject(`${SET}/${z}/${y}/${x}`);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = res.json<{ type: string; title: string; status: number; detail: string; code: string }>();
    expect(problem).toMatchObject({ status: 400, code: 'InvalidParameterValue', title: 'Bad Request' });
    expect(problem.detail).toContain(`'${parameter}'`);
  });

  it('answers 404 problem+json for an unknown tile matrix set or collection', async () => {
    for (const url of [
      `${TILES}/WorldCRS84Quad/0/0/0`,
      '/api/collections/nope/tiles/WebMercatorQuad/0/0/0',
      `${TILES}/WorldCRS84Quad`,
    ]) {
      const res = await t.app.inject(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.json<{ code: string }>().code).toBe('NotFound');
    }
  });

  it('sends a revision ETag, 304 for a current copy, gzip when asked, and new bytes after an edit', async () => {
    const own = await buildTestApp({ geodataDir: FIXTURE_GEODATA });
    const url = at(tileAt(103.75, 22.55, 9));
    const first = await own.app.inject(url);
    expect(first.statusCode).toBe(200);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^W\/"r\d+-/);
    expect((await own.app.inject({ url, headers: { 'if-none-match': etag } })).statusCode).toBe(304);
    const gz = await own.app.inject({ url, headers: { 'accept-encoding': 'gzip' } });
    if (gz.headers['content-encoding'] === 'gzip')
      expect(gunzipSync(gz.rawPayload).equals(first.rawPayload)).toBe(true);
    else expect(gz.rawPayload.equals(first.rawPayload)).toBe(true);

    const editor = await signIn(own.app, { username: 'eddie', role: 'editor' });
    const created = await own.app.inject({
      method: 'POST',
      url: '/api/collections/craft-villages/items',
      headers: { cookie: editor, origin: INJECT_ORIGIN, 'content-type': 'application/geo+json' },
      payload: village({ name: 'Làng mới' }),
    });
    expect(created.statusCode).toBe(201);
    const after = await own.app.inject({ url, headers: { 'if-none-match': etag } });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(etag);
    expect(after.rawPayload.equals(first.rawPayload)).toBe(false);
    const before = pointsIn(decodeTile(first.rawPayload)['craft-villages']!.features);
    expect(pointsIn(decodeTile(after.rawPayload)['craft-villages']!.features)).toBe(before + 1);
    const deep = await own.app.inject(at(tileAt(103.75, 22.55, 16)));
    const [f] = decodeTile(deep.rawPayload)['craft-villages']!.features;
    expect(f?.properties.name).toBe('Làng mới');
    await own.close();
  });
});

import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeatureImportPreview } from '../../server/src/contract/imports';
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from '../../server/src/imports/limits';
import {
  csvText,
  facilityFeatures,
  facilityRows,
  geojsonBytes,
  kmlBytes,
  MEDIA,
  shapefileZip,
  VI_HEADERS,
  viCells,
} from '../fixtures/imports/make';
import { INJECT_ORIGIN, signIn } from '../helpers/auth';
import { buildTestApp, type TestApp } from '../helpers/server';
import { itemCount, problemOf, upload } from './import-helpers';

/** Malformed files and the limits (issue 14): a 4xx problem naming the problem, nothing written, nothing kept. */
let t: TestApp;
let editor = '';
beforeAll(async () => {
  t = await buildTestApp();
  editor = await signIn(t.app, { username: 'eddie', role: 'editor' });
});
afterAll(async () => t.close());

const features = facilityFeatures(facilityRows(3));

async function refused(body: Buffer | string, type: string, status: number, code: string) {
  const before = await itemCount(t.app);
  const res = await upload(t.app, editor, body, type, { query: { lang: 'en' } });
  expect(res.statusCode, res.body).toBe(status);
  const p = problemOf(res);
  expect(p.errors?.[0]).toMatchObject({ field: '(file)', code });
  expect(res.headers.location).toBeUndefined();
  expect(await itemCount(t.app)).toBe(before);
  return p;
}

describe('malformed files', () => {
  it('a truncated zip (Shapefile) → 400 DamagedZip', async () => {
    const zip = shapefileZip(features);
    const p = await refused(zip.subarray(0, Math.floor(zip.length / 2)), MEDIA.zip, 400, 'DamagedZip');
    expect(p.detail).toBe('the zip file is damaged or truncated');
  });

  it('a zip without a .shp → 400 NoShapefile', async () => {
    const { zipSync } = await import('fflate');
    await refused(
      Buffer.from(zipSync({ 'readme.txt': new TextEncoder().encode('x') })),
      MEDIA.zip,
      400,
      'NoShapefile',
    );
  });

  it('invalid XML (KML) → 400 InvalidXml naming the parse error', async () => {
    const kml = kmlBytes(features).toString('utf8');
    const p = await refused(kml.slice(0, kml.length - 40), MEDIA.kml, 400, 'InvalidXml');
    expect(p.detail).toMatch(/^the KML is not well-formed XML: /);
    await refused('<html><body>not kml</body></html>', MEDIA.kml, 400, 'InvalidXml');
  });

  it('a truncated KMZ → 400 DamagedZip', async () => {
    await refused(Buffer.from('PK\u0003\u0004broken'), MEDIA.kmz, 400, 'DamagedZip');
  });

  it('a CSV with ragged rows → 400 RaggedRows naming the first one', async () => {
    const rows = facilityRows(4).map(viCells);
    const text = csvText(VI_HEADERS, rows).split('\r\n');
    text[3] = `${text[3]},extra`;
    const p = await refused(text.join('\r\n'), MEDIA.csv, 400, 'RaggedRows');
    expect(p.errors?.[0]?.params).toEqual({
      row: 4,
      fields: VI_HEADERS.length + 1,
      expected: VI_HEADERS.length,
      count: 1,
    });
    expect(p.detail).toBe(
      `row 4 has ${VI_HEADERS.length + 1} fields, the header has ${VI_HEADERS.length} (1 rows differ)`,
    );
  });

  it('a CSV with an unclosed quote → 400 MalformedCsv', async () => {
    await refused('name,lon,lat\n"Cơ sở,104.1,22.3\n', MEDIA.csv, 400, 'MalformedCsv');
  });

  it('a GeoJSON that is not a FeatureCollection, or not JSON → 400', async () => {
    const p = await refused(JSON.stringify(features[0]), MEDIA.geojson, 400, 'NotAFeatureCollection');
    expect(p.detail).toBe('the GeoJSON must be a FeatureCollection (this one is Feature)');
    await refused('{"type":"FeatureCollection","features":[', MEDIA.geojson, 400, 'InvalidJson');
  });

  it('GeoJSON in another CRS (old `crs` member) → 400 UnsupportedCrs', async () => {
    const body = geojsonBytes(features, {
      crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::3405' } },
    });
    await refused(body, MEDIA.geojson, 400, 'UnsupportedCrs');
  });

  it('geometries all outside the province (e.g. lat/lon swapped) → 422 AllOutsideProvince', async () => {
    const swapped = features.map((f) => {
      const [lon, lat] = (f.geometry as { coordinates: number[] }).coordinates as [number, number];
      return { ...f, geometry: { type: 'Point' as const, coordinates: [lat + 80, lon - 80] } };
    });
    const p = await refused(geojsonBytes(swapped), MEDIA.geojson, 422, 'AllOutsideProvince');
    expect(p.detail).toMatch(/^all 3 features lie outside Lào Cai province \(e\.g\. at \[/);
  });

  it('an XLSX that is not a workbook → 400 UnreadableFile', async () => {
    await refused(Buffer.from('PK\u0003\u0004 not really'), MEDIA.xlsx, 400, 'UnreadableFile');
  });

  it('a file with only a header → 422 NoRows', async () => {
    await refused(`${VI_HEADERS.join(',')}\n`, MEDIA.csv, 422, 'NoRows');
  });

  it('an empty body → 400', async () => {
    const res = await upload(t.app, editor, '', MEDIA.csv);
    expect(res.statusCode).toBe(400);
  });
});

describe('limits', () => {
  it(`more than ${MAX_IMPORT_ROWS.toLocaleString('en')} rows → 413 TooManyRows saying the limit`, async () => {
    const body = `name\n${'x\n'.repeat(MAX_IMPORT_ROWS + 1)}`;
    const p = await refused(body, MEDIA.csv, 413, 'TooManyRows');
    expect(p.code).toBe('PayloadTooLarge');
    expect(p.detail).toBe('the file has more than 100000 rows; split it');
  });

  it('a file over 50 MB → 413 saying the limit, before it is read (Content-Length) and while it streams (chunked)', async () => {
    const big = Buffer.alloc(MAX_IMPORT_BYTES + 1, 0x61);
    const res = await upload(t.app, editor, big, MEDIA.csv, { query: { lang: 'en' } });
    expect(res.statusCode).toBe(413);
    const p = problemOf(res);
    expect(p).toMatchObject({
      code: 'PayloadTooLarge',
      detail: 'the file is larger than the 50 MB limit (52428800 bytes)',
    });
    expect(p.errors?.[0]).toMatchObject({
      code: 'FileTooLarge',
      params: { limit: MAX_IMPORT_BYTES, limitMb: 50 },
    });
    const chunks = Readable.from(
      (function* () {
        for (let i = 0; i < 51; i += 1) yield Buffer.alloc(1024 * 1024, 0x61);
      })(),
    );
    const streamed = await t.app.inject({
      method: 'POST',
      url: '/api/collections/facilities/imports',
      headers: {
        origin: INJECT_ORIGIN,
        cookie: editor,
        'content-type': MEDIA.csv,
        'transfer-encoding': 'chunked',
      },
      payload: chunks,
    });
    expect(streamed.statusCode).toBe(413);
    expect(problemOf(streamed).errors?.[0]?.code).toBe('FileTooLarge');
  });

  it('a file at the size limit is accepted: 202 at once, read while the client polls', async () => {
    const row = csvText(['x'], [viCells(facilityRows(1)[0]!)]).slice(3);
    const text = csvText(VI_HEADERS, []) + row.repeat(Math.floor((2 * 1024 * 1024) / row.length));
    const res = await upload(t.app, editor, text, MEDIA.csv);
    expect(res.statusCode).toBe(202);
    const first = res.json<FeatureImportPreview>();
    expect(first.status).toBe('parsing');
    expect(first.progress).toMatchObject({ phase: expect.any(String) });
    let p = first;
    for (let i = 0; i < 300 && p.status === 'parsing'; i += 1) {
      await new Promise((r) => setTimeout(r, 100));
      p = (
        await t.app.inject({ url: `/api/imports/${first.id}`, headers: { cookie: editor } })
      ).json<FeatureImportPreview>();
    }
    expect(p.status, JSON.stringify(p.problem)).toBe('ready');
    expect(p.summary?.rowsRead).toBeGreaterThan(5000);
    expect(p.summary?.valid).toBe(p.summary?.rowsRead);
    expect(p.features?.features).toHaveLength(1000);
    expect(p.features?.links.map((l) => l.rel)).toContain('next');
  });
});

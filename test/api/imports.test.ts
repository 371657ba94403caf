import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeatureImportPreview } from '../../server/src/contract/imports';
import {
  csvText,
  encodeText,
  facilityFeatures,
  facilityRows,
  geojsonBytes,
  kmlBytes,
  kmzBytes,
  MEDIA,
  shapefileZip,
  VI_HEADERS,
  viCells,
  xlsxBytes,
} from '../fixtures/imports/make';
import { signIn } from '../helpers/auth';
import { buildTestApp, type TestApp } from '../helpers/server';
import { itemCount, jsonHeaders, preview, problemOf, upload } from './import-helpers';

/** Imports (issue 14): the preview of every format — read, mapped, checked, placed — and nothing written. */
let t: TestApp;
const who = { viewer: '', editor: '', admin: '' };
beforeAll(async () => {
  t = await buildTestApp();
  who.viewer = await signIn(t.app, { username: 'vera', role: 'viewer' });
  who.editor = await signIn(t.app, { username: 'eddie', role: 'editor' });
  who.admin = await signIn(t.app, { username: 'ada', role: 'admin' });
});
afterAll(async () => t.close());

const rows = facilityRows(12);
const viCsv = csvText(VI_HEADERS, rows.map(viCells));

describe('preview of a CSV with Vietnamese headers', () => {
  it('201 + Location with rows read and valid, suggested columns, the rows as GeoJSON — and writes nothing', async () => {
    const before = await itemCount(t.app);
    const res = await upload(t.app, who.editor, encodeText(viCsv, 'utf-8'), MEDIA.csv, {
      query: { filename: 'co-so.csv' },
    });
    const p = preview(res);
    expect(res.headers.location).toBe(`http://localhost:80/api/imports/${p.id}`);
    expect(p).toMatchObject({
      status: 'ready',
      kind: 'features',
      collection: 'facilities',
      fileName: 'co-so.csv',
      format: 'csv',
    });
    expect(p.summary).toMatchObject({
      rowsRead: 12,
      valid: 12,
      invalid: 0,
      new: 12,
      duplicates: 0,
      approximate: 0,
    });
    expect(p.mapping).toMatchObject({
      'Tên cơ sở': 'name',
      'Tên tiếng Anh': 'name_en',
      Ngành: 'sector',
      Huyện: 'district_code',
      'Được khuyến công hỗ trợ': 'khuyen_cong_supported',
      'Kinh phí hỗ trợ': 'support_amount_million_vnd',
      'Kinh độ': '$lon',
      'Vĩ độ': '$lat',
    });
    expect(p.features?.numberMatched).toBe(12);
    const first = p.features?.features[0];
    expect(first?.geometry).toEqual({ type: 'Point', coordinates: [rows[0]?.lon, rows[0]?.lat] });
    // Typed from the schema: enum title → code, district name → code, "có" → true, "62,5" → 62.5.
    expect(first?.properties).toMatchObject({
      name: 'Cơ sở thử nghiệm 0001',
      sector: 'wood_processing',
      district_code: '082',
      khuyen_cong_supported: true,
      support_amount_million_vnd: 50,
      support_year: 2008,
      owner: 'Hộ kinh doanh Nguyễn Văn 0001',
      commune: null,
    });
    expect(p.features?.features[1]?.properties.support_amount_million_vnd).toBe(62.5);
    expect(await itemCount(t.app)).toBe(before);
    const again = await t.app.inject({ url: `/api/imports/${p.id}`, headers: { cookie: who.editor } });
    expect(again.statusCode).toBe(200);
    expect(again.json<FeatureImportPreview>().summary).toEqual(p.summary);
  });

  it('lists each invalid row with its number, field, column and a message in the user’s language (vi by default)', async () => {
    const bad = [...rows.slice(0, 3).map(viCells)];
    (bad[1] as (string | number)[])[2] = 'Luyện thép';
    (bad[1] as (string | number)[])[8] = 'năm ngoái';
    (bad[2] as (string | number)[])[17] = 105.9;
    const file = encodeText(csvText(VI_HEADERS, bad), 'utf-8');
    const vi = preview(await upload(t.app, who.editor, file, MEDIA.csv));
    expect(vi.summary).toMatchObject({ rowsRead: 3, valid: 1, invalid: 2 });
    const byField = Object.fromEntries(vi.problems.items.map((x) => [`${x.row}:${x.field}`, x]));
    expect(byField['3:properties.sector']).toMatchObject({ column: 'Ngành', code: 'NotInVocabulary' });
    expect(byField['3:properties.sector']?.message).toMatch(/^phải là một trong: wood_processing/);
    expect(byField['3:properties.support_year']).toMatchObject({
      column: 'Năm hỗ trợ',
      code: 'InvalidType',
      message: 'phải là một số nguyên hoặc để trống',
    });
    expect(byField['4:geometry']).toMatchObject({
      column: 'Kinh độ',
      code: 'OutsideProvince',
      message: 'nằm ngoài tỉnh Lào Cai',
    });
    const en = await t.app.inject({
      url: `/api/imports/${vi.id}`,
      headers: { cookie: who.editor, 'accept-language': 'en-GB,en;q=0.9' },
    });
    const enSector = en
      .json<FeatureImportPreview>()
      .problems.items.find((x) => x.field === 'properties.sector');
    expect(enSector?.message).toMatch(/^must be one of: wood_processing/);
    const page = await t.app.inject({
      url: `/api/imports/${vi.id}/problems?lang=en&limit=1`,
      headers: { cookie: who.editor },
    });
    expect(page.json()).toMatchObject({ numberMatched: vi.problems.numberMatched, problems: [{ row: 3 }] });
    expect(page.json<{ links: { rel: string }[] }>().links.map((l) => l.rel)).toContain('next');
  });

  it('finds likely duplicates: the same name in the same district, or within 100 m of an existing feature', async () => {
    const sameName = [...viCells(rows[2]!)];
    sameName[0] = 'HTX rượu ngô Bản Phố';
    const near = [...viCells(rows[1]!)];
    near[0] = 'Một cơ sở mới';
    near[17] = 104.1183; // 30 m from the Mường Khương chili-sauce line (104.118, 22.768)
    near[18] = 22.7681;
    near[3] = 'Mường Khương';
    const p = preview(
      await upload(
        t.app,
        who.editor,
        encodeText(csvText(VI_HEADERS, [sameName, near, viCells(rows[0]!)]), 'utf-8'),
        MEDIA.csv,
      ),
    );
    expect(p.summary).toMatchObject({ valid: 3, new: 1, duplicates: 2, changed: 2 });
    expect(p.duplicates.items).toEqual([
      {
        row: 2,
        matches: [expect.objectContaining({ id: 6, name: 'HTX rượu ngô Bản Phố', reasons: ['name'] })],
        match: 6,
        status: 'changed',
      },
      {
        row: 3,
        matches: [expect.objectContaining({ id: 1, reasons: ['distance'], distanceM: 33 })],
        match: 1,
        status: 'changed',
      },
    ]);
    expect(p.features?.features.map((f) => f.import.duplicates)).toEqual([[6], [1], []]);
  });

  it('places a row that names only its district or commune at the district seat, approximate with a stated uncertainty', async () => {
    const header = [
      'Tên',
      'Tên tiếng Anh',
      'Ngành',
      'Huyện',
      'Xã',
      'Được khuyến công hỗ trợ',
      'Nguồn',
      'Độ tin cậy',
      'Ghi chú',
    ];
    const file = csvText(header, [
      ['Xưởng mộc A', 'Workshop A', 'Chế biến gỗ', 'Bảo Thắng', '', 'không', 'sổ đăng ký', 'reported', ''],
      ['Xưởng rượu B', 'Workshop B', 'Đồ uống', '', 'Xã Bản Phố', 'không', 'sổ đăng ký', 'reported', ''],
      ['Xưởng C', 'Workshop C', 'Đồ uống', 'Huyện Không Có', '', 'không', 'sổ đăng ký', 'reported', ''],
    ]);
    const p = preview(await upload(t.app, who.editor, Buffer.from(file), MEDIA.csv));
    expect(p.summary).toMatchObject({ rowsRead: 3, valid: 2, invalid: 1, approximate: 2 });
    const [a, b] = p.features?.features ?? [];
    expect(a?.geometry).toEqual({ type: 'Point', coordinates: [104.182, 22.318] });
    expect(a?.import.approximate).toMatchObject({
      by: 'district',
      districtCode: '086',
      seat: 'Thị trấn Phố Lu',
    });
    expect(a?.import.approximate?.uncertaintyKm).toBeGreaterThan(10);
    expect(a?.properties).toMatchObject({
      district_code: '086',
      location_precision: 'approximate',
      location_uncertainty_km: a?.import.approximate?.uncertaintyKm,
    });
    expect(String(a?.properties.location_method)).toMatch(
      /placed at the district seat \(Thị trấn Phố Lu\).*up to \d+ km/,
    );
    expect(b?.import.approximate).toMatchObject({
      by: 'commune',
      districtCode: '085',
      place: 'Xã Bản Phố, Huyện Bắc Hà',
    });
    expect(b?.geometry).toEqual({ type: 'Point', coordinates: [104.29, 22.537] });
    expect(p.problems.items).toEqual([
      expect.objectContaining({
        row: 4,
        field: 'geometry',
        column: 'Huyện',
        code: 'UnknownPlace',
        params: { value: 'Huyện Không Có' },
      }),
    ]);
  });
});

describe('mapping', () => {
  const header = ['Facility', 'English', 'Kind', 'X', 'Y', 'Origin'];
  const file = Buffer.from(
    csvText(header, [['Lò rèn Bản Qua', 'Ban Qua forge', 'mechanics', 103.9, 22.55, 'survey']]),
  );
  const defaults = {
    khuyen_cong_supported: false,
    confidence: 'reported',
    location_precision: 'surveyed',
    location_uncertainty_km: 0.1,
    location_method: 'GPS',
    notes: '',
  };

  it('takes a mapping and defaults as query parameters, and says which required properties nothing fills', async () => {
    const unmapped = preview(await upload(t.app, who.editor, file, MEDIA.csv));
    expect(unmapped.summary?.valid).toBe(0);
    expect(unmapped.mapping).toMatchObject({
      Facility: 'name',
      X: '$lon',
      Y: '$lat',
      English: null,
      Kind: null,
    });
    expect(unmapped.unfilled).toEqual(expect.arrayContaining(['name_en', 'sector', 'source']));
    const mapping = {
      Facility: 'name',
      English: 'name_en',
      Kind: 'sector',
      X: '$lon',
      Y: '$lat',
      Origin: 'source',
    };
    const mapped = preview(
      await upload(t.app, who.editor, file, MEDIA.csv, {
        query: { mapping: JSON.stringify(mapping), defaults: JSON.stringify(defaults) },
      }),
    );
    expect(mapped.summary).toMatchObject({ valid: 1, invalid: 0 });
    expect(mapped.unfilled).toEqual([]);
    expect(mapped.features?.features[0]?.properties).toMatchObject({
      name: 'Lò rèn Bản Qua',
      source: 'survey',
      district_code: '082',
      location_method: 'GPS',
    });
  });

  it('PATCH names which column is which property and reads the file again', async () => {
    const first = preview(
      await upload(t.app, who.editor, file, MEDIA.csv, { query: { defaults: JSON.stringify(defaults) } }),
    );
    expect(first.summary?.valid).toBe(0);
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/imports/${first.id}`,
      headers: jsonHeaders(who.editor),
      payload: {
        mapping: {
          Facility: 'name',
          English: 'name_en',
          Kind: 'sector',
          X: '$lon',
          Y: '$lat',
          Origin: 'source',
        },
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<FeatureImportPreview>()).toMatchObject({
      id: first.id,
      status: 'ready',
      summary: { valid: 1 },
    });
  });

  it('400 naming `mapping` for a target that is neither a property nor a location role', async () => {
    const res = await upload(t.app, who.editor, file, MEDIA.csv, {
      query: { mapping: JSON.stringify({ Facility: 'nickname' }) },
    });
    expect(res.statusCode).toBe(400);
    expect(problemOf(res).detail).toMatch(/'nickname' is not a property/);
    const notJson = await upload(t.app, who.editor, file, MEDIA.csv, { query: { mapping: '{name' } });
    expect(notJson.statusCode).toBe(400);
  });
});

describe('encodings', () => {
  const names = (p: FeatureImportPreview) => p.features?.features.map((f) => f.properties.name);
  it.each(['utf-8', 'utf-8-bom', 'windows-1258', 'tcvn3'] as const)(
    'reads %s, detected',
    async (encoding) => {
      const file = csvText(VI_HEADERS, rows.slice(0, 4).map(viCells), ';');
      const p = preview(await upload(t.app, who.editor, encodeText(file, encoding), MEDIA.csv));
      expect(p.encoding).toMatchObject({
        used: encoding === 'utf-8-bom' ? 'utf-8' : encoding,
        detected: true,
        confident: true,
      });
      expect(p.summary).toMatchObject({ valid: 4, invalid: 0 });
      expect(names(p)).toEqual(rows.slice(0, 4).map((r) => r.name));
      expect(p.features?.features[0]?.properties.owner).toBe('Hộ kinh doanh Nguyễn Văn 0001');
    },
  );

  it('uses the `encoding` parameter as given instead of detecting', async () => {
    const file = encodeText(csvText(VI_HEADERS, rows.slice(0, 2).map(viCells)), 'windows-1258');
    const p = preview(await upload(t.app, who.editor, file, MEDIA.csv, { query: { encoding: 'tcvn3' } }));
    expect(p.encoding).toMatchObject({ used: 'tcvn3', detected: false });
    expect(names(p)).not.toEqual(rows.slice(0, 2).map((r) => r.name));
  });

  it('converts XLSX text typed with a TCVN3 font (Latin-1 look-alikes) back to Vietnamese', async () => {
    const latin = (s: string) => encodeText(s, 'tcvn3').toString('latin1');
    const file = await xlsxBytes(
      VI_HEADERS.map(latin),
      rows.slice(0, 3).map((r) => viCells(r).map((c) => (typeof c === 'string' ? latin(c) : c))),
    );
    const p = preview(await upload(t.app, who.editor, file, MEDIA.xlsx));
    expect(p.encoding).toMatchObject({ used: 'tcvn3', detected: true });
    expect(p.columns[0]).toBe('Tên cơ sở');
    expect(names(p)).toEqual(rows.slice(0, 3).map((r) => r.name));
  });
});

describe('formats', () => {
  const features = facilityFeatures(rows.slice(0, 5));
  const expectFive = (p: FeatureImportPreview) => {
    expect(p.summary).toMatchObject({ rowsRead: 5, valid: 5, invalid: 0 });
    expect(p.features?.features.map((f) => f.properties.name)).toEqual(rows.slice(0, 5).map((r) => r.name));
  };

  it('XLSX', async () => {
    const file = await xlsxBytes(VI_HEADERS, rows.slice(0, 5).map(viCells));
    const p = preview(await upload(t.app, who.editor, file, MEDIA.xlsx));
    expectFive(p);
    expect(p.notes).toEqual(['sheet “Cơ sở”']);
  });

  it('GeoJSON (application/geo+json and application/json)', async () => {
    expectFive(preview(await upload(t.app, who.editor, geojsonBytes(features), MEDIA.geojson)));
    expectFive(preview(await upload(t.app, who.editor, geojsonBytes(features), 'application/json')));
  });

  it('KML and KMZ', async () => {
    expectFive(preview(await upload(t.app, who.editor, kmlBytes(features), MEDIA.kml)));
    expectFive(preview(await upload(t.app, who.editor, kmzBytes(features), MEDIA.kmz)));
  });

  it('a zipped Shapefile written by ogr2ogr in WGS 84, its 10-character DBF names mapped back', async () => {
    const p = preview(await upload(t.app, who.editor, shapefileZip(features), MEDIA.zip));
    expectFive(p);
    expect(p.mapping).toMatchObject({
      location_u: 'location_uncertainty_km',
      khuyen_con: 'khuyen_cong_supported',
      support_am: 'support_amount_million_vnd',
    });
    expect(p.features?.features[0]?.geometry).toEqual(features[0]?.geometry);
  });

  it('a zipped Shapefile in VN-2000 / TM-3 104°45′ (EPSG:9208) comes back to WGS 84 within a centimetre', async () => {
    const p = preview(
      await upload(t.app, who.editor, shapefileZip(features, { srs: 'EPSG:9208' }), MEDIA.zip),
    );
    expectFive(p);
    expect(p.notes[0]).toMatch(/reprojected from VN-2000_TM-3_104-45 to WGS 84/);
    for (const [i, f] of (p.features?.features ?? []).entries()) {
      const [lon, lat] = (f.geometry as { coordinates: number[] }).coordinates as [number, number];
      const [lon0, lat0] = (features[i]!.geometry as { coordinates: number[] }).coordinates as [
        number,
        number,
      ];
      expect(Math.abs(lon - lon0)).toBeLessThan(1e-7);
      expect(Math.abs(lat - lat0)).toBeLessThan(1e-7);
    }
  });

  it('a Shapefile zip without its .prj is refused, saying so', async () => {
    const res = await upload(t.app, who.editor, shapefileZip(features, { withoutPrj: true }), MEDIA.zip, {
      query: { lang: 'en' },
    });
    expect(res.statusCode).toBe(400);
    const p = problemOf(res);
    expect(p.detail).toBe(
      'layer co_so has no .prj file, so its coordinate system is unknown; add the .prj to the zip',
    );
    expect(p.errors?.[0]).toMatchObject({ field: '(file)', code: 'MissingPrj', params: { layer: 'co_so' } });
  });
});

describe('who may import', () => {
  const file = Buffer.from(viCsv);
  it('401 anonymous, 403 viewer, 405 read-only collection, 403 another origin, 415 another media type', async () => {
    expect((await upload(t.app, undefined, file, MEDIA.csv)).statusCode).toBe(401);
    const viewer = await upload(t.app, who.viewer, file, MEDIA.csv);
    expect(viewer.statusCode).toBe(403);
    expect(problemOf(viewer).code).toBe('Forbidden');
    expect((await upload(t.app, who.editor, file, MEDIA.csv, { collection: 'districts' })).statusCode).toBe(
      405,
    );
    const csrf = await upload(t.app, who.editor, file, MEDIA.csv, {
      headers: { origin: 'http://evil.example' },
    });
    expect(problemOf(csrf).code).toBe('CsrfOriginMismatch');
    const pdf = await upload(t.app, who.editor, file, 'application/pdf');
    expect(pdf.statusCode).toBe(415);
    expect(problemOf(pdf).detail).toMatch(/text\/csv, application\/vnd\.openxmlformats/);
  });

  it('an import is seen by its owner (and admins) only; 404 for others and once discarded', async () => {
    const p = preview(await upload(t.app, who.editor, file, MEDIA.csv));
    expect(
      (await t.app.inject({ url: `/api/imports/${p.id}`, headers: { cookie: who.viewer } })).statusCode,
    ).toBe(404);
    expect((await t.app.inject({ url: `/api/imports/${p.id}` })).statusCode).toBe(401);
    expect(
      (await t.app.inject({ url: `/api/imports/${p.id}`, headers: { cookie: who.admin } })).statusCode,
    ).toBe(200);
    const gone = await t.app.inject({
      method: 'DELETE',
      url: `/api/imports/${p.id}`,
      headers: { origin: 'http://localhost:80', cookie: who.editor },
    });
    expect(gone.statusCode).toBe(204);
    expect(
      (await t.app.inject({ url: `/api/imports/${p.id}`, headers: { cookie: who.editor } })).statusCode,
    ).toBe(404);
  });
});

describe('expiry', () => {
  it('an import nobody used for 60 minutes is gone (404), one used within them stays', async () => {
    let now = Date.parse('2026-12-01T08:00:00Z');
    const app = await buildTestApp({ clock: () => now });
    try {
      const cookie = await signIn(app.app, { username: 'eddie', role: 'editor' });
      const p = preview(await upload(app.app, cookie, Buffer.from(viCsv), MEDIA.csv));
      expect(p.expiresAt).toBe('2026-12-01T09:00:00.000Z');
      now += 59 * 60_000;
      expect((await app.app.inject({ url: `/api/imports/${p.id}`, headers: { cookie } })).statusCode).toBe(
        200,
      );
      now += 59 * 60_000;
      expect((await app.app.inject({ url: `/api/imports/${p.id}`, headers: { cookie } })).statusCode).toBe(
        200,
      );
      now += 61 * 60_000;
      const gone = await app.app.inject({ url: `/api/imports/${p.id}`, headers: { cookie } });
      expect(gone.statusCode).toBe(404);
      expect(problemOf(gone).detail).toMatch(/expire 60 minutes after their last use/);
    } finally {
      await app.close();
    }
  });
});

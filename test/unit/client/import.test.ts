import type { StyleSpecification } from 'maplibre-gl';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../client/src/api/ApiError';
import { ApiClient } from '../../../client/src/api/client';
import { exportLayers } from '../../../client/src/features/import/exportLinks';
import { ImportApi } from '../../../client/src/features/import/importApi';
import {
  FEATURE_EXTENSIONS,
  INDICATOR_EXTENSIONS,
  mediaTypeFor,
} from '../../../client/src/features/import/mediaType';
import { PREVIEW_SOURCE, withImportPreview } from '../../../client/src/features/import/previewStyle';
import { shippedCatalog } from './catalog.fixture';

describe('import: media types by file ending', () => {
  it.each([
    ['co-so.CSV', 'text/csv'],
    ['so-lieu.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ['lop.geojson', 'application/geo+json'],
    ['lop.json', 'application/geo+json'],
    ['ranh-gioi.zip', 'application/zip'],
    ['diem.kml', 'application/vnd.google-earth.kml+xml'],
    ['diem.kmz', 'application/vnd.google-earth.kmz'],
  ])('%s → %s', (name, type) => {
    expect(mediaTypeFor(name, FEATURE_EXTENSIONS)).toBe(type);
  });

  it('refuses endings an import does not read, and non-spreadsheets for indicators', () => {
    expect(mediaTypeFor('anh.png', FEATURE_EXTENSIONS)).toBeNull();
    expect(mediaTypeFor('no-ending', FEATURE_EXTENSIONS)).toBeNull();
    expect(mediaTypeFor('lop.geojson', INDICATOR_EXTENSIONS)).toBeNull();
    expect(mediaTypeFor('so-lieu.xlsx', INDICATOR_EXTENSIONS)).not.toBeNull();
  });
});

describe('import: the upload goes as the body with its media type', () => {
  it('sends the file itself (not JSON) with the file name and the UI language', async () => {
    const seen: { url: string; init?: RequestInit }[] = [];
    const api = new ApiClient('/api', async (url, init) => {
      seen.push({ url, init });
      return new Response(JSON.stringify({ id: 'abc', status: 'parsing' }), { status: 202 });
    });
    const file = new File(['name,lon,lat\r\n'], 'cơ sở.csv');
    const preview = await new ImportApi(api).upload({ collection: 'facilities' }, file, 'text/csv', 'en');
    expect(preview).toMatchObject({ id: 'abc', status: 'parsing' });
    expect(seen[0]?.url).toBe(
      `/api/collections/facilities/imports?filename=${encodeURIComponent('cơ sở.csv')}&lang=en`,
    );
    const init = seen[0]?.init ?? {};
    expect(init.method).toBe('POST');
    expect(init.body).toBe(file);
    expect((init.headers as Record<string, string>)['content-type']).toBe('text/csv');
  });

  it('a 409 of a revert carries the features edited since', () => {
    const err = ApiError.fromProblem(409, {
      type: 'about:blank',
      title: 'Conflict',
      status: 409,
      code: 'Conflict',
      detail: 'edited since',
      conflicts: [
        {
          kind: 'feature',
          collection: 'facilities',
          featureId: 8,
          name: 'A',
          expectedVersion: 1,
          currentVersion: 2,
        },
        'not a conflict',
      ],
      batch: 3,
    });
    expect(err.conflicts).toEqual([
      {
        kind: 'feature',
        collection: 'facilities',
        featureId: 8,
        name: 'A',
        expectedVersion: 1,
        currentVersion: 2,
      },
    ]);
    expect(err.batch).toBe(3);
  });
});

describe('import: download links of the layers shown, with the filters applied', () => {
  it('one link per format per shown layer; a filter narrows only the layers it targets', () => {
    const { catalog } = shippedCatalog();
    const visible = new Set(['clusters', 'facilities']);
    const layers = exportLayers(catalog, visible, { district: '082', status: 'operating' }, '/api');
    expect(layers.map((l) => l.collection)).toEqual(['industrial-clusters', 'facilities']);
    const clusters = layers[0]!;
    expect(clusters.links.csv).toBe(
      '/api/collections/industrial-clusters/items?district_code=082&status=operating&f=csv',
    );
    expect(clusters.links.kml).toContain('f=kml');
    expect(clusters.links.xlsx).toContain('f=xlsx');
    expect(clusters.links.geojson).toContain('limit=10000');
    expect(layers[1]!.links.csv).toBe('/api/collections/facilities/items?district_code=082&f=csv');
    expect(exportLayers(catalog, new Set(), {}, '/api')).toEqual([]);
  });
});

describe('import: the preview layer', () => {
  const base: StyleSpecification = { version: 8, sources: {}, layers: [{ id: 'bg', type: 'background' }] };
  it('adds no source or layer without rows (the same style object)', () => {
    expect(withImportPreview(base, null)).toBe(base);
    expect(withImportPreview(base, [])).toBe(base);
  });

  it('draws the rows on top, keeping valid, invalid and approximate apart', () => {
    const style = withImportPreview(base, [
      { row: 2, valid: true, approximate: false, geometry: { type: 'Point', coordinates: [104, 22.4] } },
      { row: 3, valid: true, approximate: true, geometry: { type: 'Point', coordinates: [104.1, 22.4] } },
      { row: 4, valid: false, approximate: false, geometry: { type: 'Point', coordinates: [104.2, 22.4] } },
    ]);
    expect(style.layers[0]?.id).toBe('bg');
    expect(style.layers.slice(1).every((l) => l.id.startsWith(PREVIEW_SOURCE))).toBe(true);
    const source = style.sources[PREVIEW_SOURCE] as { data: GeoJSON.FeatureCollection };
    expect(source.data.features.map((f) => [f.id, f.properties])).toEqual([
      [2, { row: 2, valid: true, approximate: false }],
      [3, { row: 3, valid: true, approximate: true }],
      [4, { row: 4, valid: false, approximate: false }],
    ]);
    const point = style.layers.find((l) => l.id === `${PREVIEW_SOURCE}-point`);
    expect(JSON.stringify(point)).toContain('approximate');
  });
});

import { describe, expect, it } from 'vitest';
import { areaText, lengthText, measure } from '../../../client/src/features/measure/measureModel';
import { compareCsv, compareRows, type Site } from '../../../client/src/features/shortlist/compareModel';
import {
  formatShortlist,
  MAX_SHORTLIST,
  parseShortlist,
} from '../../../client/src/features/shortlist/shortlistStore';
import { distanceText } from '../../../client/src/features/site-card/distanceText';
import {
  distanceRows,
  factRows,
  identityRows,
  siteCardKeys,
} from '../../../client/src/features/site-card/siteModel';
import type { ApiFeature, SiteDistance } from '../../../server/src/contract/api';
import { shippedCatalog } from './catalog.fixture';

const { catalog, features } = shippedCatalog();
const clusters = catalog.collections.find((c) => c.site)!;
const byName = (prefix: string) =>
  features[clusters.id]!.find((f) => String(f.properties.name).startsWith(prefix))!;

function withSite(f: ApiFeature, km: number[]): ApiFeature {
  const distances: SiteDistance[] = clusters.site!.measures.map((m, i) => ({
    key: m.key,
    landmark: { collection: 'landmarks', id: i + 1, name: `Mốc ${i}`, nameEn: null },
    km: km[i] ?? null,
    uncertaintyKm: 3,
    approximate: true,
  }));
  return {
    ...f,
    site: {
      method: 'straight-line',
      from: { coordinates: [104, 22.4], uncertaintyKm: 2, approximate: true },
      distances,
    },
  };
}

describe('site card model', () => {
  it('lists every fact of the schema, null (not published) without a value, provenance only with one', () => {
    const f = byName('KCN Tằng Loỏng');
    const rows = factRows(clusters.schema, f, 'vi');
    const schemaFacts = Object.entries(clusters.schema!.properties!).filter(([, d]) => d['x-fact']);
    expect(rows.map((r) => r.key)).toEqual(schemaFacts.map(([k]) => k));
    const area = rows.find((r) => r.key === 'area_ha')!;
    expect(area.value?.text).toBe('914 ha');
    expect(area.extra.map((e) => e.value.text)).toEqual(['2023']);
    expect(area.source).toBe(f.properties.area_ha_source);
    const available = rows.find((r) => r.key === 'area_available_ha')!;
    expect(available).toMatchObject({ value: null, source: null, confidence: null, number: null });
    expect(identityRows(clusters.schema, f, 'en').map((r) => r.key)).toEqual(['kind', 'district_code']);
    expect(siteCardKeys(clusters.schema)).toContain('area_ha_source');
  });

  it('writes distances with both ends precision, never a bare figure for an approximate end', () => {
    expect(distanceText({ km: 12.34, uncertaintyKm: 3, approximate: true }, 'vi')).toBe('≈ 12,3 km ± 3 km');
    expect(distanceText({ km: 12.34, uncertaintyKm: 3.5, approximate: true }, 'en')).toBe(
      '≈ 12.3 km ± 3.5 km',
    );
    expect(distanceText({ km: 8, uncertaintyKm: null, approximate: true }, 'en')).toBe('≈ 8 km ± unknown');
    expect(distanceText({ km: 8, uncertaintyKm: 0, approximate: false }, 'en')).toBe('8 km');
    expect(distanceText({ km: null, uncertaintyKm: null, approximate: false }, 'en')).toBeNull();
  });

  it('takes the distance rows from the API site object in the catalog order', () => {
    const f = withSite(byName('CCN Bát Xát'), [1, 2, 3, 4, 5, 6]);
    const rows = distanceRows(clusters.site!, f, 'en');
    expect(rows.map((r) => r.key)).toEqual(clusters.site!.measures.map((m) => m.key));
    expect(rows.map((r) => r.distance?.km)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(distanceRows(clusters.site!, byName('CCN Bát Xát'), 'en').every((r) => r.distance === null)).toBe(
      true,
    );
  });
});

describe('comparison', () => {
  const sites: Site[] = [
    { collection: clusters, feature: withSite(byName('KCN Tằng Loỏng'), [18, 20]) },
    { collection: clusters, feature: withSite(byName('KCN Bắc Duyên Hải'), [0.7, 25]) },
    { collection: clusters, feature: withSite(byName('CCN Bát Xát'), [8.3]) },
  ];
  const rows = compareRows(sites, 'vi');

  it('marks the largest area and the shortest distance, keeps unknowns unknown', () => {
    const area = rows.find((r) => r.key === 'area_ha')!;
    expect([...area.best]).toEqual([0]);
    expect(area.cells[2]!.text).toBeNull();
    const gate = rows.find((r) => r.key === `distance.${clusters.site!.measures[0]!.key}`)!;
    expect([...gate.best]).toEqual([1]);
    const third = rows.find((r) => r.key === `distance.${clusters.site!.measures[2]!.key}`)!;
    expect(third.best.size).toBe(0);
    expect(third.cells.every((c) => c.text === null)).toBe(true);
  });

  it('exports CSV with a BOM, quoted cells and Vietnamese names', () => {
    const csv = compareCsv(
      sites,
      rows,
      { attribute: 'Thuộc tính', source: 'Nguồn', confidence: 'Độ tin cậy' },
      'vi',
    );
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const [head] = csv.slice(1).split('\r\n');
    expect(head).toContain('KCN Tằng Loỏng');
    expect(head!.split(',').length).toBe(1 + 3 * sites.length);
    expect(csv).toContain('Tổng diện tích,914 ha (Năm số liệu diện tích: 2023)');
  });
});

describe('shortlist and measure', () => {
  it('parses the shortlist link: valid refs only, no repeats, at most four', () => {
    expect(parseShortlist('a/1,a/1,b/2,<x>/3,c/x,d/4,e/5,f/6')).toEqual([
      { collection: 'a', id: 1 },
      { collection: 'b', id: 2 },
      { collection: 'd', id: 4 },
      { collection: 'e', id: 5 },
    ]);
    expect(MAX_SHORTLIST).toBe(4);
    expect(formatShortlist(parseShortlist('a/1,b/2'))).toBe('a/1,b/2');
  });

  it('measures length and area with turf', () => {
    // One degree of longitude on the equator ≈ 111.19 km; a 0.01° square near the equator ≈ 123.6 ha.
    expect(
      measure([
        [0, 0],
        [1, 0],
      ]).km,
    ).toBeCloseTo(111.19, 1);
    const sq = measure([
      [0, 0],
      [0.01, 0],
      [0.01, 0.01],
      [0, 0.01],
    ]);
    expect(sq.areaM2! / 10_000).toBeCloseTo(123.6, 0);
    expect(
      measure([
        [0, 0],
        [1, 0],
      ]).areaM2,
    ).toBeNull();
    expect(lengthText(0.25, 'vi')).toBe('250 m');
    expect(areaText(1_236_000, 'en')).toBe('123.6 ha');
  });
});

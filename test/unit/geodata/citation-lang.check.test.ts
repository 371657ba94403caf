import { readFileSync } from 'node:fs';
import type { Feature } from 'geojson';
import { describe, expect, it } from 'vitest';
import { detectCitationLang } from '../../../geodata/rules/citation-lang';
import { parseIndicatorRows } from '../../../geodata/rules/indicator-rows';
import {
  checkCitationLangs,
  checkRowCitationLangs,
} from '../../../geodata/scripts/checks/citation-lang.check';
import { loadBundle } from '../../../geodata/scripts/load';

const schema = JSON.parse(readFileSync('geodata/schema/facilities.schema.json', 'utf8')) as object;
const clusterSchema = JSON.parse(
  readFileSync('geodata/schema/industrial-clusters.schema.json', 'utf8'),
) as object;

function facility(properties: Record<string, unknown>): Feature {
  return { type: 'Feature', id: 3, geometry: null as never, properties: { name: 'Xưởng', ...properties } };
}

describe('citation language (source_lang)', () => {
  it('reads the language from the citation’s own words, not from names, addresses or quoted titles', () => {
    expect(detectCitationLang('https://baochinhphu.vn/a.htm; https://vov.vn/b.vov')).toBe('zxx');
    expect(
      detectCitationLang('laocaitv.vn news item "Lào Cai thu hồi giấy chứng nhận 1 làng nghề", 05-12-2024'),
    ).toBe('en');
    expect(
      detectCitationLang('Lào Cai provincial government page on the zone, 2009: http://laocai.gov.vn/x'),
    ).toBe('en');
    expect(
      detectCitationLang('Bài viết của báo Lào Cai về các làng nghề, năm 2012: https://baolaocai.vn/x'),
    ).toBe('vi');
    // A quoted Vietnamese title inside English words stays English; a bare name says nothing.
    expect(
      detectCitationLang('Đoan Hà, "Hiệu quả từ công tác khuyến công", article of 2012 on the programme'),
    ).toBe('en');
    expect(detectCitationLang('Đoan Hà, Lào Cai')).toBeUndefined();
  });

  it('fails a record without source_lang, and one whose language contradicts its words', () => {
    const missing = checkCitationLangs(
      'facilities',
      [facility({ source: 'Press, 2012: https://vov.vn/x' })],
      schema,
    );
    expect(missing).toHaveLength(1);
    expect(missing[0]?.message).toMatch(/source_lang is missing/);
    const wrong = checkCitationLangs(
      'facilities',
      [facility({ source: 'Press, May 2023 (the three zones): https://vov.vn/x', source_lang: 'vi' })],
      schema,
    );
    expect(wrong.map((p) => p.message)).toEqual([
      expect.stringMatching(/source_lang is vi but .* is obviously en/),
    ]);
    const urlsOnly = checkCitationLangs(
      'facilities',
      [facility({ source: 'https://vov.vn/x; https://baochinhphu.vn/y', source_lang: 'en' })],
      schema,
    );
    expect(urlsOnly.map((p) => p.message)).toEqual([expect.stringMatching(/web addresses only \(zxx\)/)]);
    const notACode = checkCitationLangs(
      'facilities',
      [facility({ source: 'https://vov.vn/x', source_lang: 'fr' })],
      schema,
    );
    expect(notACode.map((p) => p.message)).toEqual([expect.stringMatching(/"fr" is not one of vi, en, zxx/)]);
  });

  it('passes honest records, and judges every citation of a record (site-fact sources too)', () => {
    const ok = [
      facility({ source: 'https://vov.vn/x', source_lang: 'zxx' }),
      facility({ source: 'Press, 2012 (photo caption): https://vov.vn/x', source_lang: 'en' }),
    ];
    expect(checkCitationLangs('facilities', ok, schema)).toEqual([]);
    const cluster = facility({
      source: 'https://vov.vn/x',
      source_lang: 'zxx',
      status_source: 'Press, May 2023 (listed among the existing zones): https://vov.vn/x',
    });
    expect(checkCitationLangs('industrial-clusters', [cluster], clusterSchema).map((p) => p.message)).toEqual(
      [expect.stringMatching(/source_lang is zxx .* has words/)],
    );
  });

  it('checks each indicator row, and fails a schema with citations but no source_lang', () => {
    const csv =
      'district_code,year,indicator,value,unit,status,source,source_lang\n' +
      '10,2008,population,1,people,official,Population and housing census 2019 (as published by https://danso.info),en\n' +
      '080,2008,population,1,people,official,Population and housing census 2019 (as published by https://danso.info),\n';
    const problems = checkRowCitationLangs(parseIndicatorRows(csv));
    expect(problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/^line 3 .*source_lang is missing/),
    ]);
    const bare = { properties: { source: { type: 'string', 'x-citation': true } } };
    expect(checkCitationLangs('x', [], bare).map((p) => p.check)).toEqual(['citation_lang']);
  });

  it('holds for every shipped record and indicator row', () => {
    const bundle = loadBundle();
    const problems = [
      ...bundle.collections.flatMap((c) => checkCitationLangs(c.id, c.data.features, c.schema)),
      ...checkRowCitationLangs(bundle.indicators),
    ];
    expect(problems).toEqual([]);
    const langs = bundle.collections.flatMap((c) => c.data.features.map((f) => f.properties?.source_lang));
    expect(langs.filter((l) => l === undefined)).toEqual([]);
    expect(new Set(langs)).toEqual(new Set(['en', 'zxx']));
  });
});

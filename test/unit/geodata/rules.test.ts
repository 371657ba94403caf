import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readCatalogFile } from '../../../geodata/rules/catalog';
import { readIndicatorRows, serializeIndicatorRows } from '../../../geodata/rules/indicator-rows';
import { checkFeaturesInDistricts, checkSharedVocabulary } from '../../../geodata/scripts/checks/index';
import { GeodataError, loadCatalog, loadSeedData } from '../../../server/src/catalog/load-catalog';
import { CONFIDENCE } from '../../../server/src/contract/vocabulary';
import { EAST, rect, WEST } from '../../fixtures/geodata/shapes';
import { FIXTURE_GEODATA } from '../../helpers/server';

const ROW_SCHEMA = JSON.parse(
  readFileSync(path.join(FIXTURE_GEODATA, 'schema/indicators.schema.json'), 'utf8'),
) as object;
const HEADER = 'district_code,year,indicator,value,unit,status,source';

describe('indicator rows (geodata/rules/indicator-rows.ts)', () => {
  it('reads valid rows typed, and writes them back byte for byte', () => {
    const text = `${HEADER}\n10,2012,workers,17500,persons,reported,"a, quoted ""source"""\n`;
    const result = readIndicatorRows(text, ROW_SCHEMA);
    expect(result).toEqual({
      valid: true,
      rows: [
        {
          district_code: '10',
          year: 2012,
          indicator: 'workers',
          value: 17500,
          unit: 'persons',
          status: 'reported',
          source: 'a, quoted "source"',
        },
      ],
    });
    if (result.valid) expect(serializeIndicatorRows(result.rows)).toBe(text);
  });

  it('names the row and the column of a status outside the vocabulary and of a non-number', () => {
    const text = `${HEADER}\n10,2012,workers,17500,persons,reported,s\n086,2012,workers,lots,persons,guess,s\n`;
    const result = readIndicatorRows(text, ROW_SCHEMA);
    expect(result.valid).toBe(false);
    const messages = result.valid ? [] : result.problems.map((p) => `${p.row}: ${p.message}`);
    expect(messages).toContain(
      `2: /status must be equal to one of the allowed values (one of: ${CONFIDENCE.join(', ')})`,
    );
    expect(messages.some((m) => m.startsWith('2: /value'))).toBe(true);
  });
});

describe('the server validates indicators.csv with its JSON Schema at load', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('refuses to seed from a CSV whose row breaks the schema, naming the line', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'laocai-geodata-'));
    cpSync(FIXTURE_GEODATA, dir, { recursive: true });
    const file = path.join(dir, 'indicators.csv');
    writeFileSync(file, `${readFileSync(file, 'utf8')}999,2019,population,1,persons,official,s\n`);
    // The catalog reads the file too (the language of each source text), so the start stops there.
    expect(() => loadCatalog(dir as string)).toThrow(/line 12: \/district_code must be equal to one of/);
    const catalog = loadCatalog(FIXTURE_GEODATA);
    expect(() => loadSeedData(dir as string, catalog)).toThrow(GeodataError);
    expect(() => loadSeedData(dir as string, catalog)).toThrow(
      /line 12: \/district_code must be equal to one of/,
    );
  });
});

describe('checkSharedVocabulary', () => {
  it('passes when the schema spells the shared confidence list', () => {
    const schema = { properties: { confidence: { enum: [...CONFIDENCE] } } };
    expect(checkSharedVocabulary('c', schema)).toEqual([]);
  });

  it('fails when a schema drops or adds a confidence word', () => {
    const schema = { properties: { confidence: { enum: ['official', 'reported', 'guessed'] } } };
    expect(checkSharedVocabulary('c', schema)).toEqual([
      expect.objectContaining({ check: 'vocabulary', collection: 'c' }),
    ]);
  });
});

describe('checkFeaturesInDistricts uses the rule of the write validation for areas', () => {
  it('reports an area whose representative position is in another district than it claims', () => {
    const area = { ...rect(104.05, 22.25, 104.15, 22.35, { name: 'Cụm', district_code: '082' }), id: 3 };
    const problems = checkFeaturesInDistricts('industrial-clusters', [area], [WEST, EAST]);
    expect(problems.map((p) => p.message)).toEqual([
      '"Cụm" (id 3) claims Huyện Tây (082) but falls in Huyện Đông (086) at [104.1, 22.3]',
    ]);
  });
});

describe('the catalog format (geodata/rules/catalog.ts)', () => {
  const entry = (over: Record<string, unknown> = {}) => ({
    id: 'wells',
    title: { vi: 'Giếng', en: 'Wells' },
    description: { vi: 'd', en: 'd' },
    file: 'wells.geojson',
    schema: 'wells.schema.json',
    geometryTypes: ['Point'],
    queryables: ['district_code', 'kind'],
    search: ['name'],
    ...over,
  });

  it('gives an entry without hints complete defaults', () => {
    const read = readCatalogFile({ collections: [entry({ id: 'a' }), entry()] });
    expect(read.valid).toBe(true);
    const wells = read.valid ? read.collections[1] : undefined;
    expect(wells).toMatchObject({ label: 'name', editable: false });
    expect(wells?.display).toEqual({
      geometry: 'point',
      symbol: 'circle',
      size: 6,
      color: '#777777',
      colorBy: null,
      symbolBy: null,
      cluster: null,
      label: { minZoom: 10, priority: 50 },
      order: 20,
      legend: 'swatch',
      legendLabel: null,
      itemTitle: null,
      filters: [{ property: 'district_code', key: 'district' }],
      toggle: { key: 'wells', visible: true, title: { vi: 'Giếng', en: 'Wells' } },
      pickable: true,
      frame: false,
      choropleth: null,
      areaFilter: null,
      context: false,
      spread: true,
      uncertainty: true,
      searchRank: 50,
      listed: true,
    });
  });

  it('keeps the hints an entry sets and fills only the rest', () => {
    const display = { colorBy: { property: 'kind', palette: 'categorical' }, size: 9 };
    const read = readCatalogFile({ collections: [entry({ geometryTypes: ['Polygon'], display })] });
    expect(read.valid && read.collections[0]?.display).toMatchObject({
      geometry: 'area',
      symbol: 'fill',
      size: 9,
      colorBy: display.colorBy,
      legend: 'categories',
      spread: false,
      uncertainty: false,
    });
  });

  it('names what is wrong: a bad hint value, a hint on a property that is not queryable, a repeated id', () => {
    const bad = readCatalogFile({ collections: [entry({ display: { symbol: 'star' } })] });
    expect(bad.valid ? [] : bad.problems).toEqual([expect.stringContaining('/collections/0/display/symbol')]);
    const notQueryable = readCatalogFile({
      collections: [entry({ display: { colorBy: { property: 'colour', palette: 'categorical' } } })],
    });
    expect(notQueryable.valid ? [] : notQueryable.problems).toEqual([
      "wells: display hint property 'colour' must be one of its queryables",
    ]);
    const twice = readCatalogFile({ collections: [entry(), entry()] });
    expect(twice.valid ? [] : twice.problems).toContain("collection id 'wells' is used twice");
    const linkParam = readCatalogFile({
      collections: [entry({ display: { filters: [{ property: 'kind', key: 'layers' }] } })],
    });
    expect(linkParam.valid ? [] : linkParam.problems).toEqual([
      expect.stringContaining("filter key 'layers' is a link parameter of the map"),
    ]);
    const areaSymbol = readCatalogFile({ collections: [entry({ display: { symbol: 'outline' } })] });
    expect(areaSymbol.valid ? [] : areaSymbol.problems).toEqual([
      'wells: points are drawn with a point symbol',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import type { PropertySchema } from '../../../client/src/api/schema';
import { featuresInView, searchEntriesFor, withSpreadSlots } from '../../../client/src/app/derive';
import { areaOf, filterChoices, knownFilterValues } from '../../../client/src/app/filterModel';
import { legendsFor } from '../../../client/src/app/legends';
import { valueColors } from '../../../client/src/catalog/presentation';
import { parseSymbolId, scaledSize, symbolId } from '../../../client/src/map/layers/symbols';
import type { ApiFeature } from '../../../server/src/contract/api';
import { catalogOf, shippedCatalog } from './catalog.fixture';

const { catalog, features } = shippedCatalog();
const colors = Object.fromEntries(
  catalog.collections.map((c) => [c.id, valueColors(c, features[c.id] ?? [])]),
);

const point = (id: number, lon: number, lat: number, properties: Record<string, unknown>): ApiFeature => ({
  type: 'Feature',
  id,
  geometry: { type: 'Point', coordinates: [lon, lat] },
  properties,
});

/** A made-up catalog: wells (points, coloured by kind) and basins (areas, an area filter). */
const wellSchema: PropertySchema = {
  title: 'Well',
  'x-title-vi': 'Giếng',
  properties: {
    kind: {
      title: 'Kind',
      'x-title-vi': 'Loại',
      enum: ['deep', 'shallow', 'dry'],
      'x-enum-titles': { deep: { vi: 'Sâu', en: 'Deep' }, shallow: { vi: 'Nông', en: 'Shallow' } },
    },
  },
};
const made = catalogOf(
  [
    {
      id: 'basins',
      title: { vi: 'Lưu vực', en: 'Basins' },
      description: { vi: '', en: '' },
      file: 'basins.geojson',
      schema: 'basins.schema.json',
      geometryTypes: ['Polygon'],
      queryables: ['code'],
      search: ['name'],
      display: { symbol: 'outline', areaFilter: { key: 'basin', property: 'code' } },
    },
    {
      id: 'wells',
      title: { vi: 'Các giếng', en: 'Wells' },
      description: { vi: '', en: '' },
      file: 'wells.geojson',
      schema: 'wells.schema.json',
      geometryTypes: ['Point'],
      queryables: ['basin_code', 'kind'],
      search: ['name'],
      editable: true,
      display: {
        colorBy: { property: 'kind', palette: 'categorical' },
        filters: [
          { property: 'kind', key: 'kind' },
          { property: 'basin_code', key: 'basin' },
        ],
      },
    },
  ],
  { wells: wellSchema },
);

describe('the catalog the client builds from /api/collections', () => {
  it('has the roles, toggles and editable set the hints say (shipped catalog)', () => {
    expect(catalog.frame?.id).toBe('province');
    expect(catalog.choropleth?.id).toBe('districts');
    expect(catalog.toggles.map((t) => [t.key, t.collection, t.kind])).toEqual([
      ['choropleth', 'districts', 'choropleth'],
      ['districts', 'districts', 'layer'],
      ['clusters', 'industrial-clusters', 'layer'],
      ['villages', 'craft-villages', 'layer'],
      ['facilities', 'facilities', 'layer'],
      ['landmarks', 'landmarks', 'layer'],
    ]);
    expect(catalog.toggles[1]?.title.en).toBe('District borders and names');
  });

  it('merges filters by link key: area filters first, one filter over every collection naming it', () => {
    expect(catalog.filters.map((f) => f.key)).toEqual(['district', 'status', 'craft']);
    const district = catalog.filters[0]!;
    expect(district.area).toEqual({ collection: 'districts', property: 'code' });
    expect(district.targets.map((t) => t.collection)).toEqual([
      'industrial-clusters',
      'craft-villages',
      'facilities',
      'landmarks',
    ]);
    expect(district.title).toEqual({ vi: 'Huyện', en: 'District' });
    // Without a title in the hints: the property's title in the schema.
    expect(made.filters.map((f) => [f.key, f.title.en])).toEqual([
      ['basin', 'Basins'],
      ['kind', 'Kind'],
    ]);
  });

  it('names a feature by its item title: the hint, else the schema title, else the layer title', () => {
    expect(catalog.get('districts')?.itemTitle.vi).toBe('Huyện');
    expect(catalog.get('craft-villages')?.itemTitle).toEqual({ vi: 'Làng nghề', en: 'Craft village' });
    expect(made.get('wells')?.itemTitle.vi).toBe('Giếng');
    expect(made.get('basins')?.itemTitle.en).toBe('Basins');
  });
});

describe('filters, legends, search and the list from the catalog', () => {
  const wells = [
    point(1, 104, 22, { name: 'A', kind: 'deep', basin_code: 'b1' }),
    point(2, 104.1, 22.1, { name: 'B', kind: 'shallow', basin_code: 'b2' }),
  ];
  const basins: ApiFeature[] = [
    {
      type: 'Feature',
      id: 7,
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [103.9, 21.9],
            [104.05, 21.9],
            [104.05, 22.05],
            [103.9, 21.9],
          ],
        ],
      },
      properties: { name: 'Lưu vực một', code: 'b1' },
    },
  ];
  const data = { wells, basins };

  it('knows the enum values (and those present) and the area codes; offers the values present', () => {
    const known = knownFilterValues(made, data);
    expect([...known.kind!]).toEqual(['deep', 'shallow', 'dry']);
    expect([...known.basin!]).toEqual(['b1']);
    expect(filterChoices(made, data, 'vi')).toEqual([
      { key: 'basin', title: 'Lưu vực', options: [{ value: 'b1', label: 'Lưu vực một' }] },
      {
        key: 'kind',
        title: 'Loại',
        options: [
          { value: 'deep', label: 'Sâu' },
          { value: 'shallow', label: 'Nông' },
        ],
      },
    ]);
    const basin = made.filters.find((f) => f.key === 'basin');
    expect(areaOf(data, basin, 'b1')?.feature.id).toBe(7);
    expect(areaOf(data, basin, 'b9')).toBeUndefined();
  });

  it('lists in a categories legend the values present, each with its map symbol and colour', () => {
    const legends = legendsFor(
      made,
      { wells: [wells[1]!] },
      { wells: valueColors(made.get('wells')!, wells) },
      'en',
    );
    expect(legends.wells).toEqual({
      kind: 'categories',
      entries: [
        {
          value: 'shallow',
          label: 'Shallow',
          color: '#332288',
          icon: symbolId('circle', '#332288', false, 6),
        },
      ],
    });
    expect(legends.basins).toEqual({
      kind: 'swatch',
      shown: 0,
      color: '#777777',
      label: 'Basins',
    });
  });

  it('shows the shipped legends: one facility and the group, the landmark pictograms, the borders', () => {
    const legends = legendsFor(catalog, features, colors, 'vi');
    expect(legends.facilities).toMatchObject({
      kind: 'swatch',
      label: 'Một cơ sở sản xuất',
      icon: symbolId('diamond', '#6A3D9A', false, 15),
      group: { color: '#6A3D9A', label: 'Nhóm cơ sở (số trong vòng tròn)' },
    });
    const landmarks = legends.landmarks;
    expect(landmarks?.kind === 'categories' && landmarks.entries.map((e) => e.icon)).toEqual([
      symbolId('gate', '#7a1f5c', false, 18),
      symbolId('rail', '#2b2b2b', false, 18),
      symbolId('expressway', '#2b2b2b', false, 18),
      symbolId('seat', '#2b2b2b', false, 16),
    ]);
    expect(legends.districts).toEqual({
      kind: 'lines',
      context: true,
      line: { color: '#4a4a4a', label: 'Ranh giới huyện' },
    });
    expect(legends.choropleth).toEqual({ kind: 'choropleth' });
  });

  it('searches the catalog search properties, ranked by searchRank, and lists only listed layers', () => {
    const entries = searchEntriesFor(catalog, features, 'vi');
    const rank = (c: string) => entries.find((e) => e.collection === c)?.rank;
    expect(rank('industrial-clusters')).toBeLessThan(rank('craft-villages')!);
    expect(rank('landmarks')).toBeLessThan(rank('facilities')!);
    expect(rank('facilities')).toBeLessThan(rank('districts')!);
    expect(entries.find((e) => e.collection === 'districts')?.kind).toBe('Huyện');
    const all = new Set(catalog.toggles.map((t) => t.key));
    const listed = new Set(
      featuresInView(catalog, features, all, [100, 20, 110, 25], 'vi').map((i) => i.collection),
    );
    expect([...listed].sort()).toEqual(['craft-villages', 'facilities', 'industrial-clusters', 'landmarks']);
  });

  it('spreads same-place points of spreading layers, the lower label priority at slot 0', () => {
    const spread = withSpreadSlots(
      catalog,
      {
        landmarks: [point(4, 103.946, 22.521, {})],
        'industrial-clusters': [point(3, 103.946, 22.521, {})],
        districts: [point(9, 103.946, 22.521, {})],
      },
      new Set(['landmarks', 'clusters']),
    );
    expect(spread['industrial-clusters']?.[0]?.properties._slot).toBe('0/2');
    expect(spread.landmarks?.[0]?.properties._slot).toBe('1/2');
    expect(spread.districts?.[0]?.properties._slot).toBeUndefined();
  });
});

describe('named symbols', () => {
  it('keep their designed proportion to the layer symbol, and their size is part of the image id', () => {
    expect(scaledSize('seat', 'seat', 16)).toBe(16);
    expect(scaledSize('gate', 'seat', 16)).toBe(18);
    expect(scaledSize('gate', 'seat', 32)).toBe(36);
    expect(parseSymbolId('sym|triangle|#0072B2|exact|15')).toEqual({
      shape: 'triangle',
      color: '#0072B2',
      approximate: false,
      size: 15,
    });
    expect(parseSymbolId('sym|star|#0072B2|exact|15')).toBeUndefined();
    expect(parseSymbolId('sym|circle|#0072B2|exact|999')).toBeUndefined();
  });
});

import type { FeatureCollection } from 'geojson';
import type { SymbolLayerSpecification } from 'maplibre-gl';
import { describe, expect, it } from 'vitest';
import { ApiClient } from '../../../client/src/api/client';
import { tiledLayers, tileQuery, withoutTiled, withTiledCounts } from '../../../client/src/app/tiled';
import { upsert } from '../../../client/src/app/useAppData';
import { valueColors } from '../../../client/src/catalog/presentation';
import { offlineBasemap } from '../../../client/src/map/basemap/basemaps';
import { buildMapStyle, mapInteraction } from '../../../client/src/map/style';
import type { ApiFeature } from '../../../server/src/contract/api';
import { shippedCatalog } from './catalog.fixture';

const empty: FeatureCollection = { type: 'FeatureCollection', features: [] };
const { catalog } = shippedCatalog();
const TILES = 'http://h/api/collections/facilities/tiles/WebMercatorQuad/{z}/{y}/{x}';
const feature = (id: number, name: string): ApiFeature =>
  ({
    type: 'Feature',
    id,
    geometry: { type: 'Point', coordinates: [104, 22] },
    properties: { name },
  }) as ApiFeature;

function style(filters: Record<string, string> = {}, revision = 0) {
  const tiled = new Set(['facilities']);
  const tiles = tiledLayers(
    catalog,
    { tiled, tileUrls: { facilities: TILES }, revisions: { facilities: revision } },
    filters,
  );
  return buildMapStyle({
    basemap: offlineBasemap(catalog.frame?.id),
    catalog,
    data: {},
    colors: Object.fromEntries(catalog.collections.map((c) => [c.id, valueColors(c, [])])),
    context: empty,
    selection: empty,
    visible: new Set(catalog.toggles.map((t) => t.key)),
    choropleth: { color: '#ffffff', illustrativeCodes: [] },
    attribution: { boundaries: 'b', context: 'c' },
    lang: 'vi',
    tiles,
  });
}

describe('a tiled collection in the map style', () => {
  it('is a vector source of our tile URL; its layers read its source layer, small ones stay GeoJSON', () => {
    const s = style();
    expect(s.sources.facilities).toEqual({ type: 'vector', tiles: [TILES], minzoom: 0, maxzoom: 16 });
    expect(s.sources['craft-villages']).toMatchObject({ type: 'geojson' });
    const own = s.layers.filter((l) => 'source' in l && l.source === 'facilities');
    expect(own.map((l) => l.id).sort()).toEqual([
      'facilities-group-count',
      'facilities-groups',
      'facilities-halo',
      'facilities-symbol',
    ]);
    for (const l of own) expect(l).toMatchObject({ 'source-layer': 'facilities' });
    // Count bubbles from the tiles' point_count, in the locale's digits; symbols never for a cluster.
    const count = s.layers.find((l) => l.id === 'facilities-group-count') as SymbolLayerSpecification;
    expect(count.layout?.['text-field']).toEqual([
      'number-format',
      ['get', 'point_count'],
      { locale: 'vi-VN' },
    ]);
    expect(
      JSON.stringify((s.layers.find((l) => l.id === 'facilities-symbol') as SymbolLayerSpecification).filter),
    ).toContain('point_count');
  });

  it('a filter goes into the tile URL (the server filters points and counts); the count bubbles stay', () => {
    const s = style({ district: '083' }, 2);
    expect(s.sources.facilities).toMatchObject({ tiles: [`${TILES}?district_code=083#rev=2`] });
    const symbol = s.layers.find((l) => l.id === 'facilities-symbol') as SymbolLayerSpecification;
    expect(JSON.stringify(symbol?.filter)).not.toContain('district_code');
    expect(s.layers.find((l) => l.id === 'facilities-groups')?.layout?.visibility).toBe('visible');
    // One filter is one URL: parameters in name order, values encoded.
    expect(tileQuery(catalog, 'craft-villages', { craft: 'wine distilling', district: '083' })).toBe(
      '?craft=wine+distilling&district_code=083',
    );
    expect(tileQuery(catalog, 'facilities', {})).toBe('');
  });

  it('an edit (a new revision) changes the tile URL, so MapLibre loads every tile again', () => {
    const a = style({}, 0).sources.facilities;
    const b = style({}, 1).sources.facilities;
    expect(a).not.toEqual(b);
    expect(b).toMatchObject({ tiles: [`${TILES}#rev=1`] });
  });

  it('its count bubbles are picked (a click zooms in); our sources are never the basemap', () => {
    const i = mapInteraction(catalog, new Set(['facilities', 'landmarks']));
    expect([...i.groups].sort()).toEqual(['facilities-groups', 'landmarks-groups']);
    expect(i.dataSources.has('facilities')).toBe(true);
  });
});

describe('large-layer data helpers', () => {
  it('upsert replaces a feature by id, adds new ones and drops a deleted one', () => {
    const list = [feature(1, 'a'), feature(2, 'b'), feature(3, 'c')];
    const out = upsert(list, [feature(2, 'B'), feature(9, 'new')], 3);
    expect(out.map((f) => [f.id, f.properties.name])).toEqual([
      [1, 'a'],
      [2, 'B'],
      [9, 'new'],
    ]);
  });

  it('tiled collections leave the local (search, list, spread) features; legends count the layer', () => {
    const features = { facilities: [feature(1, 'x')], 'craft-villages': [feature(2, 'y')] };
    expect(Object.keys(withoutTiled(features, new Set(['facilities'])))).toEqual(['craft-villages']);
    const legends = withTiledCounts(
      catalog,
      { facilities: { kind: 'swatch', shown: 1, color: '#000', label: 'f' } },
      { facilities: 100_000 },
      new Set(['facilities']),
    );
    expect(legends.facilities).toMatchObject({ kind: 'swatch', shown: 100_000 });
  });

  it('the API client asks pages with bbox, q and filters, and builds the absolute tile URL', async () => {
    const seen: string[] = [];
    const api = new ApiClient('/api', async (url) => {
      seen.push(url);
      return new Response(JSON.stringify({ type: 'FeatureCollection', features: [], links: [] }), {
        status: 200,
        headers: { 'content-type': 'application/geo+json' },
      });
    });
    await api.itemsPage('facilities', {
      limit: 8,
      q: 'sa pa',
      bbox: [103.5, 22, 104, 22.5],
      filters: { district_code: '083' },
    });
    expect(seen).toEqual([
      '/api/collections/facilities/items?limit=8&bbox=103.500000%2C22.000000%2C104.000000%2C22.500000&q=sa+pa&district_code=083',
    ]);
    expect(api.tilesUrl('facilities', 'http://h:3000/x')).toBe(TILES.replace('http://h', 'http://h:3000'));
  });
});

import type { FeatureCollection } from 'geojson';
import type { StyleSpecification } from 'maplibre-gl';
import { describe, expect, it } from 'vitest';
import { valueColors } from '../../../client/src/catalog/presentation';
import { offlineBasemap, osmBasemap } from '../../../client/src/map/basemap/basemaps';
import { buildMapStyle, type MapStyleInput, mapInteraction } from '../../../client/src/map/style';
import { shippedCatalog } from './catalog.fixture';

const empty: FeatureCollection = { type: 'FeatureCollection', features: [] };
const { catalog } = shippedCatalog();
const ALL = catalog.toggles.map((t) => t.key);
const offline = () => offlineBasemap(catalog.frame?.id);

function input(basemap: StyleSpecification, visible: string[] = ALL): MapStyleInput {
  return {
    basemap,
    catalog,
    data: {},
    colors: Object.fromEntries(catalog.collections.map((c) => [c.id, valueColors(c, [])])),
    context: empty,
    selection: empty,
    visible: new Set(visible),
    choropleth: { color: '#ffffff', illustrativeCodes: ['080'] },
    attribution: { boundaries: 'Ranh giới: gis.chinhphu.vn', context: 'Natural Earth' },
    lang: 'vi',
  };
}
const ids = (style: StyleSpecification) => style.layers.map((l) => l.id);

describe('buildMapStyle', () => {
  it('the offline style names no URL at all: no glyphs, sprite, tiles or style links', () => {
    const style = buildMapStyle(input(offline()));
    expect(style.glyphs).toBeUndefined();
    expect(style.sprite).toBeUndefined();
    expect(JSON.stringify(style)).not.toMatch(/https?:|\/\//);
  });

  it('has a source per collection and every interactive layer, so clicks can always be resolved', () => {
    const style = buildMapStyle(input(offline()));
    for (const c of catalog.collections) expect(style.sources[c.id]).toMatchObject({ type: 'geojson' });
    const interaction = mapInteraction(catalog);
    for (const id of interaction.layers) expect(ids(style)).toContain(id);
    // Top-most first: the clusters' symbols, the landmarks', …, then the areas.
    expect(interaction.layers).toEqual([
      'industrial-clusters-symbol',
      'landmarks-symbol',
      'facilities-symbol',
      'facilities-groups',
      'craft-villages-symbol',
      'industrial-clusters-area',
      'districts-choropleth',
    ]);
    expect([...interaction.areas]).toEqual(['industrial-clusters-area', 'districts-choropleth']);
    expect([...interaction.groups]).toEqual(['facilities-groups']);
  });

  it('a hidden layer family is set to visibility none', () => {
    const style = buildMapStyle(input(offline(), ['choropleth']));
    const villages = style.layers.find((l) => l.id === 'craft-villages-symbol');
    expect(villages?.layout?.visibility).toBe('none');
  });

  it('draws in the order the hints say: areas, discs, symbols by label priority (clusters on top)', () => {
    const order = ids(buildMapStyle(input(offline())));
    const at = (id: string) => {
      expect(order).toContain(id);
      return order.indexOf(id);
    };
    const bottomToTop = [
      'frame-fill',
      'districts-choropleth',
      'districts-illustrative-hatch',
      'province-outline',
      'districts-outline',
      'international-border',
      'industrial-clusters-area',
      'craft-villages-halo',
      'facilities-halo',
      'landmarks-halo',
      'industrial-clusters-halo',
      'selection-halo',
      'context-label',
      'craft-villages-symbol',
      'facilities-groups',
      'facilities-symbol',
      'landmarks-symbol',
      'districts-label',
      'industrial-clusters-symbol',
      'selection-ring',
    ];
    for (let i = 1; i < bottomToTop.length; i++)
      expect(at(bottomToTop[i]!), bottomToTop[i]).toBeGreaterThan(at(bottomToTop[i - 1]!));
  });

  it('symbols are our own canvas images (no sprite), one per value of symbolBy, sized by the hints', () => {
    const style = buildMapStyle(input(offline()));
    const cluster = style.layers.find((l) => l.id === 'industrial-clusters-symbol');
    expect(JSON.stringify(cluster?.layout)).toContain('sym|');
    expect(JSON.stringify(cluster?.layout)).toContain('industry');
    const landmark = JSON.stringify(style.layers.find((l) => l.id === 'landmarks-symbol')?.layout);
    for (const s of ['gate', 'rail', 'expressway', 'seat']) expect(landmark).toContain(`"${s}"`);
    expect(landmark).toContain('"#7a1f5c"');
  });

  it('uncertainty discs show only for the hovered feature (feature state), not for every feature', () => {
    const halo = buildMapStyle(input(offline())).layers.find((l) => l.id === 'craft-villages-halo');
    expect(JSON.stringify(halo?.paint)).toContain('feature-state');
  });

  it('credits the boundary and country sources on the map (attribution)', () => {
    const { sources } = buildMapStyle(input(offline()));
    expect(JSON.stringify(sources[catalog.frame!.id])).toContain('gis.chinhphu.vn');
    expect(JSON.stringify(sources._context)).toContain('Natural Earth');
  });

  it('hatches the areas whose values are illustrative', () => {
    const hatch = buildMapStyle(input(offline())).layers.find((l) => l.id === 'districts-illustrative-hatch');
    expect(JSON.stringify(hatch)).toContain('080');
  });

  it('outlines the area an area filter chose', () => {
    const style = buildMapStyle({
      ...input(offline()),
      highlight: { collection: 'districts', property: 'code', value: '088' },
    });
    expect(JSON.stringify(style.layers.find((l) => l.id === 'districts-highlight'))).toContain('088');
  });

  it('facilities are clustered as the hint says', () => {
    const src = buildMapStyle(input(offline())).sources.facilities;
    expect(src).toMatchObject({ type: 'geojson', cluster: true, clusterMaxZoom: 11, clusterRadius: 40 });
  });

  it('the OSM basemap carries the OpenStreetMap attribution', () => {
    const src = buildMapStyle(input(osmBasemap())).sources.osm;
    expect(JSON.stringify(src)).toContain('OpenStreetMap</a> contributors');
  });

  it('with a custom basemap that has glyphs, our labels use its font', () => {
    const custom: StyleSpecification = {
      version: 8,
      glyphs: 'https://example.org/fonts/{fontstack}/{range}.pbf',
      sources: {},
      layers: [{ id: 'place', type: 'symbol', source: 'x', layout: { 'text-font': ['Open Sans Regular'] } }],
    };
    const style = buildMapStyle(input(custom));
    const label = style.layers.find((l) => l.id === 'districts-label');
    expect(label?.layout).toMatchObject({ 'text-font': ['Open Sans Regular'] });
  });
});

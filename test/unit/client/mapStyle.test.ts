import type { FeatureCollection } from 'geojson';
import type { StyleSpecification } from 'maplibre-gl';
import { describe, expect, it } from 'vitest';
import { LAYER_IDS, type LayerId } from '../../../client/src/lib/urlState';
import { offlineBasemap, osmBasemap } from '../../../client/src/map/basemap/basemaps';
import { buildMapStyle, INTERACTIVE_LAYERS, type MapStyleInput } from '../../../client/src/map/style';

const empty: FeatureCollection = { type: 'FeatureCollection', features: [] };

function input(basemap: StyleSpecification, visible: LayerId[] = [...LAYER_IDS]): MapStyleInput {
  return {
    basemap,
    data: {
      province: empty,
      districts: empty,
      'industrial-clusters': empty,
      'craft-villages': empty,
      facilities: empty,
      landmarks: empty,
    },
    context: empty,
    selection: empty,
    visible: new Set(visible),
    choroplethColor: '#ffffff',
    illustrativeCodes: ['080'],
    attribution: { boundaries: 'Ranh giới: gis.chinhphu.vn', context: 'Natural Earth' },
    statusColors: { planned: '#E69F00' },
    craftColors: { forging: '#0072B2' },
    lang: 'vi',
  };
}

describe('buildMapStyle', () => {
  it('the offline style names no URL at all: no glyphs, sprite, tiles or style links', () => {
    const style = buildMapStyle(input(offlineBasemap()));
    expect(style.glyphs).toBeUndefined();
    expect(style.sprite).toBeUndefined();
    expect(JSON.stringify(style)).not.toMatch(/https?:|\/\//);
  });

  it('has every interactive layer, so clicks can always be resolved', () => {
    const ids = buildMapStyle(input(offlineBasemap())).layers.map((l) => l.id);
    for (const id of INTERACTIVE_LAYERS) expect(ids).toContain(id);
  });

  it('a hidden layer family is set to visibility none', () => {
    const style = buildMapStyle(input(offlineBasemap(), ['choropleth']));
    const villages = style.layers.find((l) => l.id === 'village-symbol');
    expect(villages?.layout?.visibility).toBe('none');
  });

  it('symbols are our own canvas images (no sprite); clusters are drawn above every other point layer', () => {
    const style = buildMapStyle(input(offlineBasemap()));
    const ids = style.layers.map((l) => l.id);
    const cluster = style.layers.find((l) => l.id === 'cluster-symbol');
    expect(JSON.stringify(cluster?.layout)).toContain('sym|');
    for (const other of ['village-symbol', 'facility-symbol', 'landmark-symbol', 'district-label'])
      expect(ids.indexOf('cluster-symbol')).toBeGreaterThan(ids.indexOf(other));
  });

  it('uncertainty discs show only for the hovered feature (feature state), not for every feature', () => {
    const halo = buildMapStyle(input(offlineBasemap())).layers.find((l) => l.id === 'village-halo');
    expect(JSON.stringify(halo?.paint)).toContain('feature-state');
  });

  it('credits the boundary and country sources on the map (attribution)', () => {
    const { sources } = buildMapStyle(input(offlineBasemap()));
    expect(JSON.stringify(sources.province)).toContain('gis.chinhphu.vn');
    expect(JSON.stringify(sources.context)).toContain('Natural Earth');
  });

  it('hatches the districts whose values are illustrative', () => {
    const hatch = buildMapStyle(input(offlineBasemap())).layers.find(
      (l) => l.id === 'district-illustrative-hatch',
    );
    expect(JSON.stringify(hatch)).toContain('080');
  });

  it('facilities are clustered', () => {
    const src = buildMapStyle(input(offlineBasemap())).sources.facilities;
    expect(src).toMatchObject({ type: 'geojson', cluster: true });
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
    const label = style.layers.find((l) => l.id === 'district-label');
    expect(label?.layout).toMatchObject({ 'text-font': ['Open Sans Regular'] });
  });
});

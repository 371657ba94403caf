import type { StyleSpecification } from 'maplibre-gl';
import { describe, expect, it } from 'vitest';
import { keepForeign } from '../../../client/src/map/keepForeign';

const style = (sources: string[], layers: string[]): StyleSpecification => ({
  version: 8,
  sources: Object.fromEntries(
    sources.map((id) => [id, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } }]),
  ),
  layers: layers.map((id) => ({ id, type: 'background' })),
});

describe('keepForeign', () => {
  it("keeps another tool's sources and layers on top when our style changes", () => {
    const ours = style(['districts'], ['bg', 'district-fill']);
    const live = style(['districts', 'td-points'], ['bg', 'district-fill', 'td-point-layer']);
    const next = style(['districts', 'osm'], ['bg', 'osm', 'district-fill']);
    const merged = keepForeign(live, next, ours);
    expect(Object.keys(merged.sources)).toEqual(['districts', 'osm', 'td-points']);
    expect(merged.layers.map((l) => l.id)).toEqual(['bg', 'osm', 'district-fill', 'td-point-layer']);
  });

  it('drops our own layers that the new style no longer has', () => {
    const ours = style(['osm'], ['bg', 'osm']);
    const merged = keepForeign(ours, style([], ['bg']), ours);
    expect(merged.layers.map((l) => l.id)).toEqual(['bg']);
    expect(Object.keys(merged.sources)).toEqual([]);
  });
});

import type { StyleSpecification } from 'maplibre-gl';
import { describe, expect, it } from 'vitest';
import { keepDrawLayers } from '../../../client/src/features/edit/draw/keepDrawLayers';

const empty = { type: 'geojson' as const, data: { type: 'FeatureCollection' as const, features: [] } };

function style(sources: string[], layers: string[]): StyleSpecification {
  return {
    version: 8,
    sources: Object.fromEntries(sources.map((s) => [s, empty])),
    layers: layers.map((id) => ({ id, type: 'background' as const })),
  };
}

describe('keepDrawLayers', () => {
  it('carries the drawing sources and layers over to the next style, on top', () => {
    const prev = style(['facilities', 'td-point'], ['bg', 'facility', 'td-point']);
    const next = style(['facilities'], ['bg', 'facility-new']);
    const out = keepDrawLayers(prev, next);
    expect(Object.keys(out.sources)).toEqual(['facilities', 'td-point']);
    expect(out.layers.map((l) => l.id)).toEqual(['bg', 'facility-new', 'td-point']);
  });

  it('returns the next style untouched when nothing is being drawn', () => {
    const next = style(['facilities'], ['bg']);
    expect(keepDrawLayers(style(['facilities'], ['bg', 'old']), next)).toBe(next);
    expect(keepDrawLayers(undefined, next)).toBe(next);
  });
});

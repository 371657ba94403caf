import { describe, expect, it } from 'vitest';
import {
  DEFAULT_URL_STATE,
  decodeUrlState,
  encodeUrlState,
  type UrlState,
} from '../../../client/src/lib/urlState';

describe('URL state', () => {
  it('round-trips view, layers, indicator, year, filters, selection and basemap', () => {
    const state: UrlState = {
      view: { zoom: 10.25, lat: 22.33611, lon: 103.84389 },
      layers: ['choropleth', 'villages'],
      indicator: 'workers',
      year: 2008,
      filters: { district: '085', craft: 'wine_distilling', status: 'operating' },
      selected: { collection: 'craft-villages', id: 12 },
      basemap: 'osm',
    };
    const hash = encodeUrlState(state);
    expect(hash).toContain('map=10.25/22.33611/103.84389');
    expect(decodeUrlState(hash)).toEqual(state);
  });

  it('an empty hash gives the defaults (all layers, offline basemap)', () => {
    expect(decodeUrlState('')).toEqual(DEFAULT_URL_STATE);
  });

  it('drops malformed parts instead of failing', () => {
    const s = decodeUrlState(
      '#map=99/1/2&layers=bogus,villages&year=abc&sel=../etc/1&base=evil&district=<script>',
    );
    expect(s.view).toBeUndefined();
    expect(s.layers).toEqual(['villages']);
    expect(s.year).toBeUndefined();
    expect(s.selected).toBeUndefined();
    expect(s.basemap).toBe('offline');
    expect(s.filters.district).toBeUndefined();
  });

  it('keeps an explicitly empty layer list (all layers off)', () => {
    expect(decodeUrlState(encodeUrlState({ ...DEFAULT_URL_STATE, layers: [] })).layers).toEqual([]);
  });
});

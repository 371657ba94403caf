import { describe, expect, it } from 'vitest';
import { linkSchema } from '../../../client/src/catalog/catalog';
import {
  decodeUrlState,
  defaultUrlState,
  encodeUrlState,
  type UrlState,
} from '../../../client/src/lib/urlState';
import { LINK_PARAMS } from '../../../server/src/contract/collections';
import { shippedCatalog } from './catalog.fixture';

// The shipped catalog's keys: links shared before the client was built from the catalog still open.
const link = linkSchema(shippedCatalog().catalog);

describe('URL state', () => {
  it('takes its layer and filter keys from the catalog, spelt as links always spelt them', () => {
    expect(link.layers.map((l) => l.key)).toEqual([
      'choropleth',
      'districts',
      'clusters',
      'villages',
      'facilities',
      'landmarks',
    ]);
    expect([...link.filters].sort()).toEqual(['craft', 'district', 'status']);
  });

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
    const hash = encodeUrlState(state, link);
    expect(hash).toContain('map=10.25/22.33611/103.84389');
    expect(decodeUrlState(hash, link)).toEqual(state);
  });

  it('opens a link made before the catalog drove the client', () => {
    const s = decodeUrlState(
      '#map=11.5/22.4/103.9&layers=choropleth,districts,villages&ind=workers&year=2008&district=085&craft=forging&status=planned&sel=craft-villages/3&lang=en',
      link,
    );
    expect(s).toMatchObject({
      layers: ['choropleth', 'districts', 'villages'],
      filters: { district: '085', craft: 'forging', status: 'planned' },
      selected: { collection: 'craft-villages', id: 3 },
      lang: 'en',
    });
  });

  it('an empty hash gives the defaults (the toggles visible at first, offline basemap)', () => {
    expect(decodeUrlState('', link)).toEqual(defaultUrlState(link));
    expect(defaultUrlState(link).layers).toHaveLength(6);
  });

  it('drops malformed parts instead of failing', () => {
    const s = decodeUrlState(
      '#map=99/1/2&layers=bogus,villages&year=abc&sel=../etc/1&base=evil&district=<script>&kind=x',
      link,
    );
    expect(s.view).toBeUndefined();
    expect(s.layers).toEqual(['villages']);
    expect(s.year).toBeUndefined();
    expect(s.selected).toBeUndefined();
    expect(s.basemap).toBe('offline');
    expect(s.filters).toEqual({});
  });

  it('keeps an explicitly empty layer list (all layers off)', () => {
    const none = encodeUrlState({ ...defaultUrlState(link), layers: [] }, link);
    expect(decodeUrlState(none, link).layers).toEqual([]);
  });

  it('every parameter it writes is a link parameter or a catalog filter key', () => {
    const hash = encodeUrlState(
      {
        view: { zoom: 9, lat: 22, lon: 104 },
        layers: ['districts'],
        indicator: 'workers',
        year: 2012,
        filters: { district: '082', craft: 'forging', status: 'planned' },
        selected: { collection: 'landmarks', id: 1 },
        basemap: 'custom',
        lang: 'vi',
      },
      link,
    );
    const keys = [...new URLSearchParams(hash.slice(1)).keys()];
    const allowed: readonly string[] = [...LINK_PARAMS, ...link.filters];
    expect(keys.filter((k) => !allowed.includes(k))).toEqual([]);
    expect(keys).toHaveLength(LINK_PARAMS.length + 3);
  });
});

/**
 * The shareable part of the app state, encoded in the URL hash:
 *   #map=<zoom>/<lat>/<lon>&layers=a,b&ind=<id>&year=<yyyy>&district=<code>&craft=<v>&status=<v>
 *    &sel=<collection>/<id>&base=<offline|osm|custom>&lang=<vi|en>
 * Decoding is forgiving: an unknown or malformed part is dropped (the default applies), never thrown.
 * Coordinates are WGS84 degrees; zoom is the MapLibre zoom level.
 */
export const LAYER_IDS = [
  'choropleth',
  'districts',
  'clusters',
  'villages',
  'facilities',
  'landmarks',
] as const;
export type LayerId = (typeof LAYER_IDS)[number];

export const BASEMAPS = ['offline', 'osm', 'custom'] as const;
export type BasemapId = (typeof BASEMAPS)[number];

export interface MapViewState {
  zoom: number;
  lat: number;
  lon: number;
}

export interface Filters {
  district?: string;
  craft?: string;
  status?: string;
}

export interface FeatureRef {
  collection: string;
  id: number;
}

export interface UrlState {
  view?: MapViewState;
  /** The UI language: part of a shared link (absent in a link = the reader's own choice). */
  lang?: 'vi' | 'en';
  layers: LayerId[];
  indicator?: string;
  year?: number;
  filters: Filters;
  selected?: FeatureRef;
  basemap: BasemapId;
}

export const DEFAULT_URL_STATE: UrlState = {
  layers: [...LAYER_IDS],
  filters: {},
  basemap: 'offline',
};

const TOKEN = /^[\p{L}\p{N}_.-]{1,64}$/u;

export function encodeUrlState(state: UrlState): string {
  const p = new URLSearchParams();
  if (state.view) {
    const { zoom, lat, lon } = state.view;
    p.set('map', `${round(zoom, 2)}/${round(lat, 5)}/${round(lon, 5)}`);
  }
  p.set('layers', state.layers.join(','));
  if (state.indicator) p.set('ind', state.indicator);
  if (state.year !== undefined) p.set('year', String(state.year));
  if (state.filters.district) p.set('district', state.filters.district);
  if (state.filters.craft) p.set('craft', state.filters.craft);
  if (state.filters.status) p.set('status', state.filters.status);
  if (state.selected) p.set('sel', `${state.selected.collection}/${state.selected.id}`);
  if (state.basemap !== 'offline') p.set('base', state.basemap);
  if (state.lang) p.set('lang', state.lang);
  return `#${p.toString().replaceAll('%2F', '/').replaceAll('%2C', ',')}`;
}

export function decodeUrlState(hash: string): UrlState {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  const state: UrlState = { ...DEFAULT_URL_STATE, layers: [...DEFAULT_URL_STATE.layers], filters: {} };
  const view = parseView(p.get('map'));
  if (view) state.view = view;
  const layers = p.get('layers');
  if (layers !== null) {
    state.layers = LAYER_IDS.filter((id) => layers.split(',').includes(id));
  }
  const ind = token(p.get('ind'));
  if (ind) state.indicator = ind;
  const year = Number(p.get('year'));
  if (p.has('year') && Number.isInteger(year) && year >= 1900 && year <= 2100) state.year = year;
  const district = token(p.get('district'));
  if (district) state.filters.district = district;
  const craft = token(p.get('craft'));
  if (craft) state.filters.craft = craft;
  const status = token(p.get('status'));
  if (status) state.filters.status = status;
  const sel = parseRef(p.get('sel'));
  if (sel) state.selected = sel;
  const base = p.get('base');
  if (base && (BASEMAPS as readonly string[]).includes(base)) state.basemap = base as BasemapId;
  const lang = p.get('lang');
  if (lang === 'vi' || lang === 'en') state.lang = lang;
  return state;
}

function parseView(raw: string | null): MapViewState | undefined {
  if (!raw) return undefined;
  const parts = raw.split('/').map(Number);
  if (parts.length !== 3 || parts.some((n) => !Number.isFinite(n))) return undefined;
  const [zoom, lat, lon] = parts as [number, number, number];
  if (zoom < 0 || zoom > 22 || Math.abs(lat) > 85 || Math.abs(lon) > 180) return undefined;
  return { zoom, lat, lon };
}

function parseRef(raw: string | null): FeatureRef | undefined {
  if (!raw) return undefined;
  const m = /^([a-z][a-z0-9-]{0,63})\/(\d{1,12})$/.exec(raw);
  if (!m) return undefined;
  return { collection: m[1]!, id: Number(m[2]) };
}

function token(raw: string | null): string | undefined {
  return raw && TOKEN.test(raw) ? raw : undefined;
}

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

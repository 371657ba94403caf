/**
 * The shareable part of the app state, encoded in the URL hash:
 *   #map=<zoom>/<lat>/<lon>&layers=a,b&ind=<id>&year=<yyyy>&<filter key>=<value>…
 *    &sel=<collection>/<id>&base=<offline|osm|custom>&lang=<vi|en>
 * Layer and filter keys are the catalog's (`LinkSchema`: its toggles and filters), so a shared
 * link keeps its meaning as long as the catalog keeps its keys. Decoding is forgiving: an unknown
 * or malformed part is dropped (the default applies), never thrown. Coordinates are WGS84
 * degrees; zoom is the MapLibre zoom level.
 */

/** The catalog's keys a link may hold: the layer toggles (with their first visibility) and the filters. */
export interface LinkSchema {
  layers: readonly { key: string; visible: boolean }[];
  filters: readonly string[];
}

export const BASEMAPS = ['offline', 'osm', 'custom'] as const;
export type BasemapId = (typeof BASEMAPS)[number];

export interface MapViewState {
  zoom: number;
  lat: number;
  lon: number;
}

/** Active filters: filter key → the chosen value. */
export type Filters = Readonly<Record<string, string>>;

export interface FeatureRef {
  collection: string;
  id: number;
}

export interface UrlState {
  view?: MapViewState;
  /** The UI language: part of a shared link (absent in a link = the reader's own choice). */
  lang?: 'vi' | 'en';
  /** The layer toggles that are on (catalog toggle keys). */
  layers: string[];
  indicator?: string;
  year?: number;
  filters: Filters;
  selected?: FeatureRef;
  basemap: BasemapId;
  /** The district whose profile is open (its code, the choropleth's join value). */
  profile?: string;
  /** The map and the chart show the change between the indicator's first and last year (percent or absolute). */
  change?: 'pct' | 'abs';
}

/** The state of a link that says nothing: the toggles visible at first, no filter, the offline basemap. */
export function defaultUrlState(schema: LinkSchema): UrlState {
  return {
    layers: schema.layers.filter((l) => l.visible).map((l) => l.key),
    filters: {},
    basemap: 'offline',
  };
}

const TOKEN = /^[\p{L}\p{N}_.-]{1,64}$/u;

export function encodeUrlState(state: UrlState, schema: LinkSchema): string {
  const p = new URLSearchParams();
  if (state.view) {
    const { zoom, lat, lon } = state.view;
    p.set('map', `${round(zoom, 2)}/${round(lat, 5)}/${round(lon, 5)}`);
  }
  p.set('layers', state.layers.join(','));
  if (state.indicator) p.set('ind', state.indicator);
  if (state.year !== undefined) p.set('year', String(state.year));
  for (const key of schema.filters) {
    const value = state.filters[key];
    if (value) p.set(key, value);
  }
  if (state.selected) p.set('sel', `${state.selected.collection}/${state.selected.id}`);
  if (state.basemap !== 'offline') p.set('base', state.basemap);
  if (state.profile) p.set('profile', state.profile);
  if (state.change) p.set('change', state.change);
  if (state.lang) p.set('lang', state.lang);
  return `#${p.toString().replaceAll('%2F', '/').replaceAll('%2C', ',')}`;
}

export function decodeUrlState(hash: string, schema: LinkSchema): UrlState {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  const state: UrlState = defaultUrlState(schema);
  const view = parseView(p.get('map'));
  if (view) state.view = view;
  const layers = p.get('layers');
  if (layers !== null) {
    const listed = layers.split(',');
    state.layers = schema.layers.map((l) => l.key).filter((key) => listed.includes(key));
  }
  const ind = token(p.get('ind'));
  if (ind) state.indicator = ind;
  const year = Number(p.get('year'));
  if (p.has('year') && Number.isInteger(year) && year >= 1900 && year <= 2100) state.year = year;
  const filters: Record<string, string> = {};
  for (const key of schema.filters) {
    const value = token(p.get(key));
    if (value) filters[key] = value;
  }
  state.filters = filters;
  const sel = parseRef(p.get('sel'));
  if (sel) state.selected = sel;
  const base = p.get('base');
  if (base && (BASEMAPS as readonly string[]).includes(base)) state.basemap = base as BasemapId;
  const profile = token(p.get('profile'));
  if (profile) state.profile = profile;
  const change = p.get('change');
  if (change === 'pct' || change === 'abs') state.change = change;
  const lang = linkLanguage(hash);
  if (lang) state.lang = lang;
  return state;
}

/** The language a link names (`lang=vi|en`), read before the catalog is loaded. */
export function linkLanguage(hash: string): 'vi' | 'en' | undefined {
  const lang = new URLSearchParams(hash.replace(/^#/, '')).get('lang');
  return lang === 'vi' || lang === 'en' ? lang : undefined;
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

import type { InvestorTab } from '../features/shortlist/useInvestorTools';
import type { ClassMethod } from '../lib/classify';
import type { BasemapId, FeatureRef, MapViewState, UrlState } from '../lib/urlState';
import type { ViewRequest, ViewRequestInput } from '../map/MapView';

/** `edit` and `import` exist only while a signed-in editor or admin is in edit mode. */
export type TabId =
  | 'layers'
  | 'indicators'
  | 'charts'
  | 'profile'
  | 'table'
  | 'filters'
  | 'list'
  | 'details'
  | 'edit'
  | 'import'
  | InvestorTab;

/** The whole UI state: the shareable part (URL) plus what only this tab needs. */
export interface AppState extends UrlState {
  tab: TabId;
  classMethod: ClassMethod;
  viewRequest?: ViewRequest;
}

export type Action =
  | { type: 'view'; view: MapViewState }
  /** A layer toggle (catalog toggle key). */
  | { type: 'toggleLayer'; layer: string }
  | { type: 'indicator'; indicator: string }
  | { type: 'year'; year: number }
  | { type: 'classMethod'; method: ClassMethod }
  /** A filter (catalog filter key) set to a value, or cleared with undefined. */
  | { type: 'filter'; key: string; value: string | undefined }
  | { type: 'clearFilters' }
  /** Selecting opens the details tab, unless `tab` names another (edit mode keeps its tab, so does the table). */
  | { type: 'select'; ref: FeatureRef | undefined; tab?: TabId }
  | { type: 'basemap'; basemap: BasemapId }
  | { type: 'tab'; tab: TabId }
  | { type: 'moveTo'; request: ViewRequestInput }
  /** Opens a district's profile (its code) in the profile tab; undefined closes it. */
  | { type: 'profile'; code: string | undefined }
  | { type: 'change'; change: 'pct' | 'abs' | undefined }
  | { type: 'restore'; state: UrlState };

export function initialAppState(url: UrlState): AppState {
  const tab: TabId = url.profile ? 'profile' : url.selected ? 'details' : 'layers';
  return { ...url, tab, classMethod: 'quantile' };
}

export function appReducer(state: AppState, action: Action): AppState {
  switch (action.type) {
    case 'view':
      return { ...state, view: action.view };
    case 'toggleLayer': {
      const on = state.layers.includes(action.layer);
      return {
        ...state,
        layers: on ? state.layers.filter((l) => l !== action.layer) : [...state.layers, action.layer],
      };
    }
    case 'indicator':
      return { ...state, indicator: action.indicator, year: undefined };
    case 'year':
      return { ...state, year: action.year };
    case 'classMethod':
      return { ...state, classMethod: action.method };
    case 'filter': {
      const { [action.key]: _, ...others } = state.filters;
      return {
        ...state,
        filters: action.value === undefined ? others : { ...others, [action.key]: action.value },
      };
    }
    case 'clearFilters':
      return { ...state, filters: {} };
    case 'select':
      // The attribute table stays open on a map pick (its row is marked).
      return {
        ...state,
        selected: action.ref,
        tab: action.ref ? (action.tab ?? (state.tab === 'table' ? 'table' : 'details')) : state.tab,
      };
    case 'basemap':
      return { ...state, basemap: action.basemap };
    case 'tab':
      return { ...state, tab: action.tab };
    case 'moveTo':
      return { ...state, viewRequest: { ...action.request, seq: (state.viewRequest?.seq ?? 0) + 1 } };
    case 'profile':
      return { ...state, profile: action.code, tab: action.code ? 'profile' : state.tab };
    case 'change':
      return { ...state, change: action.change };
    case 'restore':
      return { ...state, ...action.state };
  }
}

/** The shareable part of the state. */
export function toUrlState(s: AppState): UrlState {
  return {
    view: s.view,
    layers: s.layers,
    indicator: s.indicator,
    year: s.year,
    filters: s.filters,
    selected: s.selected,
    basemap: s.basemap,
    profile: s.profile,
    change: s.change,
  };
}

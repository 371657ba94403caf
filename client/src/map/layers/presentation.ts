/**
 * How each collection looks on the map, in one place: symbol shape, size and colours, the order in
 * which labels are placed, and how search ranks it. Plain data (later to be driven by presentation
 * hints of the catalog); the style builders in this folder, the legends and search read it.
 *
 * Colour choices: cluster statuses use three Okabe–Ito hues that no other layer uses; craft
 * villages use Paul Tol's muted and light schemes without those hues; facilities have a colour of
 * their own; landmarks are dark pictograms, one per kind. Every symbol of an approximate location
 * is pale (a tinted fill inside a strong outline), a surveyed one solid.
 */
import type { SymbolShape } from './symbols';

export interface PointPresentation {
  /** Prefix of the style layer ids ('cluster', 'village', 'facility', 'landmark'). */
  prefix: string;
  shape: SymbolShape;
  /** Label placement rank: lower is placed first and wins collisions (districts' names are 2). */
  labelRank: number;
  /** Labels from this zoom on. */
  labelMinZoom: number;
  /** Search ranks hits of equal quality by this (lower first). */
  searchRank: number;
}

export const CLUSTER_STATUS_COLORS: Readonly<Record<string, string>> = {
  planned: '#E69F00',
  approved: '#56B4E9',
  operating: '#009E73',
};

/** Craft colours, given to the crafts present in schema order (none equals a cluster status colour). */
export const CRAFT_PALETTE: readonly string[] = [
  '#CC6677',
  '#332288',
  '#DDCC77',
  '#117733',
  '#AA4499',
  '#44AA99',
  '#999933',
  '#882255',
  '#6699CC',
  '#EE8866',
  '#661100',
  '#888888',
];

export const FACILITY_COLOR = '#6A3D9A';
/** Landmark pictograms are dark; border gates take the international border's colour. */
export const LANDMARK_COLOR = '#2b2b2b';
export const BORDER_COLOR = '#7a1f5c';
export const LANDMARK_COLORS: Readonly<Record<string, string>> = { border_gate: BORDER_COLOR };
export const FALLBACK_POINT_COLOR = '#777777';

/** One pictogram per landmark kind (schema `kind` of landmarks); unknown kinds get a dot. */
export const LANDMARK_SHAPES: Readonly<Record<string, SymbolShape>> = {
  border_gate: 'gate',
  railway_station: 'rail',
  expressway_end: 'expressway',
  district_seat: 'seat',
};

export const POINT_PRESENTATION = {
  'industrial-clusters': {
    prefix: 'cluster',
    shape: 'square',
    labelRank: 1,
    labelMinZoom: 8,
    searchRank: 1,
  },
  landmarks: { prefix: 'landmark', shape: 'seat', labelRank: 3, labelMinZoom: 9, searchRank: 3 },
  facilities: { prefix: 'facility', shape: 'diamond', labelRank: 4, labelMinZoom: 11, searchRank: 4 },
  'craft-villages': {
    prefix: 'village',
    shape: 'circle',
    labelRank: 5,
    labelMinZoom: 10,
    searchRank: 2,
  },
} as const satisfies Record<string, PointPresentation>;

export type PointCollection = keyof typeof POINT_PRESENTATION;
export const POINT_COLLECTIONS = Object.keys(POINT_PRESENTATION) as PointCollection[];

/** Search rank of a collection (districts and the province after the point layers). */
export function searchRank(collection: string): number {
  return (POINT_PRESENTATION as Record<string, PointPresentation>)[collection]?.searchRank ?? 9;
}

/** The default indicator of the choropleth: true figures (official population over boundary area). */
export const DEFAULT_INDICATOR = 'population_density';

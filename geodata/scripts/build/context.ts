import {
  bboxClip,
  booleanPointInPolygon,
  buffer,
  difference,
  featureCollection,
  simplify,
  truncate,
} from '@turf/turf';
import type {
  Feature,
  FeatureCollection,
  LineString,
  MultiLineString,
  MultiPolygon,
  Point,
  Polygon,
  Position,
} from 'geojson';
import { feature as topoFeature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

/**
 * The country context around Lào Cai for the offline basemap (geodata/context.geojson):
 * - China and the rest of Vietnam inside a window around the province, from Natural Earth's
 *   1:10m countries (world-atlas), clipped to the window, minus our province, simplified;
 * - the international border: the parts of OUR province outline (gis.chinhphu.vn via dvhcvn)
 *   within BORDER_TOLERANCE_KM of Natural Earth's China, so the border line lies exactly on the
 *   province and district outlines the map draws (Natural Earth at 1:10m is off by up to ~1 km);
 * - one label point for China (Yunnan), checked to lie in China.
 */
export const CONTEXT_WINDOW: [number, number, number, number] = [102.95, 21.4, 105.2, 23.3];
export const BORDER_TOLERANCE_KM = 3;
const CHINA = '156';
const VIETNAM = '704';
const CHINA_LABEL: Position = [103.78, 22.8];

const NATURAL_EARTH =
  'Natural Earth 1:10m Admin 0 – Countries (public domain), from the world-atlas npm package (countries-10m.json)';

type Area = Feature<Polygon | MultiPolygon>;

function country(topology: Topology, id: string): Area {
  const all = topoFeature(topology, topology.objects.countries as GeometryCollection) as FeatureCollection;
  const found = all.features.find((f) => String(f.id) === id);
  if (!found) throw new Error(`Natural Earth country ${id} not found`);
  return found as Area;
}

/** `area` clipped to the window, without the degenerate rings a clip can leave (fewer than 4 positions). */
function clip(area: Area): Area {
  const clipped = bboxClip(area, CONTEXT_WINDOW) as Area;
  const polygons = (
    clipped.geometry.type === 'Polygon' ? [clipped.geometry.coordinates] : clipped.geometry.coordinates
  )
    .map((polygon) => polygon.filter((ring) => ring.length >= 4))
    .filter((polygon) => polygon.length > 0);
  return { ...clipped, geometry: { type: 'MultiPolygon', coordinates: polygons } };
}

function round4(f: Area): Area {
  return truncate(f, { precision: 4, coordinates: 2 }) as Area;
}

/** A country's part inside the window, without the province, simplified (≈ 200 m). */
function surrounding(topology: Topology, id: string, province: Area): Area | null {
  const clipped = clip(country(topology, id));
  const outside = difference(featureCollection([clipped, province]));
  if (!outside) return null;
  return round4(simplify(outside, { tolerance: 0.002, highQuality: true }) as Area);
}

function rings(area: Area): Position[][] {
  return area.geometry.type === 'Polygon' ? area.geometry.coordinates : area.geometry.coordinates.flat();
}

/** Up to this many outline vertices outside the tolerance between two border runs join them. */
const MAX_GAP_VERTICES = 8;

/** Marks short stretches of `false` between two `true`s (around the closed ring) as `true`. */
function bridgeGaps(flags: boolean[]): boolean[] {
  const out = [...flags];
  const n = flags.length;
  for (let i = 0; i < n; i++) {
    if (!flags[i] || flags[(i + 1) % n]) continue;
    let gap = 1;
    while (gap <= MAX_GAP_VERTICES && !flags[(i + 1 + gap) % n]) gap++;
    if (gap <= MAX_GAP_VERTICES) for (let k = 1; k <= gap; k++) out[(i + k) % n] = true;
  }
  return out;
}

/** Runs of consecutive outline vertices inside `near` (each run a line of at least two positions). */
function borderRuns(province: Area, near: Area): Position[][] {
  const runs: Position[][] = [];
  for (const ring of rings(province)) {
    const inside = bridgeGaps(ring.map((p) => booleanPointInPolygon(p, near)));
    // Start the walk at a vertex outside, so a run that wraps around the ring's start stays whole.
    const start = inside.indexOf(false);
    if (start < 0) {
      runs.push(ring);
      continue;
    }
    let run: Position[] = [];
    for (let k = 1; k <= ring.length; k++) {
      const i = (start + k) % ring.length;
      if (inside[i]) run.push(ring[i]!);
      else {
        if (run.length >= 2) runs.push(run);
        run = [];
      }
    }
    if (run.length >= 2) runs.push(run);
  }
  return runs;
}

export function buildContext(topology: Topology, province: Area): Feature[] {
  const china = country(topology, CHINA);
  const chinaNear = buffer(clip(china), BORDER_TOLERANCE_KM, {
    units: 'kilometers',
  }) as Area;
  const runs = borderRuns(province, chinaNear);
  if (runs.length === 0) throw new Error('no part of the province outline lies along China');
  const border: Feature<LineString | MultiLineString> = {
    type: 'Feature',
    properties: {
      kind: 'international_border',
      name: 'Biên giới quốc gia Việt Nam – Trung Quốc',
      name_en: 'Vietnam–China international border',
      source: `the province outline (gis.chinhphu.vn via dvhcvn) where it lies within ${BORDER_TOLERANCE_KM} km of China in ${NATURAL_EARTH}`,
      confidence: 'approximate',
    },
    geometry:
      runs.length === 1
        ? { type: 'LineString', coordinates: runs[0]! }
        : { type: 'MultiLineString', coordinates: runs },
  };
  if (!booleanPointInPolygon(CHINA_LABEL, china)) throw new Error('the China label point is not in China');
  const label: Feature<Point> = {
    type: 'Feature',
    properties: {
      kind: 'label',
      name: 'Trung Quốc',
      name_en: 'China',
      region: 'tỉnh Vân Nam',
      region_en: 'Yunnan province',
      source: NATURAL_EARTH,
      confidence: 'approximate',
    },
    geometry: { type: 'Point', coordinates: CHINA_LABEL },
  };
  const areas: Feature[] = [];
  for (const [id, name, nameEn] of [
    [CHINA, 'Trung Quốc', 'China'],
    [VIETNAM, 'Việt Nam', 'Vietnam'],
  ] as const) {
    const area = surrounding(topology, id, province);
    if (!area) continue;
    area.properties = {
      kind: 'country',
      iso_n3: id,
      name,
      name_en: nameEn,
      source: NATURAL_EARTH,
      confidence: 'approximate',
    };
    areas.push(area);
  }
  return [...areas, border, label];
}

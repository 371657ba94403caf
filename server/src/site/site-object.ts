import type { Geometry } from 'geojson';
import type { FeatureRef, Site, SiteConfig, SiteDistance } from '../contract/site';
import { DISTANCE_METHOD } from '../contract/site';
import { type Located, locate, measure, roundUpKm, straightLineKm } from './distances';

/** A landmark that may answer a measure: who it is, where, and its district. */
export interface LandmarkCandidate {
  ref: FeatureRef;
  located: Located;
  districtCode: string | null;
}

/** For each measure key of a site config, the landmarks matching its `where`. */
export type CandidatesByMeasure = ReadonlyMap<string, readonly LandmarkCandidate[]>;

/** A feature to measure from: its geometry and properties (a stored or an API feature). */
export interface Measurable {
  geometry: Geometry;
  properties: Record<string, unknown>;
}

/** The string property, or null. */
export function textOf(properties: Record<string, unknown>, key: string): string | null {
  const v = properties[key];
  return typeof v === 'string' ? v : null;
}

/** A feature as a FeatureRef: its label property as `name` (the id when it has none), and `name_en`. */
export function featureRef(
  collection: string,
  id: number,
  properties: Record<string, unknown>,
  label: string,
): FeatureRef {
  return {
    collection,
    id,
    name: textOf(properties, label) ?? `${collection}/${id}`,
    nameEn: textOf(properties, 'name_en'),
  };
}

/**
 * The computed `site` member of a feature (contract Site): one row per measure of the config, in
 * its order, to the nearest matching landmark (ties: the lower id); `sameDistrict` measures only
 * consider landmarks whose `district_code` is the feature's. A measure no landmark answers gets
 * `landmark: null, km: null`. Pure.
 */
export function buildSite(feature: Measurable, config: SiteConfig, candidates: CandidatesByMeasure): Site {
  const from = locate(feature.geometry, feature.properties);
  const district = textOf(feature.properties, 'district_code');
  const distances = config.measures.map((m): SiteDistance => {
    const pool = (candidates.get(m.key) ?? []).filter((c) => !m.sameDistrict || c.districtCode === district);
    let best: { c: LandmarkCandidate; km: number } | undefined;
    for (const c of pool) {
      const km = straightLineKm(from.coordinates, c.located.coordinates);
      if (!best || km < best.km || (km === best.km && c.ref.id < best.c.ref.id)) best = { c, km };
    }
    if (!best) return { key: m.key, landmark: null, km: null, uncertaintyKm: null, approximate: false };
    return { key: m.key, landmark: best.c.ref, ...measure(from, best.c.located) };
  });
  return {
    method: DISTANCE_METHOD,
    from: {
      coordinates: from.coordinates,
      uncertaintyKm: from.uncertaintyKm === null ? null : roundUpKm(from.uncertaintyKm),
      approximate: from.approximate,
    },
    distances,
  };
}

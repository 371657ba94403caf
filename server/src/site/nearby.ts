import type { Position } from 'geojson';
import type { Catalog, CollectionDef } from '../catalog/catalog';
import type { FeatureRef, NearbyResponse, NearbyResult } from '../contract/site';
import { DISTANCE_METHOD } from '../contract/site';
import { invalidParameter } from '../errors';
import type { Bbox, FeatureStore, StoredFeature } from '../store/feature-store';
import { type Located, locate, measure, roundKm, straightLineKm } from './distances';
import { featureRef } from './site-object';

/** Most candidates read from one collection's box; a denser box is searched in a smaller radius. */
export const CANDIDATE_CAP = 2000;
/** How many times the radius may shrink before giving up on exhaustiveness. */
const MAX_SHRINKS = 6;

/** Where to search from: a point (CRS84) or a landmark of the catalog's landmarks collection. */
export type NearbyFrom = { kind: 'point'; coordinates: [number, number] } | { kind: 'landmark'; id: number };

export interface NearbyRequest {
  from: NearbyFrom;
  radiusKm: number;
  limit: number;
  collections: readonly CollectionDef[];
}

/**
 * A box (CRS84) that contains every point within `km` of `center`: degrees of latitude counted
 * at 110.5 km (a degree is ≥ 110.57 km on the ellipsoid and 111.19 on turf's sphere) and
 * longitude at the box's poleward edge. Clamped to the world; does not wrap the antimeridian.
 */
export function boxAround(center: Position, km: number): Bbox {
  const [lon = 0, lat = 0] = center;
  const dLat = km / 110.5;
  const edge = Math.min(89.9, Math.abs(lat) + dLat);
  const dLon = Math.min(360, km / (110.5 * Math.cos((edge * Math.PI) / 180)));
  return [
    Math.max(-180, lon - dLon),
    Math.max(-90, lat - dLat),
    Math.min(180, lon + dLon),
    Math.min(90, lat + dLat),
  ];
}

interface Found {
  collection: CollectionDef;
  feature: StoredFeature;
  located: Located;
  rawKm: number;
}

/**
 * "What is within 20 km of the border gate / of this point" (issue 15). Each collection is read
 * through the store's spatial index with the box around the radius (bbox prefilter), then every
 * candidate's exact straight-line distance is taken. A box holding more than CANDIDATE_CAP
 * features is shrunk (by the density it showed) until it holds fewer, and the answer then says
 * how far it is exhaustive (`searchedKm`, `complete: false`): the work per request is bounded.
 */
export class NearbyService {
  constructor(
    private readonly store: FeatureStore,
    private readonly catalog: Catalog,
  ) {}

  /** The collection `?landmark=` ids refer to: the one the catalog's `site` hints measure to. */
  landmarksCollection(): CollectionDef | undefined {
    const id = this.catalog.collections.find((c) => c.site)?.site?.landmarks;
    return id === undefined ? undefined : this.catalog.collection(id);
  }

  async search(request: NearbyRequest): Promise<NearbyResponse> {
    const center = await this.#center(request.from);
    const found: Found[] = [];
    let searchedKm = request.radiusKm;
    for (const collection of request.collections) {
      const part = await this.#within(collection, center.located.coordinates, request.radiusKm);
      searchedKm = Math.min(searchedKm, part.searchedKm);
      found.push(...part.found);
    }
    const inRange = found
      .filter((f) => f.rawKm <= searchedKm)
      .filter(
        (f) => !(center.ref && f.collection.id === center.ref.collection && f.feature.id === center.ref.id),
      )
      .sort(
        (a, b) =>
          a.rawKm - b.rawKm || a.collection.id.localeCompare(b.collection.id) || a.feature.id - b.feature.id,
      );
    const results = inRange.slice(0, request.limit).map(
      (f): NearbyResult => ({
        feature: featureRef(f.collection.id, f.feature.id, f.feature.properties, f.collection.label),
        coordinates: f.located.coordinates,
        ...measure(center.located, f.located),
      }),
    );
    return {
      method: DISTANCE_METHOD,
      center: { ...center.located, landmark: center.ref },
      radiusKm: request.radiusKm,
      collections: request.collections.map((c) => c.id),
      numberReturned: results.length,
      complete: searchedKm === request.radiusKm && inRange.length <= request.limit,
      searchedKm: roundKm(searchedKm),
      results,
    };
  }

  async #center(from: NearbyFrom): Promise<{ located: Located; ref: FeatureRef | null }> {
    if (from.kind === 'point') {
      return { located: { coordinates: from.coordinates, uncertaintyKm: 0, approximate: false }, ref: null };
    }
    const landmarks = this.landmarksCollection();
    if (!landmarks) throw invalidParameter('landmark', 'This map has no landmarks to search from.');
    const f = await this.store.getFeature(landmarks.id, from.id);
    if (!f)
      throw invalidParameter(
        'landmark',
        `Landmark ${from.id} does not exist (collection '${landmarks.id}').`,
      );
    return {
      located: locate(f.geometry, f.properties),
      ref: featureRef(landmarks.id, f.id, f.properties, landmarks.label),
    };
  }

  async #within(collection: CollectionDef, center: [number, number], radiusKm: number) {
    let km = radiusKm;
    for (let i = 0; ; i += 1) {
      const page = await this.store.queryFeatures(collection.id, {
        bbox: boxAround(center, km),
        limit: CANDIDATE_CAP,
        offset: 0,
      });
      const dense = page.hasMore;
      if (!dense || i === MAX_SHRINKS) {
        const found = page.features.map((feature): Found => {
          const located = locate(feature.geometry, feature.properties);
          return { collection, feature, located, rawKm: straightLineKm(center, located.coordinates) };
        });
        // Still too dense after shrinking: these candidates are some, not the nearest, of the box.
        return { found, searchedKm: dense ? 0 : km };
      }
      // numberMatched is given only while counting is cheap; unknown, the box is halved in area.
      km *= Math.sqrt(CANDIDATE_CAP / (page.numberMatched ?? 2 * CANDIDATE_CAP)) * 0.9;
    }
  }
}

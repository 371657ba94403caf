import { featureCollection, union } from '@turf/turf';
import type { MultiPolygon, Polygon } from 'geojson';
import type { AreaFeature, DistrictArea } from '../../../geodata/rules/districts';
import { ApiError } from '../errors';
import type { FeatureStore, StoredFeature } from '../store/feature-store';

export const DISTRICTS_COLLECTION = 'districts';
export const PROVINCE_COLLECTION = 'province';

/** The areas every write is checked against: the province outline and the districts (with code). */
export interface AreaContext {
  province: AreaFeature;
  districts: DistrictArea[];
}

function isArea(f: StoredFeature): f is StoredFeature & { geometry: Polygon | MultiPolygon } {
  return f.geometry.type === 'Polygon' || f.geometry.type === 'MultiPolygon';
}

function toArea(f: StoredFeature & { geometry: Polygon | MultiPolygon }): AreaFeature {
  return { type: 'Feature', id: f.id, properties: f.properties, geometry: f.geometry };
}

/**
 * Reads the districts and the province from the store (neither is editable, so they are read
 * once and kept). Without a province collection (test fixtures) the province is the union of the
 * districts. Throws a 503 problem when the store has no districts.
 */
export function areaContextLoader(store: FeatureStore): () => Promise<AreaContext> {
  let loaded: Promise<AreaContext> | undefined;
  const load = async (): Promise<AreaContext> => {
    const all = { limit: 10_000, offset: 0 };
    const districtFeatures = (await store.queryFeatures(DISTRICTS_COLLECTION, all)).features.filter(isArea);
    if (districtFeatures.length === 0) {
      throw new ApiError(
        503,
        'ServiceUnavailable',
        'District boundaries are not loaded; writes are unavailable.',
      );
    }
    const districts = districtFeatures.map((f) => ({
      code: typeof f.properties.code === 'string' ? f.properties.code : '?',
      name: typeof f.properties.name === 'string' ? f.properties.name : '?',
      feature: toArea(f),
    }));
    const provinceFeature = (await store.queryFeatures(PROVINCE_COLLECTION, all)).features.find(isArea);
    const province = provinceFeature
      ? toArea(provinceFeature)
      : union(featureCollection(districts.map((d) => d.feature)));
    if (!province) throw new ApiError(503, 'ServiceUnavailable', 'The province outline is not loaded.');
    return { province, districts };
  };
  return () => {
    loaded ??= load().catch((err: unknown) => {
      loaded = undefined;
      throw err;
    });
    return loaded;
  };
}

import { Type } from 'typebox';
import type { Catalog, CollectionDef } from '../catalog/catalog';
import { invalidParameter } from '../errors';
import type { NearbyRequest } from '../site/nearby';
import { querySchema } from './common';

export const DEFAULT_RADIUS_KM = 20;
/** The largest radius: the province is about 130 km across, so 100 km reaches most of it from anywhere. */
export const MAX_RADIUS_KM = 100;
export const DEFAULT_NEARBY_LIMIT = 50;
export const MAX_NEARBY_LIMIT = 200;

/** GET /api/nearby's query string (numbers typed and bounded here; the pairing rules in parseNearby). */
export const NEARBY_QUERY = querySchema({
  lon: Type.Optional(
    Type.Number({ minimum: -180, maximum: 180, description: 'Longitude (CRS84), with lat' }),
  ),
  lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90, description: 'Latitude (CRS84), with lon' })),
  landmark: Type.Optional(
    Type.Integer({ minimum: 0, description: 'Search from this landmark (its id), instead of lon/lat' }),
  ),
  radius_km: Type.Optional(
    Type.Number({
      minimum: 0.1,
      maximum: MAX_RADIUS_KM,
      description: `Radius in km (straight line), default ${DEFAULT_RADIUS_KM}, at most ${MAX_RADIUS_KM}`,
    }),
  ),
  collections: Type.Optional(
    Type.String({
      maxLength: 500,
      description:
        'Comma-separated collection ids to search (default: every collection the catalog marks nearby)',
    }),
  ),
  limit: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: MAX_NEARBY_LIMIT,
      description: `Most results, nearest first (default ${DEFAULT_NEARBY_LIMIT})`,
    }),
  ),
});

export interface NearbyQuery {
  lon?: number;
  lat?: number;
  landmark?: number;
  radius_km?: number;
  collections?: string;
  limit?: number;
}

/** The collections to search: the listed ones (each marked `nearby` in the catalog), or all marked ones. */
function nearbyCollections(catalog: Catalog, list: string | undefined): CollectionDef[] {
  const allowed = catalog.collections.filter((c) => c.nearby);
  if (list === undefined) return allowed;
  const ids = [...new Set(list.split(',').map((s) => s.trim()))];
  if (ids.some((id) => id === ''))
    throw invalidParameter('collections', "Parameter 'collections' has an empty entry");
  return ids.map((id) => {
    const found = allowed.find((c) => c.id === id);
    if (!found) {
      throw invalidParameter(
        'collections',
        `Parameter 'collections': '${id.slice(0, 64)}' cannot be searched (one or more of: ${allowed.map((c) => c.id).join(', ')})`,
      );
    }
    return found;
  });
}

/**
 * The search a GET /api/nearby query asks for: from `lon`+`lat` or from `landmark` (exactly one
 * of the two), within `radius_km`, at most `limit` results, in `collections`. Throws a 400
 * naming the parameter otherwise. Pure.
 */
export function parseNearby(catalog: Catalog, query: NearbyQuery): NearbyRequest {
  const point = query.lon !== undefined || query.lat !== undefined;
  if (point && query.landmark !== undefined) {
    throw invalidParameter('landmark', "Give either 'lon' and 'lat' or 'landmark', not both");
  }
  if (!point && query.landmark === undefined) {
    throw invalidParameter('lon', "Give 'lon' and 'lat' (CRS84) or 'landmark' (an id) to search from");
  }
  if (point && (query.lon === undefined || query.lat === undefined)) {
    const missing = query.lon === undefined ? 'lon' : 'lat';
    throw invalidParameter(
      missing,
      `Parameter '${missing}' is needed with '${missing === 'lon' ? 'lat' : 'lon'}'`,
    );
  }
  return {
    from:
      query.landmark !== undefined
        ? { kind: 'landmark', id: query.landmark }
        : { kind: 'point', coordinates: [query.lon ?? 0, query.lat ?? 0] },
    radiusKm: query.radius_km ?? DEFAULT_RADIUS_KM,
    limit: query.limit ?? DEFAULT_NEARBY_LIMIT,
    collections: nearbyCollections(catalog, query.collections),
  };
}

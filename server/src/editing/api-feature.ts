import type { ApiFeature } from '../contract/api';
import type { StoredFeature } from '../store/feature-store';

/** A stored feature in its wire shape (contract ApiFeature), without links. */
export function toApiFeature(f: Pick<StoredFeature, 'id' | 'geometry' | 'properties'>): ApiFeature {
  return { type: 'Feature', id: f.id, geometry: f.geometry, properties: f.properties };
}

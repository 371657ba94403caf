import type { Geometry } from 'geojson';
import type { IndicatorRow, SeedData } from '../catalog/catalog';

/** [minLon, minLat, maxLon, maxLat] in CRS84 (WGS84 lon/lat degrees). */
export type Bbox = [number, number, number, number];

/** A feature as stored. `version` starts at 1 and grows by one on each edit (issue 5: ETag/If-Match). */
export interface StoredFeature {
  collection: string;
  /** Integer id, unique within its collection. */
  id: number;
  properties: Record<string, unknown>;
  /** GeoJSON geometry, CRS84 lon/lat. */
  geometry: Geometry;
  version: number;
  /** ISO 8601 UTC timestamps. */
  createdAt: string;
  updatedAt: string;
}

/** A property filter: the property equals the value (already typed from the collection schema). */
export interface PropertyFilter {
  property: string;
  value: string | number | boolean;
}

export interface FeatureQuery {
  /** Features whose geometry intersects this box (CRS84; minLon may exceed maxLon across the antimeridian is NOT supported). */
  bbox?: Bbox;
  /** All must hold. Property names must be queryables of the collection (the caller checks). */
  filters?: PropertyFilter[];
  /** Free text: every word must occur in the collection's search properties, ignoring case and diacritics. */
  q?: string;
  /** Page size ≥ 1 (the caller clamps). */
  limit: number;
  /** Features skipped, ≥ 0. Order is by id ascending, so pages are stable. */
  offset: number;
}

export interface FeaturePage {
  features: StoredFeature[];
  /** Exact number of features matching the query (ignoring limit/offset). */
  numberMatched: number;
}

export interface FeatureTextPage {
  /** The page's GeoJSON Features as JSON texts joined by commas, in id order (the inside of a JSON array). */
  featuresJson: string;
  numberReturned: number;
  numberMatched: number;
}

/** Per district code: how many features, and the sum of a numeric property where present. */
export interface DistrictAggregate {
  districtCode: string;
  count: number;
  /** Sum over features where the property is a number; 0 when none. */
  sum: number;
  /** How many features had a numeric value for the summed property. */
  summed: number;
}

/**
 * The storage interface the routes see (through `fastify.store`). Every backend (SQLite now,
 * PostGIS later) passes test/store/feature-store.contract.ts. Collection ids and property names
 * come from the catalog; unknown collections simply have no features. Methods reject with the
 * driver's error on an I/O failure (rendered as a 500 without detail).
 */
export interface FeatureStore {
  /** True when the store holds no feature and no indicator row. */
  isEmpty(): Promise<boolean>;
  /**
   * Loads the shipped data in one transaction. Rejects if the store is not empty, unless
   * `replace` is set, in which case everything is deleted first (same transaction).
   */
  seed(data: SeedData, options?: { replace?: boolean }): Promise<void>;
  /** One feature, or undefined when the collection has no feature with that id. */
  getFeature(collection: string, id: number): Promise<StoredFeature | undefined>;
  /** A page of features ordered by id, and the exact match count. */
  queryFeatures(collection: string, query: FeatureQuery): Promise<FeaturePage>;
  /**
   * The same page as queryFeatures, each feature already encoded as GeoJSON Feature text
   * (`{"type":"Feature","id":…,"geometry":…,"properties":…}`): the items endpoint's fast path,
   * which skips a parse/serialize round trip per feature.
   */
  queryFeaturesGeoJson(collection: string, query: FeatureQuery): Promise<FeatureTextPage>;
  /** Bbox of all the collection's features, or undefined when it has none. */
  collectionExtent(collection: string): Promise<Bbox | undefined>;
  /** Feature counts (and sums of `sumProperty`) per `district_code` property; features without one are left out. */
  aggregateByDistrict(collection: string, sumProperty?: string): Promise<DistrictAggregate[]>;
  /** Stored indicator rows (from indicators.csv or later imports), optionally for one indicator. */
  listIndicatorRows(indicator?: string): Promise<IndicatorRow[]>;
  /** A number that changes whenever any stored data changes (for ETags and caches). */
  revision(): Promise<number>;
  /** Closes the connection; further calls reject. Idempotent. */
  close(): Promise<void>;
}

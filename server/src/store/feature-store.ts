import type { Geometry } from 'geojson';
import type { IndicatorRow, SeedData } from '../catalog/catalog';
import type { Cql2Expression } from '../cql2/ast';
import type { TileAddress } from '../tiles/web-mercator';
import type { BatchStore } from './batch-store';

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

/** One key of a sorted query: a sortable property (catalog/sortables.ts) and its direction. */
export interface SortKey {
  property: string;
  descending: boolean;
}

export interface FeatureQuery {
  /** Features whose geometry intersects this box (CRS84; minLon may exceed maxLon across the antimeridian is NOT supported). */
  bbox?: Bbox;
  /** All must hold. Property names must be queryables of the collection (the caller checks). */
  filters?: PropertyFilter[];
  /**
   * A CQL2 filter (Part 3), as cql2/parse.ts parseFilter() made it: property names are queryables,
   * literals typed, spatial literals in CRS84. All of it must hold, together with the other members.
   */
  filter?: Cql2Expression;
  /** Free text: every word must occur in the collection's search properties, ignoring case and diacritics. */
  q?: string;
  /** Page size ≥ 1 (the caller clamps). */
  limit: number;
  /** Features skipped, ≥ 0. Order is by id ascending, so pages are stable (unless `sortby`). */
  offset: number;
  /**
   * Order by these sortables of the collection (the caller checks), then by id in the direction of
   * the last key, so pages are stable. Text compares by its sort key (store/sort-key.ts: Vietnamese
   * alphabet order) then by code point, numbers numerically; a missing or null value sorts before every value ascending and
   * after every value descending. Every backend answers an unfiltered sorted page by walking an
   * index, and a filtered one within a bounded cost (server/README.md, Sorting).
   */
  sortby?: SortKey[];
}

/** What narrows a vector tile: the FeatureQuery members that select features, without bbox and paging. */
export type TileFilter = Pick<FeatureQuery, 'filters' | 'filter' | 'q'>;

/** Whether a tile filter narrows anything (no property filter, CQL2 or `q`: the plain tile). */
export function narrowsTile(where: TileFilter | undefined): where is TileFilter {
  return where !== undefined && ((where.filters?.length ?? 0) > 0 || where.filter !== undefined || !!where.q);
}

export interface FeaturePage {
  features: StoredFeature[];
  /**
   * How many features match the query (ignoring limit/offset), when that is cheap to know; exact
   * whenever present. Every backend gives it when the query has no bbox, q or filter (a
   * per-collection count) and when the page ends the result set (offset + returned, for a page
   * with features or at offset 0); otherwise a backend gives it while counting is cheap (SQLite:
   * up to 10,000 candidates) and leaves it out above, as OGC API – Features Part 1 allows.
   */
  numberMatched?: number;
  /** Whether more matches follow this page (exact, whether or not numberMatched is given). */
  hasMore: boolean;
}

/** Bytes of an answer written straight into it (no string made): `length` bytes at `at`. */
export interface FeatureBytes {
  length: number;
  copyTo(target: Buffer, at: number): void;
}

export interface FeatureTextPage {
  /** The page's GeoJSON Features as JSON texts joined by commas, in id order (the inside of a JSON array). */
  featuresJson: string;
  /**
   * The same as UTF-8 bytes, when the backend holds them so (SQLite's point models): an answer
   * copies them in once; `featuresJson` is then made from them only if asked for.
   */
  featuresBytes?: FeatureBytes;
  numberReturned: number;
  /** As FeaturePage.numberMatched. */
  numberMatched?: number;
  /** Whether more matches follow this page (exact). */
  hasMore: boolean;
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

/** What a write stores: a feature's properties and geometry (the store owns id and version). */
export interface FeatureContent {
  properties: Record<string, unknown>;
  /** GeoJSON geometry, CRS84 lon/lat. */
  geometry: Geometry;
}

export type HistoryOperation = 'create' | 'replace' | 'patch' | 'delete' | 'revert' | 'restore';

/** One recorded change: the feature before and after (null = did not exist: create / delete). */
export interface HistoryRecord {
  collection: string;
  featureId: number;
  /** The version this change produced (a delete produces a version too, with `after` null). */
  version: number;
  operation: HistoryOperation;
  username: string;
  /** ISO 8601 UTC. */
  at: string;
  before: FeatureContent | null;
  after: FeatureContent | null;
  /** The batch this change belongs to (an import or the revert of one, issue 14), else null. */
  batchId: number | null;
}

export interface DeletedFeatureInfo {
  collection: string;
  id: number;
  /** The deleted feature's properties (for its label). */
  properties: Record<string, unknown>;
  /** The version its deletion produced. */
  version: number;
  deletedAt: string;
  deletedBy: string;
}

/** Who makes a change (recorded in the history). */
export interface Actor {
  username: string;
}

/**
 * A write expected version `expected` but the feature is at another one: someone else changed it
 * first. Carries the feature as it is now (for the 412 answer and the conflict dialog).
 */
export class VersionConflict extends Error {
  override name = 'VersionConflict';
  constructor(
    readonly expected: number,
    readonly current: StoredFeature,
  ) {
    super(`expected version ${expected}, the feature is at version ${current.version}`);
  }
}

/** A write named a feature (or a deleted feature) that does not exist. */
export class FeatureNotFound extends Error {
  override name = 'FeatureNotFound';
  constructor(
    readonly collection: string,
    readonly id: number,
  ) {
    super(`no feature ${id} in ${collection}`);
  }
}

/** A revert named a version the feature never had, or one that was a deletion (no content). */
export class UnknownVersion extends Error {
  override name = 'UnknownVersion';
  constructor(readonly version: number) {
    super(`the feature has no version ${version} with content`);
  }
}

/** seed() without `replace` found data already there (another instance may have seeded it first). */
export class StoreNotEmpty extends Error {
  override name = 'StoreNotEmpty';
  constructor() {
    super('refusing to seed a non-empty store (pass replace to wipe it)');
  }
}

/**
 * The database cannot be reached (connection refused or lost, server shutting down or starting,
 * too many connections, statement timeout). Answered as 503 ServiceUnavailable with Retry-After;
 * the store reconnects by itself on a later call, so the server needs no restart. `cause` holds
 * the driver's error (for the log only: never shown to clients).
 */
export class StoreUnavailable extends Error {
  override name = 'StoreUnavailable';
  readonly status = 503;
  readonly code = 'ServiceUnavailable';
  constructor(
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`the database is unavailable: ${reason}`, options);
  }
}

/**
 * The storage interface the routes see (through `fastify.store`). Every backend (store/sqlite,
 * store/postgis) passes test/store/*.contract.ts. Collection ids and property names come from the
 * catalog; unknown collections simply have no features. Methods reject with StoreUnavailable when
 * the database cannot be reached (503), else with the driver's error (a 500 without detail).
 */
export interface FeatureStore extends BatchStore {
  /** True when the store holds no feature and no indicator row. */
  isEmpty(): Promise<boolean>;
  /**
   * Loads the shipped data in one transaction. Rejects with StoreNotEmpty if the store is not
   * empty (checked inside the transaction), unless `replace` is set, in which case everything is
   * deleted first (same transaction).
   */
  seed(data: SeedData, options?: { replace?: boolean }): Promise<void>;
  /** One feature, or undefined when the collection has no feature with that id. */
  getFeature(collection: string, id: number): Promise<StoredFeature | undefined>;
  /** A page of features ordered by id, whether more follow, and the match count when cheap (NumberMatched). */
  queryFeatures(collection: string, query: FeatureQuery): Promise<FeaturePage>;
  /**
   * The same page as queryFeatures, each feature already encoded as GeoJSON Feature text
   * (`{"type":"Feature","id":…,"geometry":…,"properties":…}`): the items endpoint's fast path,
   * which skips a parse/serialize round trip per feature.
   */
  queryFeaturesGeoJson(collection: string, query: FeatureQuery): Promise<FeatureTextPage>;
  /**
   * One WebMercatorQuad vector tile (MVT bytes) of a collection with the content that
   * server/src/tiles/tile-content.ts defines (clusters with point_count at low zoom for point-only
   * collections); undefined when no feature is in it. The caller checks the address (z within
   * MIN_TILE_ZOOM..MAX_TILE_ZOOM, x and y within 0..2^z − 1). Cost is bounded per tile, not by
   * the collection's size. With `where` (property filters, CQL2, `q`: the items selection without
   * its bbox), only the matching features are in the tile and the clusters count only them; the
   * tile's own box still bounds the rows read (at most the collection's features in that box).
   */
  vectorTile(collection: string, tile: TileAddress, where?: TileFilter): Promise<Uint8Array | undefined>;
  /** Bbox of all the collection's features, or undefined when it has none. */
  collectionExtent(collection: string): Promise<Bbox | undefined>;
  /** Feature counts (and sums of `sumProperty`) per `district_code` property; features without one are left out. */
  aggregateByDistrict(collection: string, sumProperty?: string): Promise<DistrictAggregate[]>;
  /** Stored indicator rows (from indicators.csv or later imports), optionally for one indicator. */
  listIndicatorRows(indicator?: string): Promise<IndicatorRow[]>;
  /**
   * Writes. Each one is a single transaction together with its history row: when anything fails,
   * nothing is written. The expected version is compared inside the transaction (compare-and-set),
   * so of two writers expecting the same version exactly one wins; the other gets VersionConflict.
   * Content is stored as given (the caller validated it).
   */
  /** Adds a feature with a new id (max of every id the collection ever had, + 1) at version 1. */
  createFeature(collection: string, content: FeatureContent, actor: Actor): Promise<StoredFeature>;
  /**
   * Replaces the content of feature `id` at `expectedVersion`; version + 1. `operation` is what
   * history records ('replace' or 'patch'). Throws FeatureNotFound or VersionConflict.
   */
  replaceFeature(
    collection: string,
    id: number,
    content: FeatureContent,
    expectedVersion: number,
    actor: Actor,
    operation?: 'replace' | 'patch',
  ): Promise<StoredFeature>;
  /** Deletes (keeps it restorable) feature `id` at `expectedVersion`. FeatureNotFound / VersionConflict. */
  deleteFeature(collection: string, id: number, expectedVersion: number, actor: Actor): Promise<void>;
  /**
   * A new version whose content equals version `toVersion` of the feature (history 'revert').
   * Throws FeatureNotFound, VersionConflict, or UnknownVersion.
   */
  revertFeature(
    collection: string,
    id: number,
    toVersion: number,
    expectedVersion: number,
    actor: Actor,
  ): Promise<StoredFeature>;
  /** Brings a deleted feature back with its last content as a new version. FeatureNotFound when not deleted. */
  restoreFeature(collection: string, id: number, actor: Actor): Promise<StoredFeature>;
  /** Every recorded change of a feature (live or deleted), newest first; [] when none. */
  featureHistory(collection: string, id: number): Promise<HistoryRecord[]>;
  /** Deleted features of a collection, most recently deleted first. */
  listDeleted(collection: string): Promise<DeletedFeatureInfo[]>;
  /** Recent changes across all collections, newest first. */
  listChanges(page: { limit: number; offset: number }): Promise<HistoryRecord[]>;
  /**
   * A number that changes whenever any stored data changes (for ETags and caches). Kept in the
   * database, so every server instance on one database sees the same number, exact per call.
   */
  revision(): Promise<number>;
  /** Closes the connection; further calls reject. Idempotent. */
  close(): Promise<void>;
}

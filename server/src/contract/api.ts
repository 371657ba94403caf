/**
 * Wire types of our API under /api, shared by the server and the client.
 * Rule: this folder imports nothing from Node or from the rest of the server.
 * Coordinates are CRS84 (lon, lat); bboxes are [minLon, minLat, maxLon, maxLat].
 */
import type { Feature, FeatureCollection, Geometry } from 'geojson';

export type LocalizedText = { vi: string; en: string };

/** An OGC API link. Every link carries rel and type. */
export interface Link {
  href: string;
  rel: string;
  type: string;
  title?: string;
}

/** Properties of any stored feature are a flat JSON object validated by its collection schema. */
export type FeatureProperties = Record<string, unknown>;

export type ApiFeature = Feature<Geometry, FeatureProperties> & { id: number; links?: Link[] };

/** GET /api/collections/{id}/items */
export interface ItemsResponse extends FeatureCollection<Geometry, FeatureProperties> {
  features: ApiFeature[];
  /**
   * Exact number of matches when it was cheap to count (always for a page without bbox, q or
   * filters, and when this page ends the results); left out otherwise (OGC API – Features Part 1
   * allows it). Follow the `next` link to page: it is there exactly when more features follow.
   */
  numberMatched?: number;
  numberReturned: number;
  timeStamp: string;
  links: Link[];
}

export interface CollectionInfo {
  id: string;
  title: string;
  description: string;
  itemType: 'feature';
  crs: string[];
  extent: { spatial: { bbox: number[][]; crs: string } };
  links: Link[];
}

export interface CollectionsResponse {
  collections: CollectionInfo[];
  links: Link[];
}

/** How an indicator value was obtained. */
export type IndicatorStatus = 'official' | 'reported' | 'approximate' | 'illustrative' | 'computed';

/** GET /api/indicators: what can be drawn as a choropleth. */
export interface IndicatorMeta {
  id: string;
  title: LocalizedText;
  unit: LocalizedText;
  /** Years with data; empty for computed indicators, which describe the current features. */
  years: number[];
  computed: boolean;
  /** Statuses present among the values (so the UI can warn about illustrative data). */
  statuses: IndicatorStatus[];
  description?: LocalizedText;
}

export interface IndicatorsResponse {
  indicators: IndicatorMeta[];
}

export interface DistrictIndicatorValue {
  district_code: string;
  district_name: string;
  /** null when there is no data for this district (the legend's "no data" swatch). */
  value: number | null;
  status: IndicatorStatus | null;
  source: string | null;
}

/** GET /api/indicators/{indicator}?year=YYYY */
export interface IndicatorValuesResponse {
  indicator: string;
  title: LocalizedText;
  unit: LocalizedText;
  /** null for computed indicators (they describe the current features). */
  year: number | null;
  values: DistrictIndicatorValue[];
  /** The province total as published (article figures), when there is one. */
  province: { value: number; status: IndicatorStatus; source: string } | null;
}

/** Every non-2xx answer: application/problem+json (RFC 9457) plus the OGC exception code. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  /** Per-field problems for validation failures (400/422), keyed by property path. */
  errors?: { field: string; message: string; code: string }[];
}

/** GET /api/app-config: deployment settings the client needs at start. */
export interface AppConfigResponse {
  /** A deployment's own online basemap style URL; null means only the built-in offline basemap. */
  customBasemapStyleUrl: string | null;
}

/** GET /api: OGC API landing page. */
export interface LandingResponse {
  title: string;
  description: string;
  links: Link[];
}

/** GET /api/conformance */
export interface ConformanceResponse {
  conformsTo: string[];
}

/** GET /api/collections/{id}/queryables (application/schema+json, OGC API Features Part 3). */
export interface QueryablesResponse {
  $schema: string;
  $id: string;
  type: 'object';
  title: string;
  properties: Record<string, Record<string, unknown>>;
  additionalProperties: boolean;
}

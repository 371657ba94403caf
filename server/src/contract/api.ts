/**
 * The wire types of our API under /api, for the client and for handlers: each is derived from its
 * runtime schema in this folder (the schemas are the route `response` schemas). Type-only
 * re-exports, so importing this file brings no schema library into the client bundle.
 * Coordinates are CRS84 (lon, lat); bboxes are [minLon, minLat, maxLon, maxLat].
 */
export type { LoginBody, LoginResponse, MeResponse, SessionUser } from './auth';
export type {
  CollectionInfo,
  CollectionsResponse,
  DisplayHints,
  FilterHint,
  LayerToggle,
  PointSymbol,
} from './collections';
export type { Link, LocalizedText } from './common';
export type {
  ChangeEntry,
  ChangesResponse,
  DeletedFeature,
  DeletedResponse,
  HistoryEntry,
  HistoryResponse,
  RevertBody,
} from './edit';
export type { ApiFeature, FeatureInput, FeaturePatch, FeatureProperties, Geometry } from './geojson';
export type {
  DistrictIndicatorValue,
  IndicatorMeta,
  IndicatorsResponse,
  IndicatorValuesResponse,
} from './indicators';
export type {
  InquiryBody,
  InquiryDetail,
  InquiryEvent,
  InquiryList,
  InquiryPatch,
  InquiryReceipt,
  InquirySite,
  InquirySummary,
} from './inquiries';
export type { ItemsResponse } from './items';
export type { AppConfigResponse, ConformanceResponse, LandingResponse, QueryablesResponse } from './ogc';
export type { FieldProblem, Problem } from './problem';
export type {
  FeatureRef,
  NearbyResponse,
  NearbyResult,
  Site,
  SiteConfig,
  SiteDistance,
  SiteMeasure,
} from './site';
export type {
  TemplatedLink,
  TileLayer,
  TileMatrixLimits,
  TileMatrixSetDefinition,
  TileMatrixSetsResponse,
  TileSetMetadata,
  TileSetSummary,
  TileSetsResponse,
} from './tiles';
export type {
  Confidence,
  FieldErrorCode,
  HistoryOperation,
  IndicatorStatus,
  InquiryAction,
  InquiryLanguage,
  InquiryStatus,
  ProblemCode,
  Role,
} from './vocabulary';

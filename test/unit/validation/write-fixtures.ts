import facilitiesSchema from '../../../geodata/schema/facilities.schema.json';
import clustersSchema from '../../../geodata/schema/industrial-clusters.schema.json';
import type { FeatureWriteInput } from '../../../server/src/validation/feature.validation';
import { EAST, PROVINCE, WEST } from '../../fixtures/geodata/shapes';

/**
 * Inputs for validateFeatureWrite tests: the real facilities and industrial-clusters schemas, and
 * the two synthetic districts of test/fixtures/geodata/shapes.ts (WEST = 082 for lon 103.8–104.0,
 * EAST = 086 for lon 104.0–104.2, lat 22.2–22.4). Each call returns fresh objects.
 */
export { clustersSchema, facilitiesSchema };

export function facilityProperties(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'Xưởng chè Tây',
    name_en: 'West tea workshop',
    sector: 'food_processing',
    district_code: '082',
    commune: null,
    owner: null,
    khuyen_cong_supported: true,
    support_type: 'machinery',
    support_year: 2012,
    support_amount_million_vnd: 150,
    source: 'Test fixture',
    source_url: null,
    confidence: 'illustrative',
    location_precision: 'approximate',
    location_uncertainty_km: 2,
    location_method: 'placed by hand in a test',
    notes: '',
    ...overrides,
  };
}

/** Every property of the cluster schema empty: null, or [] for lists (the site facts a test does not set). */
const CLUSTER_NULLS = Object.fromEntries(
  Object.entries(clustersSchema.properties).map(([k, def]) => [k, def.type === 'array' ? [] : null]),
);

export function clusterProperties(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ...CLUSTER_NULLS,
    name: 'Cụm thử',
    name_en: 'Test cluster',
    kind: 'cluster',
    district_code: '086',
    commune: null,
    status: 'planned',
    status_year: 2024,
    status_source: 'Test fixture',
    status_confidence: 'illustrative',
    area_ha: 40,
    area_year: 2024,
    area_ha_source: 'Test fixture',
    area_ha_confidence: 'illustrative',
    industries: ['wood'],
    industries_source: 'Test fixture',
    industries_confidence: 'illustrative',
    source: 'Test fixture',
    source_url: 'https://example.org/cluster',
    confidence: 'illustrative',
    location_precision: 'approximate',
    location_uncertainty_km: null,
    location_method: 'drawn by hand in a test',
    notes: '',
    ...overrides,
  };
}

/** A facility point in WEST (082) unless told otherwise. */
export function facilityInput(
  feature: Partial<Record<string, unknown>> = {},
  extra: Partial<FeatureWriteInput> = {},
): FeatureWriteInput {
  return {
    feature: {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [103.9, 22.3] },
      properties: facilityProperties(),
      ...feature,
    },
    schema: facilitiesSchema,
    geometryTypes: ['Point'],
    province: PROVINCE,
    districts: [WEST, EAST],
    ...extra,
  };
}

/** An industrial-cluster input (Point, Polygon or MultiPolygon allowed) with the given geometry. */
export function clusterInput(geometry: unknown, properties = clusterProperties()): FeatureWriteInput {
  return {
    feature: { type: 'Feature', geometry, properties },
    schema: clustersSchema,
    geometryTypes: ['Point', 'Polygon', 'MultiPolygon'],
    province: PROVINCE,
    districts: [WEST, EAST],
  };
}

/** A counter-clockwise rectangle polygon geometry. */
export function rectGeometry(x0: number, y0: number, x1: number, y1: number) {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [x0, y0],
        [x1, y0],
        [x1, y1],
        [x0, y1],
        [x0, y0],
      ],
    ],
  };
}

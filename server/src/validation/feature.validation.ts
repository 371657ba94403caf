import type { Feature, Geometry } from 'geojson';
import { citationKeys, withoutStaleSourceLang } from '../../../geodata/rules/citation-lang';
import type { AreaFeature, DistrictArea } from '../../../geodata/rules/districts';
import { isJsonObject } from '../writes/json-equal';
import { checkDistrict } from './district.validation';
import { factFieldErrors } from './facts.validation';
import { dedupeFieldErrors, type FieldError } from './field-error';
import { type GeometryCheck, validateGeometry } from './geometry.validation';
import { validateProperties } from './properties.validation';

/**
 * Is this body fit to be written to a collection? Pure; the caller loads the schema, the
 * catalog's geometry types, the province and the districts once and passes them in.
 *
 * - 400 NotAFeature: not a JSON object with `type: "Feature"`, or `properties` / `geometry` is
 *   neither an object nor null (not GeoJSON at all).
 * - 422 with every problem found, per field: the properties (properties.validation.ts; site
 *   facts with their own provenance, facts.validation.ts), the
 *   geometry (geometry.validation.ts) and, when the schema declares `district_code` and the
 *   geometry is valid, the district (district.validation.ts). `district_code` is set from the
 *   location before the schema check (when missing, or when it names another district), so it is
 *   never reported as required or as a mismatch; only a location in no district is an error.
 *   A replace or patch that changes a citation text but not `source_lang` drops `source_lang`
 *   (geodata/rules/citation-lang.ts: it described the old words; unknown now, so nothing is marked).
 *
 * On success `feature` is a new `{ type, geometry, properties }`: `id`, `bbox`, `links` and other
 * members are dropped (the server owns ids), computed properties are removed, rings rewound.
 */

export interface FeatureWriteInput {
  /** The parsed request body (or a merge-patched feature). */
  feature: unknown;
  /** The collection's properties JSON Schema (geodata/schema/<collection>.schema.json). */
  schema: object;
  /** The catalog's `geometryTypes` for the collection. */
  geometryTypes: readonly string[];
  province: AreaFeature;
  districts: readonly DistrictArea[];
  /** For a replace or patch: the stored feature (its computed properties may be sent back unchanged). */
  current?: { properties?: Record<string, unknown> | null } | null;
  maxStringLength?: number;
  maxVertices?: number;
  /** The geometry's check when already done (off the main thread: editing/geometry-checker.ts). */
  geometryCheck?: GeometryCheck;
}

export type ValidFeature = Feature<Geometry, Record<string, unknown>>;

export type FeatureWriteResult =
  | { valid: true; feature: ValidFeature }
  | { valid: false; status: 400 | 422; errors: FieldError[] };

function notAFeature(message: string): FeatureWriteResult {
  return { valid: false, status: 400, errors: [{ field: '(body)', message, code: 'NotAFeature' }] };
}

function declaresDistrictCode(schema: object): boolean {
  const props = (schema as { properties?: unknown }).properties;
  return isJsonObject(props) && 'district_code' in props;
}

export function validateFeatureWrite(input: FeatureWriteInput): FeatureWriteResult {
  const { feature, schema, geometryTypes, province, districts } = input;
  if (!isJsonObject(feature) || feature.type !== 'Feature') {
    return notAFeature('the body must be a GeoJSON Feature object ({ "type": "Feature", … })');
  }
  const rawProperties = feature.properties ?? {};
  if (!isJsonObject(rawProperties)) return notAFeature('"properties" must be an object or null');
  if (feature.geometry !== undefined && feature.geometry !== null && !isJsonObject(feature.geometry)) {
    return notAFeature('"geometry" must be a GeoJSON geometry object or null');
  }

  const geometry =
    input.geometryCheck ?? validateGeometry(feature.geometry, geometryTypes, province, input.maxVertices);
  const errors: FieldError[] = geometry.valid ? [] : [...geometry.errors];
  const properties: Record<string, unknown> = { ...rawProperties };
  if (geometry.valid && declaresDistrictCode(schema)) {
    const district = checkDistrict(properties.district_code, geometry.geometry, districts);
    if (district.valid) properties.district_code = district.districtCode;
    else errors.push(district.error);
  }

  const current = input.current?.properties ?? undefined;
  const written = withoutStaleSourceLang(properties, current, citationKeys(schema));
  const checked = validateProperties(written, schema, { current, maxStringLength: input.maxStringLength });
  errors.push(...checked.errors, ...factFieldErrors(checked.properties, schema));

  if (errors.length > 0 || !geometry.valid) {
    return { valid: false, status: 422, errors: dedupeFieldErrors(errors) };
  }
  return {
    valid: true,
    feature: { type: 'Feature', geometry: geometry.geometry, properties: checked.properties },
  };
}

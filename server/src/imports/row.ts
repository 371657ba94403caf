import type { Geometry } from 'geojson';
import type { AreaFeature, DistrictArea } from '../../../geodata/rules/districts';
import type { JsonSchema } from '../catalog/catalog';
import type { ProblemFieldCode } from '../contract/vocabulary';
import type { FeatureContent } from '../store/feature-store';
import { validateFeatureWrite } from '../validation/feature.validation';
import type { FieldError } from '../validation/field-error';
import { isJsonObject } from '../writes/json-equal';
import { coerceValue } from './coerce';
import { type Approximate, districtCodeOf, type LocationColumns, locate } from './locate';
import type { Mapping } from './mapping';
import { messageFor } from './messages';
import type { Places } from './places';
import type { SourceRecord } from './source';

/** One problem of one imported row with the column it came from; `message` is English (see localizeProblem for the user's language). */
export interface RowProblem {
  row: number;
  /** `properties.<name>`, `geometry` or `(row)`, as in the feature write errors. */
  field: string;
  /** The file's column the value came from (a location problem: the first location column), or null. */
  column: string | null;
  code: ProblemFieldCode;
  message: string;
  params?: Record<string, string | number>;
}

/** What an imported row becomes: a feature to write, or its problems. */
export interface BuiltRow {
  row: number;
  feature: FeatureContent | null;
  /** Where the row is, valid or not (so the client can show invalid rows on the map too), or null when it has no usable location. */
  geometry: Geometry | null;
  problems: RowProblem[];
  approximate: Approximate | null;
}

/** What every row of one preview is built with. */
export interface RowContext {
  schema: JsonSchema;
  geometryTypes: readonly string[];
  province: AreaFeature;
  districts: readonly DistrictArea[];
  places: Places;
  mapping: Mapping;
  /** Values for properties a row leaves empty (e.g. one source for the whole file). */
  defaults: Record<string, unknown>;
}

/** What is derived once per preview from the mapping. */
export interface RowPlan {
  properties: [column: string, property: string][];
  location: LocationColumns;
  /** Required properties that may be null and that no column or default fills: stored as null. */
  nullFilled: string[];
  /** property → column, for naming a problem's column. */
  columnOf: Map<string, string>;
  has: (property: string) => boolean;
}

function schemaProperties(schema: JsonSchema): Record<string, JsonSchema> {
  return isJsonObject(schema.properties) ? (schema.properties as Record<string, JsonSchema>) : {};
}

function allowsNull(p: JsonSchema | undefined): boolean {
  const t = p?.type;
  return t === 'null' || (Array.isArray(t) && t.includes('null'));
}

export function planRows(ctx: Pick<RowContext, 'schema' | 'mapping' | 'defaults'>): RowPlan {
  const props = schemaProperties(ctx.schema);
  const properties: [string, string][] = [];
  const location: LocationColumns = {};
  const columnOf = new Map<string, string>();
  for (const [column, target] of Object.entries(ctx.mapping)) {
    if (!target) continue;
    if (target === '$lon') location.lon = column;
    else if (target === '$lat') location.lat = column;
    else if (target === '$wkt') location.wkt = column;
    else if (target === '$district') location.district = column;
    else if (target === '$commune') location.commune = column;
    else {
      properties.push([column, target]);
      columnOf.set(target, column);
      if (target === 'district_code') location.district = column;
      if (target === 'commune') location.commune = column;
    }
  }
  const required = Array.isArray(ctx.schema.required) ? (ctx.schema.required as string[]) : [];
  const nullFilled = required.filter(
    (p) => allowsNull(props[p]) && !columnOf.has(p) && !(p in ctx.defaults) && !p.startsWith('location_'),
  );
  const geometryColumn = location.wkt ?? location.lon ?? location.district ?? location.commune;
  if (geometryColumn) columnOf.set('geometry', geometryColumn);
  return { properties, location, nullFilled, columnOf, has: (p) => p in props };
}

/** The location properties of a row placed at a district seat (location_method in English, as the schema's x-text-lang says). */
function approximateProperties(a: Approximate, plan: RowPlan): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (plan.has('district_code')) out.district_code = a.districtCode;
  if (plan.has('location_precision')) out.location_precision = 'approximate';
  if (plan.has('location_uncertainty_km')) out.location_uncertainty_km = a.uncertaintyKm;
  if (plan.has('location_method')) {
    out.location_method = `placed at the district seat (${a.seat}) because the imported file gave only the ${a.by} “${a.place}”; the real site may be up to ${a.uncertaintyKm} km away`;
  }
  return out;
}

/** A validation error, or an import's own (a location problem, a record that is not a feature). */
type RowError = Omit<FieldError, 'code'> & { code: ProblemFieldCode };

function toProblem(row: number, e: RowError, plan: RowPlan, column?: string | null): RowProblem {
  const property = e.field.startsWith('properties.') ? e.field.slice('properties.'.length) : e.field;
  return {
    row,
    field: e.field,
    column: column !== undefined ? column : (plan.columnOf.get(property) ?? null),
    code: e.code,
    // The validator's English names details (which position, which value); other languages come from the code.
    message: e.message || messageFor(e.code, e.params ?? {}, 'en'),
    ...(e.params ? { params: e.params } : {}),
  };
}

/** Builds one row: mapped and typed properties, defaults, location, then the write validation. */
export function buildRow(record: SourceRecord, ctx: RowContext, plan: RowPlan): BuiltRow {
  const { row } = record;
  const fail = (problems: RowProblem[], geometry: Geometry | null = null): BuiltRow => ({
    row,
    feature: null,
    geometry,
    problems,
    approximate: null,
  });
  if (record.problem) {
    return fail([
      toProblem(
        row,
        {
          field: '(row)',
          message: record.problem.message,
          code: record.problem.code,
          params: record.problem.params,
        },
        plan,
        null,
      ),
    ]);
  }
  const props = schemaProperties(ctx.schema);
  const properties: Record<string, unknown> = {};
  for (const [column, property] of plan.properties) {
    const value = coerceValue(record.values[column], props[property]);
    if (value !== undefined) properties[property] = value;
  }
  if (plan.has('district_code') && properties.district_code !== undefined) {
    properties.district_code =
      districtCodeOf(ctx.places, record.values[plan.columnOf.get('district_code') ?? '']) ??
      properties.district_code;
  }
  for (const [property, value] of Object.entries(ctx.defaults)) {
    const current = properties[property];
    if (current === undefined || current === null || current === '') properties[property] = value;
  }
  for (const p of plan.nullFilled) if (!(p in properties)) properties[p] = null;
  const located = locate(record.values, record.geometry, plan.location, ctx.places);
  if (!located.ok) {
    // The message comes from the code and params (messages.ts), the same words in both languages.
    const e: RowError = {
      field: 'geometry',
      message: '',
      code: located.code,
      ...(located.params ? { params: located.params } : {}),
    };
    return fail([toProblem(row, e, plan, located.columns[0] ?? null)]);
  }
  if (located.approximate) Object.assign(properties, approximateProperties(located.approximate, plan));
  const checked = validateFeatureWrite({
    feature: { type: 'Feature', geometry: located.geometry, properties },
    schema: ctx.schema,
    geometryTypes: ctx.geometryTypes,
    province: ctx.province,
    districts: ctx.districts,
  });
  if (!checked.valid) {
    const usable = !checked.errors.some(
      (e) => e.field === 'geometry' && e.code !== 'OutsideProvince' && e.code !== 'NoDistrict',
    );
    return fail(
      checked.errors.map((e) => toProblem(row, e, plan)),
      usable ? located.geometry : null,
    );
  }
  return {
    row,
    feature: { properties: checked.feature.properties, geometry: checked.feature.geometry },
    geometry: checked.feature.geometry,
    problems: [],
    approximate: located.approximate,
  };
}

import { describe, expect, it } from 'vitest';
import {
  fieldsFromSchema,
  type PropertySchema,
  toFormValues,
} from '../../../client/src/features/edit/form/form.model';
import { validateForm } from '../../../client/src/features/edit/form/form.validation';
import facilities from '../../../geodata/schema/facilities.schema.json';
import clusters from '../../../geodata/schema/industrial-clusters.schema.json';

const clusterSchema = clusters as PropertySchema;
const facilitySchema = facilities as PropertySchema;

/** A complete, valid cluster as the data files store one. */
const validCluster = {
  name: 'Cụm công nghiệp Bắc Duyên Hải',
  name_en: 'Bac Duyen Hai cluster',
  kind: 'cluster',
  district_code: '080',
  commune: null,
  status: 'operating',
  status_year: 2015,
  area_ha: 12.5,
  area_year: null,
  industries: ['mechanics'],
  source: 'Sở Công Thương',
  source_url: 'https://example.org/a',
  confidence: 'reported',
  location_precision: 'approximate',
  location_uncertainty_km: 1,
  location_method: 'commune centre',
  notes: '',
};

function valuesWith(overrides: Record<string, unknown>) {
  return toFormValues(fieldsFromSchema(clusterSchema), { ...validCluster, ...overrides });
}

describe('validateForm', () => {
  it('accepts a complete feature', () => {
    expect(validateForm(clusterSchema, valuesWith({}))).toEqual({});
  });

  it('requires a non-empty name (minLength 1) but allows empty notes (no minLength)', () => {
    const issues = validateForm(clusterSchema, valuesWith({ name: '  ', notes: '' }));
    expect(issues).toEqual({ name: { code: 'required' } });
  });

  it('requires a choice for a non-nullable vocabulary and rejects values outside it', () => {
    expect(validateForm(clusterSchema, valuesWith({ kind: null })).kind).toEqual({ code: 'required' });
    const values = { ...valuesWith({}), status: 'demolished' };
    expect(validateForm(clusterSchema, values).status).toEqual({ code: 'notInList' });
  });

  it('accepts empty nullable numbers and rejects text that is not a number', () => {
    expect(validateForm(clusterSchema, { ...valuesWith({}), area_ha: '' }).area_ha).toBeUndefined();
    expect(validateForm(clusterSchema, { ...valuesWith({}), area_ha: '12 ha' }).area_ha).toEqual({
      code: 'notNumber',
    });
  });

  it('reads a Vietnamese decimal comma', () => {
    expect(validateForm(clusterSchema, { ...valuesWith({}), area_ha: '12,5' }).area_ha).toBeUndefined();
  });

  it('checks exclusiveMinimum, minimum and maximum with the limit as parameter', () => {
    const v = valuesWith({});
    expect(validateForm(clusterSchema, { ...v, area_ha: '0' }).area_ha).toEqual({
      code: 'exclusiveMinimum',
      params: { limit: 0 },
    });
    expect(validateForm(clusterSchema, { ...v, status_year: '1800' }).status_year).toEqual({
      code: 'minimum',
      params: { limit: 1900 },
    });
    expect(
      validateForm(clusterSchema, { ...v, location_uncertainty_km: '-1' }).location_uncertainty_km,
    ).toEqual({
      code: 'minimum',
      params: { limit: 0 },
    });
  });

  it('wants whole numbers for years', () => {
    expect(validateForm(clusterSchema, { ...valuesWith({}), status_year: '2015.5' }).status_year).toEqual({
      code: 'notInteger',
    });
  });

  it('checks URLs (http/https only) and empty list items', () => {
    const v = valuesWith({});
    expect(validateForm(clusterSchema, { ...v, source_url: 'javascript:alert(1)' }).source_url).toEqual({
      code: 'notUrl',
    });
    expect(validateForm(clusterSchema, { ...v, industries: ['a', ' '] }).industries).toEqual({
      code: 'emptyItem',
    });
  });

  it('treats a nullable vocabulary (null in enum) as optional', () => {
    const fields = fieldsFromSchema(facilitySchema);
    const support = fields.find((f) => f.name === 'support_type');
    expect(support?.nullable).toBe(true);
    const issues = validateForm(fields, { support_type: '' });
    expect(issues.support_type).toBeUndefined();
  });

  it('never reports computed fields', () => {
    const schema: PropertySchema = {
      required: ['area_km2'],
      properties: { area_km2: { type: 'number', 'x-computed': true } },
    };
    expect(validateForm(schema, { area_km2: '' })).toEqual({});
  });
});

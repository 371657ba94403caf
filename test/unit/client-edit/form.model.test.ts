import { describe, expect, it } from 'vitest';
import {
  changedProperties,
  fieldOfPath,
  fieldsFromSchema,
  mustFill,
  type PropertySchema,
  parseDecimal,
  toFormValues,
  toProperties,
} from '../../../client/src/features/edit/form/form.model';
import facilities from '../../../geodata/schema/facilities.schema.json';
import clusters from '../../../geodata/schema/industrial-clusters.schema.json';

const clusterFields = fieldsFromSchema(clusters as PropertySchema);
const facilityFields = fieldsFromSchema(facilities as PropertySchema);
const byName = (name: string) => clusterFields.find((f) => f.name === name);

describe('fieldsFromSchema', () => {
  it('picks the input for each property from its schema', () => {
    expect(byName('name')?.kind).toBe('text');
    expect(byName('kind')?.kind).toBe('select');
    expect(byName('status_year')?.kind).toBe('year');
    expect(byName('area_ha')?.kind).toBe('number');
    expect(byName('industries')?.kind).toBe('stringList');
    expect(byName('power_supply')?.kind).toBe('textarea');
    expect(byName('source_url')?.kind).toBe('url');
    expect(facilityFields.find((f) => f.name === 'khuyen_cong_supported')?.kind).toBe('checkbox');
  });

  it('carries both labels, the unit and localized enum titles', () => {
    const area = byName('area_ha');
    expect(area?.label).toEqual({ en: 'Total area', vi: 'Tổng diện tích' });
    expect(area?.unit).toEqual({ vi: 'ha', en: 'ha' });
    expect(byName('kind')?.options?.[0]).toEqual({
      value: 'cluster',
      title: { vi: 'Cụm công nghiệp', en: 'Industrial cluster' },
    });
  });
});

describe('form values ↔ feature properties', () => {
  const stored = {
    name: 'A',
    commune: null,
    status_year: 2015,
    area_ha: 12.5,
    industries: ['x', 'y'],
    kind: 'cluster',
    unknown_extra: 'kept',
  };

  it('round-trips stored properties unchanged', () => {
    const values = toFormValues(clusterFields, stored);
    expect(values.commune).toBe('');
    expect(values.area_ha).toBe('12.5');
    const back = toProperties(clusterFields, values, stored);
    for (const key of Object.keys(stored)) expect(back[key]).toEqual(stored[key as keyof typeof stored]);
  });

  it('turns typed text into typed values: empty nullable → null, decimal comma → number', () => {
    const values = {
      ...toFormValues(clusterFields, stored),
      area_ha: '7,25',
      commune: '  ',
      status_year: '2020',
    };
    const props = toProperties(clusterFields, values, stored);
    expect(props.area_ha).toBe(7.25);
    expect(props.commune).toBeNull();
    expect(props.status_year).toBe(2020);
  });

  it('drops empty list items and trims text', () => {
    const values = { ...toFormValues(clusterFields, stored), industries: [' a ', '', 'b'], name: '  B  ' };
    const props = toProperties(clusterFields, values, stored);
    expect(props.industries).toEqual(['a', 'b']);
    expect(props.name).toBe('B');
  });

  it('keeps computed properties as stored', () => {
    const schema: PropertySchema = { properties: { area_km2: { type: 'number', 'x-computed': true } } };
    const fields = fieldsFromSchema(schema);
    expect(toProperties(fields, { area_km2: '1' }, { area_km2: 99 })).toEqual({ area_km2: 99 });
  });

  it('lists only changed properties for a merge patch (a newly null value counts)', () => {
    expect(changedProperties({ a: 1, b: null, c: [1] }, { a: 1, b: 'x', c: [1] })).toEqual({ b: null });
  });
});

describe('parseDecimal and fieldOfPath', () => {
  it('accepts one decimal separator and nothing else', () => {
    expect(parseDecimal('1,5')).toBe(1.5);
    expect(parseDecimal(' -2.25 ')).toBe(-2.25);
    expect(parseDecimal('1.234,5')).toBeUndefined();
    expect(parseDecimal('12abc')).toBeUndefined();
    expect(parseDecimal('')).toBeUndefined();
  });

  it('maps server error paths to form field names', () => {
    expect(fieldOfPath('properties.area_ha')).toBe('area_ha');
    expect(fieldOfPath('properties.industries/0')).toBe('industries');
    expect(fieldOfPath('geometry')).toBe('geometry');
    expect(fieldOfPath('geometry.coordinates')).toBe('geometry');
  });
});

describe('mustFill', () => {
  it('marks only fields that cannot be left empty', () => {
    const must = clusterFields.filter(mustFill).map((f) => f.name);
    expect(must).toContain('name');
    expect(must).toContain('kind');
    expect(must).not.toContain('notes'); // required but may be ""
    expect(must).not.toContain('commune'); // nullable
    expect(must).not.toContain('industries'); // a list may be empty
  });
});

import type { Geometry } from 'geojson';
import { describe, expect, it } from 'vitest';
import { type DirtyInput, isDraftDirty } from '../../../client/src/features/edit/form/dirty.model';
import {
  fieldsFromSchema,
  type PropertySchema,
  toFormValues,
} from '../../../client/src/features/edit/form/form.model';
import districts from '../../../geodata/schema/districts.schema.json';
import clusters from '../../../geodata/schema/industrial-clusters.schema.json';

const fields = fieldsFromSchema(clusters as PropertySchema);
const point: Geometry = { type: 'Point', coordinates: [103.96, 22.507] };
const properties: Record<string, unknown> = {
  name: 'KCN Bắc Duyên Hải',
  area_ha: 12.5,
  industries: ['cơ khí', 'chế biến'],
  managing_body: null,
};

/** A stored feature opened as it was loaded: the form holds its values, the map its geometry. */
function opened(overrides: Partial<DirtyInput> = {}): DirtyInput {
  return {
    target: { kind: 'existing', base: { geometry: point, properties } },
    fields,
    values: toFormValues(fields, properties),
    geometry: point,
    ...overrides,
  };
}

describe('isDraftDirty', () => {
  it('is false with nothing open, whatever the inputs hold', () => {
    expect(isDraftDirty({ target: { kind: 'none' }, fields, values: { name: 'x' }, geometry: point })).toBe(
      false,
    );
  });

  it('is false for a stored feature just opened (numbers and lists as the form shows them)', () => {
    expect(isDraftDirty(opened())).toBe(false);
  });

  it('is true once one attribute input differs from the opened version', () => {
    const base = opened();
    expect(isDraftDirty({ ...base, values: { ...base.values, managing_body: 'Sở Công Thương' } })).toBe(true);
    expect(isDraftDirty({ ...base, values: { ...base.values, area_ha: '12,6' } })).toBe(true);
    expect(isDraftDirty({ ...base, values: { ...base.values, industries: ['cơ khí'] } })).toBe(true);
  });

  it('is false again when the input is typed back to the stored value', () => {
    const base = opened();
    expect(isDraftDirty({ ...base, values: { ...base.values, name: 'KCN Bắc Duyên Hải' } })).toBe(false);
  });

  it('is true when only the geometry moved', () => {
    const moved: Geometry = { type: 'Point', coordinates: [103.961, 22.507] };
    expect(isDraftDirty(opened({ geometry: moved }))).toBe(true);
  });

  it('for a new feature: false for the empty form, true after drawing or typing', () => {
    const empty: DirtyInput = {
      target: { kind: 'new' },
      fields,
      values: toFormValues(fields, {}),
      geometry: null,
    };
    expect(isDraftDirty(empty)).toBe(false);
    expect(isDraftDirty({ ...empty, geometry: point })).toBe(true);
    expect(isDraftDirty({ ...empty, values: { ...empty.values, name: 'Cụm mới' } })).toBe(true);
  });

  it('ignores computed fields and values the form does not hold (schema still loading)', () => {
    const districtFields = fieldsFromSchema(districts as PropertySchema);
    const computed = districtFields.filter((f) => f.computed).map((f) => f.name);
    expect(computed.length).toBeGreaterThan(0);
    const stored = { name: 'Huyện Bát Xát' };
    const values = toFormValues(districtFields, stored);
    for (const name of computed) values[name] = '999';
    const target = { kind: 'existing' as const, base: { geometry: point, properties: stored } };
    expect(isDraftDirty({ target, fields: districtFields, values, geometry: point })).toBe(false);
    expect(isDraftDirty(opened({ fields: [], values: {} }))).toBe(false);
  });
});

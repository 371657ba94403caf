import { describe, expect, it } from 'vitest';
import { validateFeatureWrite } from '../../../server/src/validation/feature.validation';
import { facilitiesSchema, facilityInput, facilityProperties } from './write-fixtures';

/** The facilities schema plus a computed `area_km2` that is also required (as in districts). */
function schemaWithComputed(): object {
  const schema = structuredClone(facilitiesSchema) as unknown as {
    properties: Record<string, object>;
    required: string[];
  };
  schema.properties.area_km2 = { type: 'number', 'x-computed': true };
  schema.required.push('area_km2');
  return schema;
}

describe('validateFeatureWrite: server-managed (x-computed) properties', () => {
  it('does not require a computed property and leaves it to the server', () => {
    const result = validateFeatureWrite(facilityInput({}, { schema: schemaWithComputed() }));
    expect(result.valid).toBe(true);
  });

  it('refuses a computed property sent on a create (422 ReadOnlyProperty)', () => {
    const input = facilityInput(
      { properties: facilityProperties({ area_km2: 12 }) },
      { schema: schemaWithComputed() },
    );
    expect(validateFeatureWrite(input)).toEqual({
      valid: false,
      status: 422,
      errors: [
        {
          field: 'properties.area_km2',
          code: 'ReadOnlyProperty',
          message: 'is computed by the server and cannot be set',
        },
      ],
    });
  });

  it('refuses a changed computed property on a replace', () => {
    const input = facilityInput(
      { properties: facilityProperties({ area_km2: 13 }) },
      { schema: schemaWithComputed(), current: { properties: facilityProperties({ area_km2: 12 }) } },
    );
    expect(validateFeatureWrite(input)).toMatchObject({
      valid: false,
      errors: [{ code: 'ReadOnlyProperty' }],
    });
  });

  it('drops an unchanged computed property sent back from a GET', () => {
    const input = facilityInput(
      { properties: facilityProperties({ area_km2: 12 }) },
      { schema: schemaWithComputed(), current: { properties: facilityProperties({ area_km2: 12 }) } },
    );
    const result = validateFeatureWrite(input);
    expect(result.valid).toBe(true);
    expect(result.valid && 'area_km2' in result.feature.properties).toBe(false);
  });
});

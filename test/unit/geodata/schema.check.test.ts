import type { FeatureCollection } from 'geojson';
import { describe, expect, it } from 'vitest';
import { checkRowsSchema, checkSchema } from '../../../geodata/scripts/checks/index';
import { loadBundle } from '../../../geodata/scripts/load';
import { point } from '../../fixtures/geodata/shapes';

const schema = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'source'],
  properties: {
    name: { type: 'string', title: 'Name', 'x-title-vi': 'Tên' },
    source: { type: 'string', minLength: 1 },
  },
};
const fc = (...features: FeatureCollection['features']): FeatureCollection => ({
  type: 'FeatureCollection',
  features,
});

describe('checkSchema', () => {
  it('accepts valid features with unique integer ids', () => {
    const data = fc(
      point(1, [104, 22], { name: 'A', source: 's' }),
      point(2, [104, 22], { name: 'B', source: 's' }),
    );
    expect(checkSchema('c', data, schema, ['Point'])).toEqual([]);
  });

  it('finds a missing required property and an unknown one', () => {
    const problems = checkSchema('c', fc(point(1, [104, 22], { name: 'A', colour: 'red' })), schema, [
      'Point',
    ]);
    expect(problems.map((p) => p.message)).toEqual([
      "(properties) must have required property 'source'",
      '(properties) must NOT have additional properties (colour)',
    ]);
  });

  it('finds duplicate and non-integer ids', () => {
    const a = point(1, [104, 22], { name: 'A', source: 's' });
    const b = point(1, [104, 22], { name: 'B', source: 's' });
    const c = { ...point(0, [104, 22], { name: 'C', source: 's' }), id: 'x' };
    expect(checkSchema('c', fc(a, b, c), schema, ['Point']).map((p) => p.check)).toEqual([
      'id_duplicate',
      'id_not_integer',
    ]);
  });

  it('finds a geometry type the collection does not allow', () => {
    const problems = checkSchema('c', fc(point(1, [104, 22], { name: 'A', source: 's' })), schema, [
      'Polygon',
    ]);
    expect(problems.map((p) => p.check)).toEqual(['geometry_type']);
  });

  it('validates CSV rows', () => {
    const rows = [{ name: 'A', source: '' }];
    expect(checkRowsSchema('indicators', rows, schema)[0]?.message).toBe(
      '/source must NOT have fewer than 1 characters',
    );
  });

  it('passes on every shipped collection and on indicators.csv', () => {
    const bundle = loadBundle();
    for (const c of bundle.collections)
      expect(checkSchema(c.id, c.data, c.schema, c.geometryTypes)).toEqual([]);
    expect(checkRowsSchema('indicators', bundle.indicators, bundle.indicatorSchema)).toEqual([]);
  });
});

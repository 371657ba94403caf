import { describe, expect, it } from 'vitest';
import { validateFeatureWrite } from '../../../server/src/validation/feature.validation';
import {
  clusterInput,
  clusterProperties,
  facilityInput,
  facilityProperties,
  rectGeometry,
} from './write-fixtures';

function errorsOf(result: ReturnType<typeof validateFeatureWrite>) {
  if (result.valid) throw new Error('expected the feature to be refused');
  return result.errors;
}

describe('validateFeatureWrite: the body', () => {
  it('accepts a valid facility and returns a clean feature', () => {
    const input = facilityInput({ id: 99, bbox: [0, 0, 1, 1], links: [] });
    const result = validateFeatureWrite(input);
    expect(result).toEqual({
      valid: true,
      feature: {
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [103.9, 22.3] },
        properties: facilityProperties(),
      },
    });
  });

  it('does not modify the input', () => {
    const input = facilityInput({ properties: facilityProperties({ district_code: undefined }) });
    const before = structuredClone(input.feature);
    validateFeatureWrite(input);
    expect(input.feature).toEqual(before);
  });

  it.each([
    ['an array', []],
    ['a string', 'Feature'],
    ['null', null],
    ['a FeatureCollection', { type: 'FeatureCollection', features: [] }],
    ['a bare geometry', { type: 'Point', coordinates: [103.9, 22.3] }],
  ])('answers 400 NotAFeature for %s', (_label, body) => {
    const result = validateFeatureWrite(facilityInput({}, { feature: body }));
    expect(result).toEqual({
      valid: false,
      status: 400,
      errors: [expect.objectContaining({ field: '(body)', code: 'NotAFeature' })],
    });
  });

  it('answers 400 NotAFeature when properties is not an object', () => {
    const result = validateFeatureWrite(facilityInput({ properties: ['a'] }));
    expect(result).toMatchObject({ valid: false, status: 400 });
  });
});

describe('validateFeatureWrite: properties against the schema', () => {
  it('refuses a wrong type (422 InvalidType on the field)', () => {
    const result = validateFeatureWrite(
      facilityInput({ properties: facilityProperties({ support_year: '2012' }) }),
    );
    expect(result).toMatchObject({ valid: false, status: 422 });
    expect(errorsOf(result)).toEqual([
      {
        field: 'properties.support_year',
        code: 'InvalidType',
        message: 'must be a whole number or empty (null)',
        params: { type: 'integer,null' },
      },
    ]);
  });

  it('refuses a value outside the vocabulary, listing the allowed ones', () => {
    const result = validateFeatureWrite(
      facilityInput({ properties: facilityProperties({ sector: 'banking' }) }),
    );
    const [error] = errorsOf(result);
    expect(error).toMatchObject({ field: 'properties.sector', code: 'NotInVocabulary' });
    expect(error?.message).toContain('wood_processing');
  });

  it('refuses a missing required property', () => {
    const properties = facilityProperties();
    delete properties.source;
    expect(errorsOf(validateFeatureWrite(facilityInput({ properties })))).toEqual([
      { field: 'properties.source', code: 'Required', message: 'is required' },
    ]);
  });

  it('refuses an empty required text', () => {
    const result = validateFeatureWrite(facilityInput({ properties: facilityProperties({ name: '' }) }));
    expect(errorsOf(result)).toEqual([
      { field: 'properties.name', code: 'TooShort', message: 'must not be empty', params: { limit: 1 } },
    ]);
  });

  it('refuses a number out of range', () => {
    const result = validateFeatureWrite(
      facilityInput({ properties: facilityProperties({ support_year: 1850 }) }),
    );
    expect(errorsOf(result)).toEqual([
      {
        field: 'properties.support_year',
        code: 'OutOfRange',
        message: 'must be >= 1900',
        params: { comparison: '>=', limit: 1900 },
      },
    ]);
  });

  it('refuses a malformed URL', () => {
    const result = validateFeatureWrite(
      facilityInput({ properties: facilityProperties({ source_url: 'not a url' }) }),
    );
    expect(errorsOf(result)).toEqual([
      expect.objectContaining({ field: 'properties.source_url', code: 'InvalidFormat' }),
    ]);
  });

  it('refuses a property the collection does not have', () => {
    const result = validateFeatureWrite(facilityInput({ properties: facilityProperties({ colour: 'red' }) }));
    expect(errorsOf(result)).toEqual([
      expect.objectContaining({ field: 'properties.colour', code: 'UnknownProperty' }),
    ]);
  });

  it('refuses a string over 2,000 characters though the schema sets no maxLength', () => {
    const result = validateFeatureWrite(
      facilityInput({ properties: facilityProperties({ notes: 'a'.repeat(2001) }) }),
    );
    expect(errorsOf(result)).toEqual([
      {
        field: 'properties.notes',
        code: 'TooLong',
        message: 'must be at most 2000 characters',
        params: { limit: 2000 },
      },
    ]);
  });

  it('accepts a string of exactly 2,000 characters (counted as characters, not UTF-16 units)', () => {
    const result = validateFeatureWrite(
      facilityInput({ properties: facilityProperties({ notes: '😀'.repeat(2000) }) }),
    );
    expect(result.valid).toBe(true);
  });

  it('applies the length cap inside arrays, naming the item', () => {
    const properties = clusterProperties({ industries: ['wood', 'x'.repeat(2001)] });
    const result = validateFeatureWrite(clusterInput(rectGeometry(104.05, 22.25, 104.1, 22.3), properties));
    expect(errorsOf(result)).toEqual([
      {
        field: 'properties.industries',
        code: 'TooLong',
        message: 'item 2: must be at most 2000 characters',
        params: { limit: 2000 },
      },
    ]);
  });

  it('lists every problem at once', () => {
    const properties = facilityProperties({
      sector: 'banking',
      support_year: 'soon',
      notes: 'n'.repeat(3000),
    });
    delete properties.name;
    const fields = errorsOf(validateFeatureWrite(facilityInput({ properties }))).map((e) => e.field);
    expect(fields.sort()).toEqual([
      'properties.name',
      'properties.notes',
      'properties.sector',
      'properties.support_year',
    ]);
  });

  it('reports a "__proto__" property as unknown without touching any prototype', () => {
    const properties = JSON.parse(
      `{"__proto__": {"polluted": true}, ${JSON.stringify(facilityProperties()).slice(1)}`,
    );
    const result = validateFeatureWrite(facilityInput({ properties }));
    expect(errorsOf(result)).toEqual([
      expect.objectContaining({ field: 'properties.__proto__', code: 'UnknownProperty' }),
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('keeps user text as data: markup in a name is accepted and returned unchanged', () => {
    const name = '<img src=x onerror=alert(1)>';
    const result = validateFeatureWrite(facilityInput({ properties: facilityProperties({ name }) }));
    expect(result.valid && result.feature.properties.name).toBe(name);
  });
});

describe('validateFeatureWrite: geometry', () => {
  it('refuses a geometry type the collection does not allow', () => {
    const result = validateFeatureWrite(
      facilityInput({ geometry: rectGeometry(103.85, 22.25, 103.9, 22.3) }),
    );
    expect(errorsOf(result)).toEqual([
      {
        field: 'geometry',
        code: 'GeometryTypeNotAllowed',
        message: 'Polygon is not allowed here; use Point',
        params: { allowed: 'Point' },
      },
    ]);
  });

  it('refuses a missing geometry', () => {
    expect(errorsOf(validateFeatureWrite(facilityInput({ geometry: null })))).toEqual([
      expect.objectContaining({ field: 'geometry', code: 'GeometryRequired' }),
    ]);
  });

  it('refuses a geometry with a non-finite or out-of-range coordinate', () => {
    for (const coordinates of [[103.9, Number.NaN], [200, 22.3], ['103.9', 22.3], [103.9]]) {
      const result = validateFeatureWrite(facilityInput({ geometry: { type: 'Point', coordinates } }));
      expect(errorsOf(result)).toEqual([
        expect.objectContaining({ field: 'geometry', code: 'InvalidCoordinate' }),
      ]);
    }
  });

  it('refuses coordinates nested wrongly for the type', () => {
    const result = validateFeatureWrite(clusterInput({ type: 'Polygon', coordinates: [104.05, 22.25] }));
    expect(errorsOf(result)).toEqual([
      expect.objectContaining({ field: 'geometry', code: 'InvalidGeometry' }),
    ]);
  });

  it('refuses a self-intersecting (bow-tie) polygon', () => {
    const bowtie = {
      type: 'Polygon',
      coordinates: [
        [
          [104.05, 22.25],
          [104.15, 22.35],
          [104.15, 22.25],
          [104.05, 22.35],
          [104.05, 22.25],
        ],
      ],
    };
    expect(errorsOf(validateFeatureWrite(clusterInput(bowtie)))).toEqual([
      expect.objectContaining({ field: 'geometry', code: 'SelfIntersection' }),
    ]);
  });

  it('refuses an unclosed ring', () => {
    const open = rectGeometry(104.05, 22.25, 104.1, 22.3);
    open.coordinates[0]?.pop();
    expect(errorsOf(validateFeatureWrite(clusterInput(open)))).toEqual([
      expect.objectContaining({ field: 'geometry', code: 'InvalidRing' }),
    ]);
  });

  it('refuses a point outside the province', () => {
    const result = validateFeatureWrite(
      facilityInput({ geometry: { type: 'Point', coordinates: [105.5, 21.0] } }),
    );
    expect(errorsOf(result)).toEqual([
      expect.objectContaining({
        field: 'geometry',
        code: 'OutsideProvince',
        message: expect.stringContaining('105.5'),
      }),
    ]);
  });

  it('refuses a polygon with a vertex outside the province', () => {
    const result = validateFeatureWrite(clusterInput(rectGeometry(104.1, 22.3, 104.3, 22.35)));
    expect(errorsOf(result)).toEqual([expect.objectContaining({ code: 'OutsideProvince' })]);
  });

  it('refuses more positions than the limit', () => {
    const ring = Array.from({ length: 50 }, (_, i) => {
      const a = (2 * Math.PI * i) / 50;
      return [104.1 + 0.05 * Math.cos(a), 22.3 + 0.05 * Math.sin(a)];
    });
    ring.push(ring[0] as number[]);
    const input = { ...clusterInput({ type: 'Polygon', coordinates: [ring] }), maxVertices: 20 };
    expect(errorsOf(validateFeatureWrite(input))).toEqual([
      expect.objectContaining({ code: 'TooManyVertices' }),
    ]);
  });

  it('rewinds a clockwise polygon to RFC 7946 instead of refusing it', () => {
    const clockwise = rectGeometry(104.05, 22.25, 104.1, 22.3);
    clockwise.coordinates[0]?.reverse();
    const result = validateFeatureWrite(clusterInput(clockwise));
    expect(result.valid && result.feature.geometry).toEqual(rectGeometry(104.05, 22.25, 104.1, 22.3));
  });

  it('accepts a MultiPolygon cluster', () => {
    const multi = {
      type: 'MultiPolygon',
      coordinates: [
        rectGeometry(104.05, 22.25, 104.1, 22.3).coordinates,
        rectGeometry(104.12, 22.25, 104.15, 22.3).coordinates,
      ],
    };
    expect(validateFeatureWrite(clusterInput(multi)).valid).toBe(true);
  });

  it('throws when called without a province area (misuse)', () => {
    const input = facilityInput();
    const point = {
      type: 'Feature' as const,
      properties: {},
      geometry: { type: 'Point' as const, coordinates: [0, 0] },
    };
    expect(() => validateFeatureWrite({ ...input, province: point as never })).toThrow(TypeError);
  });
});

describe('validateFeatureWrite: site facts keep their own provenance', () => {
  const point = { type: 'Point', coordinates: [104.1, 22.3] };

  it('refuses a fact value without a source and confidence, naming both fields', () => {
    const result = validateFeatureWrite(
      clusterInput(point, clusterProperties({ power_supply: '22 kV line' })),
    );
    expect(errorsOf(result)).toEqual([
      {
        field: 'properties.power_supply_source',
        code: 'Required',
        message: 'is required because power_supply has a value (say where it comes from)',
        params: { fact: 'power_supply' },
      },
      {
        field: 'properties.power_supply_confidence',
        code: 'Required',
        message:
          'is required because power_supply has a value (one of official, reported, approximate, illustrative)',
        params: { fact: 'power_supply' },
      },
    ]);
  });

  it('accepts a fact with its source and confidence, and refuses provenance without a value', () => {
    const ok = clusterProperties({
      power_supply: '22 kV line',
      power_supply_source: 'Phone call with the district office, 2026',
      power_supply_confidence: 'reported',
    });
    expect(validateFeatureWrite(clusterInput(point, ok)).valid).toBe(true);
    const orphan = clusterProperties({ occupancy_pct_confidence: 'official' });
    expect(errorsOf(validateFeatureWrite(clusterInput(point, orphan)))).toMatchObject([
      { field: 'properties.occupancy_pct_confidence', code: 'Invalid' },
    ]);
  });
});

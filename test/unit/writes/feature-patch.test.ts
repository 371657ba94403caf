import { describe, expect, it } from 'vitest';
import { applyFeaturePatch } from '../../../server/src/writes/feature-patch';

const schema = {
  type: 'object',
  required: ['name', 'commune', 'notes'],
  properties: {
    name: { type: 'string' },
    commune: { type: ['string', 'null'] },
    notes: { type: 'string' },
    nickname: { type: ['string', 'null'] },
    support_type: { enum: ['machinery', null] },
  },
};

const stored = () => ({
  type: 'Feature',
  id: 4,
  geometry: { type: 'Point', coordinates: [104, 22.3] },
  properties: { name: 'A', commune: 'Xã X', notes: 'n', nickname: 'a', support_type: 'machinery' },
});

describe('applyFeaturePatch', () => {
  it('merges a property change', () => {
    expect(applyFeaturePatch(stored(), { properties: { name: 'B' } }, schema)).toMatchObject({
      properties: { name: 'B', commune: 'Xã X' },
    });
  });

  it('keeps a required nullable property set to null as null (not deleted)', () => {
    const result = applyFeaturePatch(stored(), { properties: { commune: null } }, schema) as ReturnType<
      typeof stored
    >;
    expect(result.properties.commune).toBeNull();
  });

  it('deletes an optional property set to null, as RFC 7396 says', () => {
    const result = applyFeaturePatch(stored(), { properties: { nickname: null } }, schema) as ReturnType<
      typeof stored
    >;
    expect('nickname' in result.properties).toBe(false);
  });

  it('deletes a required property that may not be null (validation then reports it)', () => {
    const result = applyFeaturePatch(stored(), { properties: { notes: null } }, schema) as ReturnType<
      typeof stored
    >;
    expect('notes' in result.properties).toBe(false);
  });

  it('replaces the geometry whole', () => {
    const geometry = {
      type: 'Polygon',
      coordinates: [
        [
          [104, 22],
          [104.1, 22],
          [104.1, 22.1],
          [104, 22],
        ],
      ],
    };
    expect(applyFeaturePatch(stored(), { geometry }, schema)).toMatchObject({ geometry });
  });

  it('does not modify the stored feature', () => {
    const feature = stored();
    applyFeaturePatch(feature, { properties: { commune: null, name: 'B' } }, schema);
    expect(feature).toEqual(stored());
  });
});

describe('applyFeaturePatch misuse', () => {
  it('throws without a schema object', () => {
    expect(() => applyFeaturePatch(stored(), {}, null as unknown as object)).toThrow(TypeError);
  });
});

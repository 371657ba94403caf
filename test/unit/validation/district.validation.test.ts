import { describe, expect, it } from 'vitest';
import { validateFeatureWrite } from '../../../server/src/validation/feature.validation';
import {
  clusterInput,
  clusterProperties,
  facilityInput,
  facilityProperties,
  rectGeometry,
} from './write-fixtures';

describe('validateFeatureWrite: district_code and the location', () => {
  it("replaces a district_code that does not match where the point is by the location's", () => {
    const properties = facilityProperties({ district_code: '086' });
    const result = validateFeatureWrite(facilityInput({ properties }));
    expect(result.valid && result.feature.properties.district_code).toBe('082');
  });

  it('sets district_code from the location when it is absent', () => {
    const properties = facilityProperties();
    delete properties.district_code;
    const result = validateFeatureWrite(
      facilityInput({ properties, geometry: { type: 'Point', coordinates: [104.1, 22.3] } }),
    );
    expect(result.valid && result.feature.properties.district_code).toBe('086');
  });

  it('sets district_code when it is null or empty', () => {
    for (const code of [null, '']) {
      const result = validateFeatureWrite(
        facilityInput({ properties: facilityProperties({ district_code: code }) }),
      );
      expect(result.valid && result.feature.properties.district_code).toBe('082');
    }
  });

  it('accepts either district for a point on their shared border', () => {
    for (const code of ['082', '086']) {
      const input = facilityInput({
        geometry: { type: 'Point', coordinates: [104.0, 22.3] },
        properties: facilityProperties({ district_code: code }),
      });
      expect(validateFeatureWrite(input).valid).toBe(true);
    }
  });

  it('places a polygon by its centroid', () => {
    // Mostly in EAST (086), a little in WEST.
    const result = validateFeatureWrite(
      clusterInput(rectGeometry(103.98, 22.25, 104.1, 22.3), clusterProperties({ district_code: '082' })),
    );
    expect(result.valid && result.feature.properties.district_code).toBe('086');
  });

  it('places a crescent whose centroid lies outside it by a point on its surface', () => {
    // A U shape opening north, all inside EAST; its centroid falls in the empty middle.
    const u = {
      type: 'Polygon',
      coordinates: [
        [
          [104.05, 22.25],
          [104.15, 22.25],
          [104.15, 22.35],
          [104.14, 22.35],
          [104.14, 22.26],
          [104.06, 22.26],
          [104.06, 22.35],
          [104.05, 22.35],
          [104.05, 22.25],
        ],
      ],
    };
    const properties = clusterProperties();
    delete properties.district_code;
    const result = validateFeatureWrite(clusterInput(u, properties));
    expect(result.valid && result.feature.properties.district_code).toBe('086');
  });

  it('replaces an unknown district code by the district of the location', () => {
    const result = validateFeatureWrite(
      facilityInput({ properties: facilityProperties({ district_code: '999' }) }),
    );
    expect(result.valid && result.feature.properties.district_code).toBe('082');
  });

  it('reports NoDistrict for a location inside the province but in no district', () => {
    const input = facilityInput({}, {});
    const result = validateFeatureWrite({ ...input, districts: [] });
    expect(result).toMatchObject({
      valid: false,
      errors: expect.arrayContaining([
        expect.objectContaining({ field: 'geometry', code: 'NoDistrict', params: { at: '103.9, 22.3' } }),
      ]),
    });
  });
});

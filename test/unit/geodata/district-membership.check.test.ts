import { describe, expect, it } from 'vitest';
import { checkFeaturesInDistricts } from '../../../geodata/scripts/checks/index';
import { EAST, point, WEST } from '../../fixtures/geodata/shapes';

describe('checkFeaturesInDistricts', () => {
  it('accepts a point inside the district it claims', () => {
    const f = point(1, [103.9, 22.3], { name: 'Làng A', district_code: '082' });
    expect(checkFeaturesInDistricts('craft-villages', [f], [WEST, EAST])).toEqual([]);
  });

  it('names the feature, the claimed district and the one it falls in', () => {
    const f = point(5, [104.1, 22.3], { name: 'Làng B', district_code: '082' });
    const problems = checkFeaturesInDistricts('craft-villages', [f], [WEST, EAST]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      check: 'point_in_wrong_district',
      collection: 'craft-villages',
      featureId: 5,
    });
    expect(problems[0]?.message).toBe(
      '"Làng B" (id 5) claims Huyện Tây (082) but falls in Huyện Đông (086) at [104.1, 22.3]',
    );
  });

  it('says "no district" for a point outside every district', () => {
    const f = point(6, [110, 10], { name: 'Xa', district_code: '086' });
    expect(checkFeaturesInDistricts('c', [f], [WEST, EAST])[0]?.message).toContain('falls in no district');
  });
});

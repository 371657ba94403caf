import { describe, expect, it } from 'vitest';
import type { SiteConfig } from '../../../server/src/contract/site';
import { locate, measure } from '../../../server/src/site/distances';
import { buildSite, type LandmarkCandidate } from '../../../server/src/site/site-object';

const point = (lon: number, lat: number) => ({ type: 'Point' as const, coordinates: [lon, lat] });
const config: SiteConfig = {
  landmarks: 'landmarks',
  measures: [
    { key: 'gate', title: { vi: 'Cửa khẩu', en: 'Gate' }, where: { site_role: 'gate' } },
    { key: 'station', title: { vi: 'Ga', en: 'Station' }, where: { site_role: 'station' } },
    { key: 'seat', title: { vi: 'Huyện', en: 'Seat' }, where: { kind: 'seat' }, sameDistrict: true },
  ],
};
function landmark(
  id: number,
  lon: number,
  lat: number,
  districtCode: string,
  km: number | null = 1,
): LandmarkCandidate {
  return {
    ref: { collection: 'landmarks', id, name: `L${id}`, nameEn: null },
    located: locate(point(lon, lat), { location_precision: 'approximate', location_uncertainty_km: km }),
    districtCode,
  };
}
const site = {
  geometry: point(104.1, 22.3),
  properties: { district_code: '086', location_precision: 'approximate', location_uncertainty_km: 3 },
};

describe('buildSite', () => {
  it('gives one row per measure, in the config order, to the nearest matching landmark', () => {
    const near = landmark(7, 104.12, 22.3, '080');
    const far = landmark(2, 104.5, 22.6, '080');
    const result = buildSite(site, config, new Map([['gate', [far, near]]]));
    expect(result.method).toBe('straight-line');
    expect(result.from).toEqual({ coordinates: [104.1, 22.3], uncertaintyKm: 3, approximate: true });
    expect(result.distances.map((d) => d.key)).toEqual(['gate', 'station', 'seat']);
    expect(result.distances[0]).toEqual({
      key: 'gate',
      landmark: near.ref,
      ...measure(locate(site.geometry, site.properties), near.located),
    });
    expect(result.distances[0]?.uncertaintyKm).toBe(4);
  });

  it('says "no landmark" (null) for a measure nothing answers', () => {
    const result = buildSite(site, config, new Map());
    expect(result.distances[1]).toEqual({
      key: 'station',
      landmark: null,
      km: null,
      uncertaintyKm: null,
      approximate: false,
    });
  });

  it('measures a sameDistrict row only to landmarks of the site’s own district, even when another is nearer', () => {
    const otherDistrict = landmark(1, 104.1, 22.31, '087');
    const own = landmark(9, 104.3, 22.2, '086');
    const result = buildSite(site, config, new Map([['seat', [otherDistrict, own]]]));
    expect(result.distances[2]?.landmark?.id).toBe(9);
    const none = buildSite(
      { ...site, properties: { ...site.properties, district_code: '089' } },
      config,
      new Map([['seat', [own]]]),
    );
    expect(none.distances[2]?.landmark).toBeNull();
  });
});

import type { Geometry } from 'geojson';
import { describe, expect, it } from 'vitest';
import { CrsError } from '../../../server/src/crs/errors';
import { CRS84, CRS84_URI, findCrs, parseCrs, supportedCrsUris } from '../../../server/src/crs/registry';
import {
  bboxFromCrs84,
  bboxToCrs84,
  geometryFromCrs84,
  geometryToCrs84,
  positionFromCrs84,
  positionToCrs84,
} from '../../../server/src/crs/transform';

const epsg = (code: number) => findCrs(`http://www.opengis.net/def/crs/EPSG/0/${code}`)!;

/**
 * Control values computed with PROJ 9.1.1 and its EPSG dataset v10.076 (Debian 12's proj-bin),
 * independent of proj4js: `echo "22.48 103.97" | cs2cs -f %.9f EPSG:4326 EPSG:<code>`, where
 * PROJ chose "VN-2000 to WGS 84 (2)" (Decision 05/2007/QĐ-BTNMT parameters) for the VN-2000 CRSs.
 * Points: Lào Cai city (103.97 E, 22.48 N), Sa Pa (103.84, 22.34), Bắc Hà (104.29, 22.54).
 */
const CONTROL: { lonLat: [number, number]; crs: number; expected: [number, number] }[] = [
  { lonLat: [103.97, 22.48], crs: 4756, expected: [22.480957071, 103.968094561] },
  { lonLat: [103.84, 22.34], crs: 4756, expected: [22.34095632, 103.838096308] },
  { lonLat: [104.29, 22.54], crs: 4756, expected: [22.540960549, 104.288094204] },
  { lonLat: [103.97, 22.48], crs: 3405, expected: [393844.660881491, 2486429.286527591] },
  { lonLat: [103.84, 22.34], crs: 3405, expected: [380350.255112629, 2471028.028105366] },
  { lonLat: [104.29, 22.54], crs: 3405, expected: [426797.102745727, 2492880.034991364] },
  { lonLat: [103.97, 22.48], crs: 9208, expected: [419540.121613175, 2487019.787153218] },
  { lonLat: [103.84, 22.34], crs: 9208, expected: [406068.176003232, 2471592.449072358] },
  { lonLat: [104.29, 22.54], crs: 9208, expected: [452490.017159222, 2493527.218259705] },
  { lonLat: [103.97, 22.48], crs: 3857, expected: [11573887.457776653, 2569253.394352223] },
  { lonLat: [104.29, 22.54], crs: 3857, expected: [11609509.694830501, 2576483.398505879] },
];

describe('supported CRSs', () => {
  it('knows CRS84, EPSG:4326, 3857, 4756, 3405 and 9208 (VN-2000 / TM-3 104-45, Lào Cai) by URI', () => {
    expect(supportedCrsUris()).toEqual([
      CRS84_URI,
      ...[4326, 3857, 4756, 3405, 9208].map((c) => `http://www.opengis.net/def/crs/EPSG/0/${c}`),
    ]);
    expect(findCrs('https://www.opengis.net/def/crs/EPSG/0/3405')?.epsg).toBe(3405);
    expect(epsg(9208).proj4).toContain('+lon_0=104.75 +k=0.9999 +x_0=500000');
  });

  it('uses the national VN-2000 → WGS 84 parameters in Position Vector form', () => {
    for (const code of [4756, 3405, 9208]) {
      expect(epsg(code).proj4).toContain(
        '+towgs84=-191.90441429,-39.30318279,-111.45032835,0.00928836,-0.01975479,0.00427372,0.252906278',
      );
    }
  });

  it('parseCrs: absent → CRS84; unknown → CrsError naming the parameter and listing the supported', () => {
    expect(parseCrs(undefined, 'crs')).toBe(CRS84);
    expect(parseCrs('http://www.opengis.net/def/crs/EPSG/0/4326', 'crs').axisOrder).toBe('lat-lon');
    const err = (() => {
      try {
        parseCrs('http://www.opengis.net/def/crs/EPSG/0/32648', 'bbox-crs');
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(CrsError);
    expect(err).toMatchObject({ parameter: 'bbox-crs' });
    expect((err as Error).message).toContain('http://www.opengis.net/def/crs/EPSG/0/9208');
    expect(() => parseCrs('EPSG:4326', 'crs')).toThrow(CrsError);
  });
});

describe('transforms against PROJ control values', () => {
  it.each(CONTROL)('CRS84 $lonLat → EPSG:$crs within 1 mm', ({ lonLat, crs, expected }) => {
    const out = positionFromCrs84(lonLat, epsg(crs));
    const tolerance = epsg(crs).unit === 'metre' ? 0.001 : 1e-8;
    expect(Math.abs(out[0] - expected[0])).toBeLessThanOrEqual(tolerance);
    expect(Math.abs(out[1] - expected[1])).toBeLessThanOrEqual(tolerance);
  });

  it.each(CONTROL)('EPSG:$crs back to CRS84 $lonLat within 2 mm', ({ lonLat, crs, expected }) => {
    const back = positionToCrs84(expected, epsg(crs));
    expect(Math.abs(back[0] - lonLat[0])).toBeLessThan(2e-8);
    expect(Math.abs(back[1] - lonLat[1])).toBeLessThan(2e-8);
  });

  it('matches the EPSG Guidance Note 7-2 example of Pseudo-Mercator (24°22′54.433″N, 100°20′W)', () => {
    const [e, n] = positionFromCrs84([-(100 + 20 / 60), 24 + 22 / 60 + 54.433 / 3600], epsg(3857));
    expect(e).toBeCloseTo(-11169055.58, 2);
    expect(n).toBeCloseTo(2800000.0, 2);
  });

  it('EPSG:4326 is CRS84 with the axes swapped, every digit kept', () => {
    expect(positionFromCrs84([103.123456789012, 22.987654321098], epsg(4326))).toEqual([
      22.987654321098, 103.123456789012,
    ]);
    expect(positionToCrs84([22.5, 103.7], epsg(4326))).toEqual([103.7, 22.5]);
  });

  it('rounds reprojected coordinates to 1 mm (3 decimals in metres, 8 in degrees)', () => {
    const [x, y] = positionFromCrs84([103.97, 22.48], epsg(9208));
    expect(x).toBe(419540.122);
    expect(y).toBe(2487019.787);
    expect(positionFromCrs84([103.97, 22.48], epsg(4756))).toEqual([22.48095707, 103.96809456]);
  });

  it('refuses coordinates that have no value in the CRS', () => {
    expect(() => positionFromCrs84([0, 90], epsg(3857), 'crs')).toThrow(CrsError);
    expect(() => positionToCrs84([Number.NaN, 1], epsg(3405), 'filter-crs')).toThrow(
      expect.objectContaining({ parameter: 'filter-crs' }),
    );
  });
});

describe('geometries and bboxes', () => {
  const district: Geometry = {
    type: 'Polygon',
    coordinates: [
      [
        [103.9, 22.4],
        [104.1, 22.4],
        [104.1, 22.6],
        [103.9, 22.4],
      ],
    ],
  };

  it('transforms every position of a geometry, in both directions, without changing the input', () => {
    const copy = structuredClone(district);
    const tm3 = geometryFromCrs84(district, epsg(9208));
    expect(district).toEqual(copy);
    expect(tm3.type).toBe('Polygon');
    const back = geometryToCrs84(tm3, epsg(9208)) as { coordinates: number[][][] };
    back.coordinates[0]!.forEach((p, i) => {
      const q = (district as { coordinates: number[][][] }).coordinates[0]![i]!;
      expect(Math.abs(p[0]! - q[0]!)).toBeLessThan(2e-8);
      expect(Math.abs(p[1]! - q[1]!)).toBeLessThan(2e-8);
    });
    expect(geometryFromCrs84(district, CRS84)).toBe(district);
  });

  it('bbox-crs: reads a box in the CRS axis order and covers it in CRS84', () => {
    expect(bboxToCrs84([22.4, 103.9, 22.6, 104.1], epsg(4326))).toEqual([103.9, 22.4, 104.1, 22.6]);
    expect(bboxToCrs84([103.9, 22.4, 0, 104.1, 22.6, 100], CRS84)).toEqual([103.9, 22.4, 104.1, 22.6]);
    const [w, s, e, n] = bboxToCrs84(
      [393844.660881491, 2486429.286527591, 426797.102745727, 2492880.034991364],
      epsg(3405),
    );
    // Grid lines are not meridians or parallels: the CRS84 box covers all four corners, and a
    // little more where an edge bends outward (here under 0.001°).
    expect(w).toBeLessThanOrEqual(103.97 + 1e-7);
    expect(e).toBeGreaterThanOrEqual(104.29 - 1e-7);
    expect(s).toBeLessThanOrEqual(22.48 + 1e-7);
    expect(n).toBeGreaterThanOrEqual(22.54 - 1e-7);
    for (const [value, near] of [
      [w, 103.97],
      [e, 104.29],
      [s, 22.48],
      [n, 22.54],
    ] as const) {
      expect(Math.abs(value - near)).toBeLessThan(0.001);
    }
  });

  it('bbox out of CRS84: covers the box, in the CRS axis order; EPSG:3857 clamps the poles', () => {
    expect(bboxFromCrs84([103.9, 22.4, 104.1, 22.6], epsg(4326))).toEqual([22.4, 103.9, 22.6, 104.1]);
    const [minE, minN, maxE, maxN] = bboxFromCrs84([103.97, 22.48, 104.29, 22.54], epsg(9208));
    expect(minE).toBeLessThanOrEqual(419540.122);
    expect(maxE).toBeGreaterThanOrEqual(452490.017);
    expect(minN).toBeLessThanOrEqual(2487019.787);
    expect(maxN).toBeGreaterThanOrEqual(2493527.218);
    const world = bboxFromCrs84([-180, -90, 180, 90], epsg(3857));
    expect(world.every(Number.isFinite)).toBe(true);
    expect(world[3]).toBeCloseTo(20037508.34, 0);
    const [lat0, lon0] = bboxFromCrs84([103.97, 22.48, 103.97, 22.48], epsg(4756));
    expect([lat0, lon0]).toEqual([22.48095707, 103.96809456]);
  });
});

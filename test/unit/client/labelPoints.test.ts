import { readFileSync } from 'node:fs';
import { booleanPointInPolygon } from '@turf/turf';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { labelPoints } from '../../../client/src/lib/labelPoints';

const districts = JSON.parse(readFileSync('geodata/districts.geojson', 'utf8')) as FeatureCollection<
  Polygon | MultiPolygon
>;

describe('labelPoints', () => {
  it('gives exactly one label point per district, inside that district', () => {
    const points = labelPoints(districts);
    expect(points.features.map((p) => p.id)).toEqual(districts.features.map((d) => d.id));
    points.features.forEach((p, i) => {
      expect(booleanPointInPolygon(p.geometry, districts.features[i]!)).toBe(true);
    });
  });

  it('uses a point on the surface when the centre of mass falls outside (a C-shaped polygon)', () => {
    const c: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [3, 0],
          [3, 1],
          [1, 1],
          [1, 2],
          [3, 2],
          [3, 3],
          [0, 3],
          [0, 0],
        ],
      ],
    };
    const fc: FeatureCollection = {
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: {}, geometry: c }],
    };
    const [p] = labelPoints(fc).features;
    expect(booleanPointInPolygon(p!.geometry, c)).toBe(true);
  });

  it('returns the same object for the same data (the style is rebuilt often)', () => {
    expect(labelPoints(districts)).toBe(labelPoints(districts));
  });
});

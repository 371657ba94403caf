import type { Feature } from 'geojson';
import type { AreaFeature } from '../../rules/districts';
import { geometryProblems } from '../../rules/geometry';
import { featureIdOf, label, type Problem } from './problem';

/** Applies the shared geometry rules (geodata/rules/geometry.ts) to every feature of a collection. */
export function checkGeometries(collection: string, features: Feature[], province: AreaFeature): Problem[] {
  return features.flatMap((f) =>
    geometryProblems(f.geometry, province).map((p) => ({
      check: p.code,
      collection,
      featureId: featureIdOf(f),
      message: `${label(f)}: ${p.message}`,
    })),
  );
}

import type { SeedData, SeedFeature } from '../../server/src/catalog/catalog';
import type { FeatureContent } from '../../server/src/store/feature-store';

/**
 * `n` synthetic craft villages of the server fixture (district 086, craft forging), ids
 * firstId…, named "Synthetic village i"; `at(i)` places each (default: a line eastwards from
 * 104.0, 22.2 every 0.001°). Clearly fake; for paging, count and tile tests.
 */
export function syntheticVillages(
  n: number,
  firstId: number,
  at: (i: number) => [number, number] = (i) => [104.0 + i * 0.001, 22.2],
): SeedFeature[] {
  return Array.from({ length: n }, (_, i) => ({
    collection: 'craft-villages',
    id: firstId + i,
    properties: {
      name: `Synthetic village ${i}`,
      district_code: '086',
      craft: 'forging',
      source: 'test',
      confidence: 'illustrative',
    },
    geometry: { type: 'Point', coordinates: at(i) },
  }));
}

/** The content of an edited village of the server fixture at (lon, lat), for write-then-read tests. */
export function villageAt(lon: number, lat: number, district: string): FeatureContent {
  return {
    properties: {
      name: 'Edit',
      district_code: district,
      craft: 'forging',
      source: 't',
      confidence: 'illustrative',
    },
    geometry: { type: 'Point', coordinates: [lon, lat] },
  };
}

/** A grid 200 points wide, 0.0005° apart, from (104.0, 22.2). */
export const villageGrid = (i: number): [number, number] => [
  104 + (i % 200) * 0.0005,
  22.2 + Math.floor(i / 200) * 0.0005,
];

/** The seed with extra features appended. */
export function withFeatures(seed: SeedData, extra: SeedFeature[]): SeedData {
  return { ...seed, features: [...seed.features, ...extra] };
}

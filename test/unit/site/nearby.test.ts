import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { destination, distance } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import type { CollectionDef } from '../../../server/src/catalog/catalog';
import { loadCatalog, loadSeedData } from '../../../server/src/catalog/load-catalog';
import { boxAround, CANDIDATE_CAP, NearbyService } from '../../../server/src/site/nearby';
import { openSqliteStore } from '../../../server/src/store/sqlite/sqlite-store';
import { FIXTURE_GEODATA } from '../../helpers/server';

describe('boxAround', () => {
  it('contains every point within the radius, in every direction, also far from the equator', () => {
    for (const [lon, lat] of [
      [104, 22.5],
      [10, 60],
      [0, -45],
    ]) {
      for (const km of [0.5, 20, 100]) {
        const [minLon, minLat, maxLon, maxLat] = boxAround([lon, lat], km);
        for (let bearing = -180; bearing < 180; bearing += 5) {
          const [x = 0, y = 0] = destination([lon, lat], km, bearing, { units: 'kilometers' }).geometry
            .coordinates;
          expect(
            x >= minLon && x <= maxLon && y >= minLat && y <= maxLat,
            `${lon},${lat} ${km} km ${bearing}°`,
          ).toBe(true);
        }
      }
    }
  });
});

describe('NearbyService on a dense collection', () => {
  it('shrinks the radius when a box holds too many candidates, stays exact within it and says so', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'laocai-nearby-'));
    const catalog = loadCatalog(FIXTURE_GEODATA);
    const store = openSqliteStore({ file: path.join(dir, 'app.db'), catalog });
    try {
      const seed = loadSeedData(FIXTURE_GEODATA, catalog);
      const dense = Array.from({ length: CANDIDATE_CAP + 1000 }, (_, i) => ({
        collection: 'craft-villages',
        id: 1000 + i,
        properties: { name: `Dense ${i}`, location_precision: 'approximate', location_uncertainty_km: 1 },
        geometry: {
          type: 'Point' as const,
          coordinates: [103.7 + (i % 60) * 0.001, 22.5 + Math.floor(i / 60) * 0.001],
        },
      }));
      await store.seed({ ...seed, features: [...seed.features, ...dense] });
      const villages = catalog.collection('craft-villages') as CollectionDef;
      const center: [number, number] = [103.73, 22.525];
      const answer = await new NearbyService(store, catalog).search({
        from: { kind: 'point', coordinates: center },
        radiusKm: 5,
        limit: 50,
        collections: [villages],
      });
      expect(answer.complete).toBe(false);
      expect(answer.searchedKm).toBeGreaterThan(0.5);
      expect(answer.searchedKm).toBeLessThan(5);
      const all = (await store.queryFeatures('craft-villages', { limit: 10_000, offset: 0 })).features;
      const nearest = all
        .map((f) => ({
          id: f.id,
          d: distance(center, (f.geometry as GeoJSON.Point).coordinates, { units: 'kilometers' }),
        }))
        .sort((a, b) => a.d - b.d || a.id - b.id)
        .slice(0, 50);
      expect(answer.results.map((r) => r.feature.id)).toEqual(nearest.map((n) => n.id));
      expect(nearest.at(-1)?.d).toBeLessThanOrEqual(answer.searchedKm + 0.05);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

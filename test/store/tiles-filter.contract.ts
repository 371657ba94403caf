import { describe, expect, it } from 'vitest';
import type { SeedFeature } from '../../server/src/catalog/catalog';
import { parseFilter } from '../../server/src/cql2/parse';
import { queryablesOf } from '../../server/src/cql2/queryables';
import type { FeatureStore, TileFilter } from '../../server/src/store/feature-store';
import { MAX_POINTS_PER_TILE } from '../../server/src/tiles/tile-content';
import { type TileAddress, tileBounds } from '../../server/src/tiles/web-mercator';
import { type DecodedFeature, decodeTile, pointsIn, tileAt } from '../helpers/mvt';
import { syntheticVillages, villageGrid, withFeatures } from '../helpers/villages';
import { fixture, type StoreHarness } from './feature-store.contract';

const LAYER = 'craft-villages';

/**
 * 2,000 villages on a grid (test/helpers/villages villageGrid) with varied crafts, names and
 * years, so every filter kind keeps some and drops others in every tile.
 */
function gridVillages(): SeedFeature[] {
  return syntheticVillages(2000, 101, villageGrid).map((f, i) => ({
    ...f,
    properties: {
      ...f.properties,
      name: i % 5 === 0 ? `Rượu ${i}` : `Làng ${i}`,
      craft: i % 3 === 0 ? 'wine_distilling' : 'forging',
      recognition_year: 2000 + (i % 20),
    },
  }));
}

/** Every tile of zoom z over a lon/lat box. */
function tilesOver(box: [number, number, number, number], z: number): TileAddress[] {
  const nw = tileAt(box[0], box[3], z);
  const se = tileAt(box[2], box[1], z);
  const out: TileAddress[] = [];
  for (let x = nw.x; x <= se.x; x++) for (let y = nw.y; y <= se.y; y++) out.push({ z, x, y });
  return out;
}

async function features(
  store: FeatureStore,
  tile: TileAddress,
  where?: TileFilter,
): Promise<DecodedFeature[]> {
  const bytes = await store.vectorTile(LAYER, tile, where);
  return bytes ? (decodeTile(bytes)[LAYER]?.features ?? []) : [];
}

/**
 * Vector tiles narrowed by a filter (issue 10), the same on every backend: only the features a
 * FeatureQuery with the same filters, CQL2 and `q` selects are in the tile, clusters count only
 * them, tiles of one zoom partition them, and a deep tile with more than MAX_POINTS_PER_TILE
 * matches shows their zoom-14 clusters.
 */
export function runTileFilterContract(name: string, create: () => StoreHarness): void {
  describe(`FeatureStore filtered tiles: ${name}`, () => {
    const { catalog, seed } = fixture();
    const queryables = queryablesOf(catalog.collection(LAYER)!);
    const cql2 = (text: string) => parseFilter(text, 'cql2-text', { queryables });
    const kinds: [string, TileFilter][] = [
      ['a property filter', { filters: [{ property: 'craft', value: 'wine_distilling' }] }],
      ['q', { q: 'ruou' }],
      ['CQL2', { filter: cql2("recognition_year >= 2015 AND craft <> 'wine_distilling'") }],
      [
        'all three at once',
        {
          filters: [{ property: 'district_code', value: '086' }],
          q: 'ruou',
          filter: cql2('recognition_year < 2010'),
        },
      ],
    ];

    it('tiles hold exactly the matching features of every filter kind, at every zoom', async () => {
      const harness = create();
      const store = await harness.open(catalog);
      try {
        await store.seed(withFeatures(seed, gridVillages()));
        const grid: [number, number, number, number] = [104, 22.2, 104 + 199 * 0.0005, 22.2 + 9 * 0.0005];
        for (const [kind, where] of kinds) {
          const page = await store.queryFeatures(LAYER, { ...where, limit: 10_000, offset: 0 });
          const expected = page.features.map((f) => f.id).sort((a, b) => a - b);
          expect(expected.length, kind).toBeGreaterThan(10);
          expect(expected.length, kind).toBeLessThan(1000);
          // One clustered tile for the world: the counts add up to the matches.
          expect(pointsIn(await features(store, { z: 0, x: 0, y: 0 }, where)), kind).toBe(expected.length);
          // The tiles of one zoom partition the matches (clustered zooms); singles are matches.
          const at = (f: (typeof page.features)[number], z: number) => {
            const [lon, lat] = (f.geometry as GeoJSON.Point).coordinates as [number, number];
            const t = tileAt(lon, lat, z);
            return `${t.x}/${t.y}`;
          };
          for (const z of [10, 13, 14]) {
            const tiles = tilesOver(grid, z);
            const keys = new Set(tiles.map((t) => `${t.x}/${t.y}`));
            const inTiles = page.features.filter((f) => keys.has(at(f, z))).length;
            let sum = 0;
            for (const tile of tiles) {
              const fs = await features(store, tile, where);
              sum += pointsIn(fs);
              for (const f of fs.filter((g) => g.properties.cluster !== true))
                expect(expected, `${kind} z${z}`).toContain(f.id);
            }
            expect(sum, `${kind} at zoom ${z}`).toBe(inTiles);
          }
          // Deep tiles carry each matching point, with its id, and nothing else.
          const deep = new Set<number>();
          for (const tile of tilesOver(grid, 16)) {
            for (const f of await features(store, tile, where)) {
              expect(f.properties.cluster, kind).toBeUndefined();
              deep.add(Number(f.id));
            }
          }
          const deepTiles = new Set(tilesOver(grid, 16).map((t) => `${t.x}/${t.y}`));
          const inDeep = page.features.filter((f) => deepTiles.has(at(f, 16))).map((f) => f.id);
          expect(inDeep.length, kind).toBeGreaterThan(10);
          expect(
            [...deep].sort((a, b) => a - b),
            kind,
          ).toEqual(inDeep.sort((a, b) => a - b));
        }
        // Polygons: a filtered district tile holds that district only.
        const code = (await store.vectorTile('districts', tileAt(104.0, 22.5, 8), {
          filters: [{ property: 'code', value: '080' }],
        }))!;
        expect(decodeTile(code).districts!.features.map((f) => f.properties.code)).toEqual(['080']);
        // No match in the tile: no tile.
        expect(await store.vectorTile(LAYER, { z: 0, x: 0, y: 0 }, { q: 'nowhere at all' })).toBeUndefined();
      } finally {
        await store.close();
        await harness.dispose();
      }
    }, 120_000);

    it(`a deep tile shows points while at most ${MAX_POINTS_PER_TILE.toLocaleString('en')} match, else their zoom-14 clusters`, async () => {
      const harness = create();
      const store = await harness.open(catalog);
      try {
        // More points than a tile carries, all within 30 m: one zoom-16 tile.
        const n = MAX_POINTS_PER_TILE + 60;
        const dense = syntheticVillages(n, 101, (i) => [
          104.05 + (i % 100) * 2e-6,
          22.3 + Math.floor(i / 100) * 1e-6,
        ]);
        for (const [i, f] of dense.entries())
          f.properties.craft = i % 2 === 0 ? 'wine_distilling' : 'forging';
        await store.seed(withFeatures(seed, dense));
        const tile = tileAt(104.0501, 22.3001, 16);
        const [w, s, e, nn] = tileBounds(tile);
        expect(w < 104.05 && e > 104.0503 && s < 22.3 && nn > 22.3003).toBe(true);
        const plain = await features(store, tile);
        expect(plain.every((f) => f.properties.cluster === true)).toBe(true);
        expect(pointsIn(plain)).toBe(n);
        // Half of them match: every one is carried as a point.
        const half = await features(store, tile, {
          filters: [{ property: 'craft', value: 'wine_distilling' }],
        });
        expect(half.every((f) => f.properties.cluster === undefined && f.id !== undefined)).toBe(true);
        expect(half.length).toBe(n / 2);
        // All of them match (q): more than a tile carries, so their clusters, counting only matches.
        const all = await features(store, tile, { q: 'synthetic' });
        expect(all.every((f) => f.properties.cluster === true)).toBe(true);
        expect(pointsIn(all)).toBe(n);
      } finally {
        await store.close();
        await harness.dispose();
      }
    }, 120_000);
  });
}

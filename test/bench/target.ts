import { type AppOverrides, buildApp } from '../../server/src/app';
import type { SeedFeature } from '../../server/src/catalog/catalog';
import { loadCatalog, loadSeedData } from '../../server/src/catalog/load-catalog';
import type { Config } from '../../server/src/config';
import { SHIPPED_GEODATA } from '../helpers/server';
import type { TargetInfo } from './report';
import { PROVINCE, syntheticFacilities } from './synthetic';

/** A listening server over `size` synthetic facilities, as the bench measures it. */
export interface Target {
  name: string;
  size: number;
  origin: string;
  /** Response-cache counters (to tell what share of a case the cache answered). */
  cacheCounts(): { hits: number; misses: number };
  info: Omit<TargetInfo, 'loadBefore' | 'loadAfter'>;
  /** The SQLite database it serves (the floor reads the same features from it). */
  dbFile?: string;
  close(): Promise<void>;
}

/** A backend of the bench: opens a seeded target per size it runs; `dispose` after all are closed. */
export interface TargetFactory {
  name: string;
  /** The sizes (of BENCH_SIZES) this backend runs. */
  sizes(all: number[]): number[];
  open(size: number): Promise<Target>;
  dispose?(): void;
}

/** What every target is seeded with: the shipped districts and `size` synthetic facilities. */
export function benchFeatures(size: number): SeedFeature[] {
  const districts = loadSeedData(SHIPPED_GEODATA, loadCatalog(SHIPPED_GEODATA)).features.filter(
    (f) => f.collection === 'districts',
  );
  const codes = districts.map((d) => String(d.properties.code));
  return [...districts, ...syntheticFacilities(size, PROVINCE, codes)];
}

/** The real app built on `config` (timed: the start-up a restart pays), listening on 127.0.0.1. */
export async function listenTarget(
  config: Config,
  info: Omit<TargetInfo, 'loadBefore' | 'loadAfter' | 'startMs'>,
  cleanup: () => Promise<void> | void,
  overrides: AppOverrides = {},
): Promise<Target> {
  const t0 = performance.now();
  const app = await buildApp(config, overrides);
  const startMs = Math.round(performance.now() - t0);
  await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    name: info.target,
    size: info.size,
    origin: `http://127.0.0.1:${(app.server.address() as { port: number }).port}`,
    cacheCounts: () => ({ hits: app.responseCache.hits, misses: app.responseCache.misses }),
    info: { ...info, startMs },
    close: async () => {
      await app.close();
      await cleanup();
    },
  };
}

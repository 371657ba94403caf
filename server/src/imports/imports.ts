import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Catalog } from '../catalog/catalog';
import { areaContextLoader } from '../editing/validation-context';
import type { FeatureStore } from '../store/feature-store';
import { type FeatureImportJob, FeatureImports } from './feature-imports';
import { type IndicatorImportJob, IndicatorImports } from './indicator-imports';
import type { CommunePlace } from './places';
import { ImportRegistry } from './registry';
import { WorkerPool } from './runner';

export type ImportJob = FeatureImportJob | IndicatorImportJob;

/** The communes of geodata/communes.json (made by `npm run geodata:build`); none when the file is absent (test fixtures). */
export function loadCommunes(geodataDir: string): CommunePlace[] {
  let text: string;
  try {
    text = readFileSync(path.join(geodataDir, 'communes.json'), 'utf8');
  } catch {
    return [];
  }
  const doc = JSON.parse(text) as { communes?: { code: string; name: string; district_code: string }[] };
  return (doc.communes ?? []).map((c) => ({ code: c.code, name: c.name, districtCode: c.district_code }));
}

/** Everything the import routes use: the jobs of this process, feature imports and indicator imports. */
export interface Imports {
  registry: ImportRegistry<ImportJob>;
  features: FeatureImports;
  indicators: IndicatorImports;
  /** Stops every parse and ends the worker threads. */
  close(): Promise<void>;
}

/** Builds the import services on a store (one per app; closed with it). */
export function createImports(
  store: FeatureStore,
  catalog: Catalog,
  geodataDir: string,
  clock: () => number,
): Imports {
  const registry = new ImportRegistry<ImportJob>(clock);
  const areas = areaContextLoader(store);
  const pool = new WorkerPool();
  return {
    registry,
    features: new FeatureImports(store, catalog, registry, areas, loadCommunes(geodataDir), clock, pool),
    indicators: new IndicatorImports(store, catalog, registry, areas, clock, pool),
    close: async () => {
      registry.close();
      await pool.close();
    },
  };
}

/** File I/O for the checks: loads the shipped datasets under geodata/ (never ../shared). */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FeatureCollection } from 'geojson';
import { readCatalogFile } from '../rules/catalog';
import { parseIndicatorRows } from '../rules/indicator-rows';
import type { GeodataBundle } from './checks/index';
import type { SourceKinds } from './checks/source-kinds.check';

const geodataDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function readJson<T>(dir: string, ...parts: string[]): T {
  return JSON.parse(readFileSync(join(dir, ...parts), 'utf8')) as T;
}

/** Loads every dataset named in schema/collections.json (validated by the catalog rules), indicators.csv and source-kinds.json. */
export function loadBundle(dir: string = geodataDir): GeodataBundle {
  const catalog = readCatalogFile(readJson<unknown>(dir, 'schema', 'collections.json'));
  if (!catalog.valid) throw new Error(`the catalog is not valid: ${catalog.problems.join('; ')}`);
  return {
    collections: catalog.collections.map((c) => ({
      id: c.id,
      data: readJson<FeatureCollection>(dir, c.file),
      schema: readJson<object>(dir, 'schema', c.schema),
      geometryTypes: c.geometryTypes,
    })),
    indicators: parseIndicatorRows(readFileSync(join(dir, 'indicators.csv'), 'utf8')),
    indicatorSchema: readJson<object>(dir, 'schema', 'indicators.schema.json'),
    sourceKinds: readJson<SourceKinds>(dir, 'source-kinds.json'),
  };
}

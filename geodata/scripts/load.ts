/** File I/O for the checks: loads the shipped datasets under geodata/ (never ../shared). */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FeatureCollection } from 'geojson';
import { INDICATOR_HEADER } from './build/indicators';
import { parseIndicatorsCsv } from './checks/csv';
import type { GeodataBundle } from './checks/index';
import type { SourceKinds } from './checks/source-kinds.check';

const geodataDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');

interface CatalogEntry {
  id: string;
  file: string;
  schema: string;
  geometryTypes: string[];
}

function readJson<T>(dir: string, ...parts: string[]): T {
  return JSON.parse(readFileSync(join(dir, ...parts), 'utf8')) as T;
}

/** Loads every dataset named in schema/collections.json, indicators.csv and source-kinds.json. */
export function loadBundle(dir: string = geodataDir): GeodataBundle {
  const catalog = readJson<{ collections: CatalogEntry[] }>(dir, 'schema', 'collections.json');
  return {
    collections: catalog.collections.map((c) => ({
      id: c.id,
      data: readJson<FeatureCollection>(dir, c.file),
      schema: readJson<object>(dir, 'schema', c.schema),
      geometryTypes: c.geometryTypes,
    })),
    indicators: parseIndicatorsCsv(readFileSync(join(dir, 'indicators.csv'), 'utf8'), INDICATOR_HEADER),
    indicatorSchema: readJson<object>(dir, 'schema', 'indicators.schema.json'),
    sourceKinds: readJson<SourceKinds>(dir, 'source-kinds.json'),
  };
}

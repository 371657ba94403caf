import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readCatalogFile } from '../../../geodata/rules/catalog';
import { readIndicatorRows } from '../../../geodata/rules/indicator-rows';
import type { LocalizedText } from '../contract/api';
import {
  type Catalog,
  type CollectionDef,
  citationLangsOf,
  type IndicatorDef,
  type IndicatorFileRow,
  makeCatalog,
  type SeedData,
  type SeedFeature,
} from './catalog';

/** Thrown at start when geodata/ is missing a file or has an unexpected shape. */
export class GeodataError extends Error {
  override name = 'GeodataError';
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new GeodataError(`missing ${file} (run \`npm run geodata:build\` or set GEODATA_DIR)`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new GeodataError(`${file} is not valid JSON: ${(err as Error).message}`);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown, where: string): LocalizedText {
  if (isObject(value) && typeof value.vi === 'string' && typeof value.en === 'string') {
    return { vi: value.vi, en: value.en };
  }
  if (typeof value === 'string') return { vi: value, en: value };
  throw new GeodataError(`${where}: expected { vi, en } text`);
}

/** Reads geodata/schema: collections.json (validated, defaults applied), each collection's schema and indicators.json. */
export function loadCatalog(geodataDir: string): Catalog {
  const schemaDir = path.join(geodataDir, 'schema');
  const read = readCatalogFile(readJson(path.join(schemaDir, 'collections.json')));
  if (!read.valid) throw new GeodataError(read.problems.join('; '));
  const collections = read.collections.map((entry): CollectionDef => {
    const propertiesSchema = readJson(path.join(schemaDir, entry.schema));
    if (!isObject(propertiesSchema)) throw new GeodataError(`${entry.schema}: expected a JSON Schema object`);
    return { ...entry, propertiesSchema };
  });
  return makeCatalog(
    collections,
    loadIndicatorDefs(path.join(schemaDir, 'indicators.json')),
    citationLangsOf(loadIndicatorRows(geodataDir)),
  );
}

function loadIndicatorDefs(file: string): IndicatorDef[] {
  const raw = readJson(file);
  const list = Array.isArray(raw) ? raw : isObject(raw) ? raw.indicators : undefined;
  if (!Array.isArray(list)) throw new GeodataError('indicators.json: expected { indicators: [...] }');
  return list.map((entry, i): IndicatorDef => {
    const where = `indicators.json indicators[${i}]`;
    if (!isObject(entry) || typeof entry.id !== 'string') throw new GeodataError(`${where}: id is required`);
    return {
      id: entry.id,
      title: text(entry.title, `${where}.title`),
      unit: text(entry.unit ?? '', `${where}.unit`),
      ...(entry.description === undefined
        ? {}
        : { description: text(entry.description, `${where}.description`) }),
      computed: entry.computed === true,
    };
  });
}

/** Reads every collection's dataset and geodata/indicators.csv, for seeding an empty store. */
export function loadSeedData(geodataDir: string, catalog: Catalog): SeedData {
  const features: SeedFeature[] = [];
  for (const collection of catalog.collections) {
    const raw = readJson(path.join(geodataDir, collection.file));
    if (!isObject(raw) || !Array.isArray(raw.features)) {
      throw new GeodataError(`${collection.file}: expected a GeoJSON FeatureCollection`);
    }
    for (const [i, f] of raw.features.entries()) {
      if (!isObject(f) || !Number.isSafeInteger(f.id) || !isObject(f.geometry) || !isObject(f.properties)) {
        throw new GeodataError(
          `${collection.file} features[${i}]: needs an integer id, geometry and properties`,
        );
      }
      features.push({
        collection: collection.id,
        id: f.id as number,
        properties: f.properties,
        geometry: f.geometry as unknown as SeedFeature['geometry'],
      });
    }
  }
  // The store keeps a row without its source's language (the catalog answers that, by text).
  const indicators = loadIndicatorRows(geodataDir).map(({ source_lang: _lang, ...row }) => row);
  return { features, indicators };
}

/**
 * geodata/indicators.csv, validated against its row schema (geodata/schema/indicators.schema.json);
 * a bad row stops the start with the row number and what is wrong.
 */
function loadIndicatorRows(geodataDir: string): IndicatorFileRow[] {
  const file = path.join(geodataDir, 'indicators.csv');
  let csv: string;
  try {
    csv = readFileSync(file, 'utf8');
  } catch {
    throw new GeodataError(`missing ${file} (run \`npm run geodata:build\` or set GEODATA_DIR)`);
  }
  const schema = readJson(path.join(geodataDir, 'schema', 'indicators.schema.json'));
  if (!isObject(schema)) throw new GeodataError('indicators.schema.json: expected a JSON Schema object');
  const result = readIndicatorRows(csv, schema);
  if (result.valid) return result.rows;
  const shown = result.problems
    .slice(0, 5)
    .map((p) => (p.row > 0 ? `line ${p.row + 1}: ${p.message}` : p.message));
  const more = result.problems.length > 5 ? ` (and ${result.problems.length - 5} more)` : '';
  throw new GeodataError(`indicators.csv does not match indicators.schema.json: ${shown.join('; ')}${more}`);
}

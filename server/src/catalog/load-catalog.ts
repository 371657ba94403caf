import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseCsv } from '../../../geodata/scripts/checks/csv';
import type { IndicatorStatus, LocalizedText } from '../contract/api';
import {
  type Catalog,
  type CollectionDef,
  type IndicatorDef,
  type IndicatorRow,
  type JsonSchema,
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

function strings(value: unknown, where: string): string[] {
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value;
  throw new GeodataError(`${where}: expected an array of strings`);
}

/** Reads geodata/schema: collections.json, each collection's schema and indicators.json. */
export function loadCatalog(geodataDir: string): Catalog {
  const schemaDir = path.join(geodataDir, 'schema');
  const raw = readJson(path.join(schemaDir, 'collections.json'));
  if (!isObject(raw) || !Array.isArray(raw.collections)) {
    throw new GeodataError('collections.json: expected { collections: [...] }');
  }
  const collections = raw.collections.map((entry, i): CollectionDef => {
    const where = `collections.json collections[${i}]`;
    if (!isObject(entry) || typeof entry.id !== 'string' || !/^[a-z][a-z0-9-]*$/.test(entry.id)) {
      throw new GeodataError(`${where}: id must be a lowercase slug`);
    }
    if (typeof entry.file !== 'string' || typeof entry.schema !== 'string') {
      throw new GeodataError(`${where}: file and schema are required`);
    }
    const propertiesSchema = readJson(path.join(schemaDir, entry.schema));
    if (!isObject(propertiesSchema)) throw new GeodataError(`${entry.schema}: expected a JSON Schema object`);
    return {
      id: entry.id,
      title: text(entry.title, `${where}.title`),
      description: text(entry.description, `${where}.description`),
      file: entry.file,
      schema: entry.schema,
      geometryTypes: strings(entry.geometryTypes, `${where}.geometryTypes`),
      queryables: strings(entry.queryables, `${where}.queryables`),
      search: strings(entry.search, `${where}.search`),
      label: typeof entry.label === 'string' ? entry.label : 'name',
      editable: entry.editable === true,
      propertiesSchema: propertiesSchema as JsonSchema,
    };
  });
  return makeCatalog(collections, loadIndicatorDefs(path.join(schemaDir, 'indicators.json')));
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
  return { features, indicators: loadIndicatorRows(path.join(geodataDir, 'indicators.csv')) };
}

const STATUSES: readonly IndicatorStatus[] = [
  'official',
  'reported',
  'approximate',
  'illustrative',
  'computed',
];
const HEADER = 'district_code,year,indicator,value,unit,status,source';

function loadIndicatorRows(file: string): IndicatorRow[] {
  let csv: string;
  try {
    csv = readFileSync(file, 'utf8');
  } catch {
    throw new GeodataError(`missing ${file} (run \`npm run geodata:build\` or set GEODATA_DIR)`);
  }
  const [header, ...rows] = parseCsv(csv);
  if (header?.join(',') !== HEADER) throw new GeodataError(`indicators.csv: header must be "${HEADER}"`);
  return rows.map(([district_code, year, indicator, value, unit, status, source], i): IndicatorRow => {
    const where = `indicators.csv line ${i + 2}`;
    const stat = STATUSES.find((s) => s === status);
    if (!district_code || !indicator || !stat || source === undefined || unit === undefined) {
      throw new GeodataError(
        `${where}: every column is required and status must be one of ${STATUSES.join(', ')}`,
      );
    }
    if (
      !/^\d{4}$/.test(year ?? '') ||
      value === undefined ||
      value === '' ||
      !Number.isFinite(Number(value))
    ) {
      throw new GeodataError(`${where}: year must be YYYY and value a number`);
    }
    return { district_code, year: Number(year), indicator, value: Number(value), unit, status: stat, source };
  });
}

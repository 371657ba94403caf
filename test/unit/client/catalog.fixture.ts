/**
 * Catalogs for client unit tests, built the way the app builds its own (client/src/catalog) from
 * what `/api/collections` serves: the catalog file with its defaults applied (geodata/rules) and
 * each collection's schema. `shippedCatalog()` reads the shipped geodata/; `catalogOf()` makes one
 * from entries written in a test.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PropertySchema } from '../../../client/src/api/schema';
import { buildCatalog, type Catalog } from '../../../client/src/catalog/catalog';
import { type CatalogCollection, readCatalogFile } from '../../../geodata/rules/catalog';
import type { ApiFeature, CollectionInfo } from '../../../server/src/contract/api';
import { clientMembers } from '../../../server/src/routes/collections';

const GEODATA = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../geodata');
const readJson = (file: string): unknown => JSON.parse(readFileSync(path.join(GEODATA, file), 'utf8'));

/** A collection as /api/collections describes it (extent and links are not read by the client). */
function infoOf(c: CatalogCollection): CollectionInfo {
  return {
    id: c.id,
    title: c.title.vi,
    description: c.description.vi,
    itemType: 'feature',
    crs: [],
    extent: { spatial: { bbox: [[-180, -90, 180, 90]], crs: '' } },
    links: [],
    ...clientMembers(c),
  };
}

function read(json: unknown): CatalogCollection[] {
  const r = readCatalogFile(json);
  if (!r.valid) throw new Error(r.problems.join('; '));
  return r.collections;
}

/** A catalog from collections.json-style entries and schemas by id. */
export function catalogOf(
  entries: unknown[],
  schemas: Record<string, PropertySchema | undefined> = {},
): Catalog {
  return buildCatalog(read({ collections: entries }).map(infoOf), schemas);
}

/** The shipped catalog (geodata/schema) and its features (geodata/*.geojson). */
export function shippedCatalog(): { catalog: Catalog; features: Record<string, ApiFeature[]> } {
  const collections = read(readJson('schema/collections.json'));
  const schemas: Record<string, PropertySchema> = {};
  const features: Record<string, ApiFeature[]> = {};
  for (const c of collections) {
    schemas[c.id] = readJson(`schema/${c.schema}`) as PropertySchema;
    features[c.id] = (readJson(c.file) as { features: ApiFeature[] }).features;
  }
  return { catalog: buildCatalog(collections.map(infoOf), schemas), features };
}

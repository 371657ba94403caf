/**
 * Builds the shipped datasets under geodata/ from the read-only sources.
 * Usage: npm run geodata:build [-- --sources DIR]   (or env GEODATA_SOURCES)
 * Default sources: ../shared/geodata-sources relative to the repo root.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Feature as GeoFeature, MultiPolygon, Polygon } from 'geojson';
import type { Topology } from 'topojson-specification';
import { citationKeys } from '../rules/citation-lang';
import { serializeIndicatorRows } from '../rules/indicator-rows';
import { buildClusters } from './build/clusters';
import { buildCommunes } from './build/communes';
import { buildContext } from './build/context';
import { buildCraftVillages } from './build/craft-villages';
import { buildDistricts } from './build/districts';
import { buildFacilities } from './build/facilities';
import type { AdminUnits, Facts } from './build/facts';
import { serializeCollection } from './build/format';
import { buildIndicatorRows } from './build/indicators';
import { buildLandmarks } from './build/landmarks';
import { rowsWithSourceLang, withSourceLang } from './build/source-lang';

const geodataDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = resolve(geodataDir, '..');
const schemaDir = join(geodataDir, 'schema');

function sourcesDir(argv: string[]): string {
  const i = argv.indexOf('--sources');
  const arg = i >= 0 ? argv[i + 1] : undefined;
  return resolve(repoRoot, arg ?? process.env.GEODATA_SOURCES ?? '../shared/geodata-sources');
}

function readJson<T>(dir: string, file: string): T {
  return JSON.parse(readFileSync(join(dir, file), 'utf8')) as T;
}

type Area = GeoFeature<Polygon | MultiPolygon>;

/** Natural Earth 1:10m countries as TopoJSON, from the world-atlas package (a devDependency). */
function naturalEarth(): Topology {
  const file = createRequire(import.meta.url).resolve('world-atlas/countries-10m.json');
  return JSON.parse(readFileSync(file, 'utf8')) as Topology;
}

/** A collection's features with `source_lang` (build/source-lang.ts), its citations named by its schema. */
function tagged(collection: string, features: GeoFeature[]): GeoFeature[] {
  return withSourceLang(collection, features, citationKeys(readJson(schemaDir, `${collection}.schema.json`)));
}

function main(): void {
  const dir = sourcesDir(process.argv.slice(2));
  const facts = readJson<Facts>(dir, 'lao-cai-facts.json');
  const units = readJson<AdminUnits>(dir, 'lao-cai-admin-units.json');
  const boundaries = readJson<Parameters<typeof buildDistricts>[0]>(dir, 'lao-cai-admin-boundaries.geojson');
  const { districts, province } = buildDistricts(boundaries, facts, units);
  const outputs: [string, string][] = [
    ['districts.geojson', serializeCollection('districts', tagged('districts', districts))],
    ['province.geojson', serializeCollection('province', tagged('province', province))],
    [
      'industrial-clusters.geojson',
      serializeCollection('industrial-clusters', tagged('industrial-clusters', buildClusters(facts))),
    ],
    [
      'craft-villages.geojson',
      serializeCollection('craft-villages', tagged('craft-villages', buildCraftVillages(facts))),
    ],
    ['facilities.geojson', serializeCollection('facilities', tagged('facilities', buildFacilities(facts)))],
    ['landmarks.geojson', serializeCollection('landmarks', tagged('landmarks', buildLandmarks(facts)))],
    ['indicators.csv', serializeIndicatorRows(rowsWithSourceLang(buildIndicatorRows(facts)))],
    ['communes.json', buildCommunes(units)],
    ['context.geojson', serializeCollection('context', buildContext(naturalEarth(), province[0] as Area))],
  ];
  for (const [file, text] of outputs) {
    writeFileSync(join(geodataDir, file), text);
    process.stdout.write(`wrote geodata/${file} (${text.length} bytes)\n`);
  }
}

main();

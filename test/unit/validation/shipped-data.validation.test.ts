import { readFileSync } from 'node:fs';
import type { FeatureCollection } from 'geojson';
import { describe, expect, it } from 'vitest';
import { readCatalogFile } from '../../../geodata/rules/catalog';
import { type AreaFeature, toDistrictAreas } from '../../../geodata/rules/districts';
import { validateFeatureWrite } from '../../../server/src/validation/feature.validation';

/** The shipped data must pass the write validator unchanged: staff can save what they loaded. */
const geodata = new URL('../../../geodata/', import.meta.url);
const readJson = (path: string): unknown => JSON.parse(readFileSync(new URL(path, geodata), 'utf8'));

const catalog = readCatalogFile(readJson('schema/collections.json'));
if (!catalog.valid) throw new Error(catalog.problems.join('; '));
const province = (readJson('province.geojson') as FeatureCollection).features[0] as AreaFeature;
const districts = toDistrictAreas(readJson('districts.geojson') as FeatureCollection);
const editable = catalog.collections.filter((c) => c.editable);

describe('validateFeatureWrite over the shipped data', () => {
  it('has editable collections to check', () => {
    expect(editable.length).toBeGreaterThan(0);
  });

  it.each(editable.map((c) => [c.id, c] as const))(
    'accepts every shipped feature of %s as it is',
    (_id, c) => {
      const fc = readJson(c.file) as FeatureCollection;
      const schema = readJson(`schema/${c.schema}`) as object;
      for (const feature of fc.features) {
        const result = validateFeatureWrite({
          feature,
          schema,
          geometryTypes: c.geometryTypes,
          province,
          districts,
        });
        expect(result, `feature ${String(feature.id)}`).toEqual({
          valid: true,
          feature: { type: 'Feature', geometry: feature.geometry, properties: feature.properties },
        });
      }
    },
  );

  it('a shipped facility claimed for another district keeps the district of its location', () => {
    const fc = readJson('facilities.geojson') as FeatureCollection;
    const feature = structuredClone(fc.features[0]);
    const claimed = feature?.properties?.district_code;
    const other = districts.find((d) => d.code !== claimed);
    if (!feature?.properties || !other) throw new Error('fixture changed');
    feature.properties.district_code = other.code;
    const schema = readJson('schema/facilities.schema.json') as object;
    const result = validateFeatureWrite({ feature, schema, geometryTypes: ['Point'], province, districts });
    expect(result.valid && result.feature.properties.district_code).toBe(claimed);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFactProvenance, factSpecs } from '../../../geodata/rules/facts';
import type { CollectionDef } from '../../../server/src/catalog/catalog';
import { loadCatalog, loadSeedData } from '../../../server/src/catalog/load-catalog';
import { upgradedProperties, upgradeStoredFacts } from '../../../server/src/editing/fact-upgrade';
import { openSqliteStore } from '../../../server/src/store/sqlite/sqlite-store';
import { validateProperties } from '../../../server/src/validation/properties.validation';
import { SHIPPED_GEODATA } from '../../helpers/server';

const catalog = loadCatalog(SHIPPED_GEODATA);
const clusters = catalog.collection('industrial-clusters') as CollectionDef;

/** A cluster as stored before issue 15: free-text infrastructure and contact, no fact provenance. */
const OLD = {
  name: 'CCN Cũ',
  name_en: 'Old cluster',
  kind: 'cluster',
  district_code: '086',
  commune: 'Xã Cũ',
  status: 'operating',
  status_year: 2010,
  area_ha: 25,
  area_year: 2010,
  area_figures: [],
  industries: [],
  infrastructure: '22 kV line; water from the town',
  contact: null,
  source: 'https://laocai.gov.vn/old',
  source_url: 'https://laocai.gov.vn/old',
  confidence: 'official',
  location_precision: 'approximate',
  location_uncertainty_km: 3,
  location_method: 'placed by hand',
  notes: 'Staff note.',
};

describe('upgradedProperties (a cluster stored before the site facts)', () => {
  it('moves the retired text into notes, adds the new fields empty and vouches facts by the record source', () => {
    const next = upgradedProperties(OLD, clusters);
    expect(next).toBeDefined();
    expect(next).not.toHaveProperty('infrastructure');
    expect(next).not.toHaveProperty('contact');
    expect(next?.notes).toBe(
      'Staff note.\ninfrastructure (before site facts): 22 kV line; water from the town',
    );
    expect(next).toMatchObject({
      commune_source: OLD.source,
      commune_confidence: 'official',
      status_source: OLD.source,
      area_ha_confidence: 'official',
      industries_source: null,
      power_supply: null,
      contact_email: null,
    });
    expect(checkFactProvenance(next ?? {}, factSpecs(clusters.propertiesSchema))).toEqual([]);
    expect(validateProperties(next ?? {}, clusters.propertiesSchema).errors).toEqual([]);
  });

  it('leaves a current feature alone', () => {
    const shipped = loadSeedData(SHIPPED_GEODATA, catalog).features.filter(
      (f) => f.collection === clusters.id,
    );
    expect(shipped.map((f) => upgradedProperties(f.properties, clusters))).toEqual(
      shipped.map(() => undefined),
    );
  });
});

describe('upgradeStoredFacts', () => {
  it('upgrades an old stored cluster once, as a recorded patch, and then finds nothing to do', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'laocai-upgrade-'));
    const store = openSqliteStore({ file: path.join(dir, 'app.db'), catalog });
    try {
      const seed = loadSeedData(SHIPPED_GEODATA, catalog);
      const old = {
        collection: clusters.id,
        id: 99,
        properties: OLD,
        geometry: { type: 'Point' as const, coordinates: [104.18, 22.32] },
      };
      await store.seed({ ...seed, features: [...seed.features, old] });
      expect(await upgradeStoredFacts(store, catalog)).toBe(1);
      const after = await store.getFeature(clusters.id, 99);
      expect(after?.version).toBe(2);
      expect(after?.properties.notes).toContain('22 kV line');
      const [change] = await store.featureHistory(clusters.id, 99);
      expect(change).toMatchObject({ operation: 'patch', username: 'lcmap-upgrade' });
      expect(await upgradeStoredFacts(store, catalog)).toBe(0);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

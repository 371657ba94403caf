import { describe, expect, it } from 'vitest';
import { checkFactProvenance, checkFactSchema, factSpecs, hasFactValue } from '../../../geodata/rules/facts';
import clusters from '../../../geodata/schema/industrial-clusters.schema.json';

const specs = factSpecs(clusters);
const byProperty = (name: string) => specs.find((s) => s.property === name);

describe('site facts (x-fact)', () => {
  it('reads every fact of the cluster schema with its provenance properties, in schema order', () => {
    expect(specs.map((s) => s.property)).toEqual([
      'commune',
      'status',
      'area_ha',
      'area_industrial_ha',
      'area_available_ha',
      'occupancy_pct',
      'industries',
      'power_supply',
      'water_supply',
      'wastewater_treatment',
      'road_access',
      'rail_access',
      'managing_body',
      'contact_phone',
      'contact_email',
      'contact_website',
      'contact_address',
    ]);
    expect(byProperty('status')).toEqual({
      property: 'status',
      with: ['status_year'],
      source: 'status_source',
      confidence: 'status_confidence',
    });
    expect(checkFactSchema(clusters)).toEqual([]);
  });

  it('counts null, blank text and an empty list as "not published"', () => {
    expect([null, undefined, '', '  ', []].map(hasFactValue)).toEqual([false, false, false, false, false]);
    expect([0, 'x', ['a'], false].map(hasFactValue)).toEqual([true, true, true, true]);
  });

  it('asks a value for its source and confidence', () => {
    const problems = checkFactProvenance({ power_supply: '110 kV line' }, specs);
    expect(problems.map((p) => [p.code, p.property])).toEqual([
      ['fact_source_missing', 'power_supply_source'],
      ['fact_confidence_missing', 'power_supply_confidence'],
    ]);
    expect(
      checkFactProvenance(
        {
          power_supply: '110 kV',
          power_supply_source: 'https://x.gov.vn',
          power_supply_confidence: 'official',
        },
        specs,
      ),
    ).toEqual([]);
  });

  it('treats a value of a shared fact (the status year) like the fact itself', () => {
    const problems = checkFactProvenance({ status: null, status_year: 2020 }, specs);
    expect(problems.map((p) => p.property)).toEqual(['status_source', 'status_confidence']);
  });

  it('refuses provenance for a value that is not there, and an unknown confidence', () => {
    const problems = checkFactProvenance(
      {
        occupancy_pct: null,
        occupancy_pct_source: 'press',
        area_ha: 10,
        area_ha_source: 's',
        area_ha_confidence: 'sure',
      },
      specs,
    );
    expect(problems.map((p) => [p.code, p.property])).toEqual([
      ['fact_confidence_missing', 'area_ha_confidence'],
      ['fact_provenance_unused', 'occupancy_pct_source'],
    ]);
  });

  it('finds annotations that name missing properties or a wrong confidence list', () => {
    const schema = {
      properties: {
        a: { type: 'string', 'x-fact': { source: 'a_source', confidence: 'a_confidence' } },
        a_confidence: { type: ['string', 'null'], enum: ['official', null] },
      },
    };
    expect(checkFactSchema(schema)).toEqual([
      "a: x-fact names 'a_source', which the schema does not declare",
      'a_confidence enum must be ["official","reported","approximate","illustrative",null]',
    ]);
  });
});

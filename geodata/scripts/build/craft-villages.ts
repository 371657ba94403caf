import type { Feature } from 'geojson';
import { CRAFT_SPECS } from './craft-villages.data';
import { type FactRow, type Facts, factByName, firstUrl, sourceOf } from './facts';
import { approx, COMMUNE_CENTRE_METHOD, pointFeature } from './points';

function rowFor(facts: Facts, prefix: string): FactRow {
  return factByName(facts.craft_villages, prefix);
}

/** Builds craft-villages.geojson: commune-level (or district-level) approximate points. */
export function buildCraftVillages(facts: Facts): Feature[] {
  return CRAFT_SPECS.map((s, i) => {
    const row = rowFor(facts, s.fact);
    const method = s.method ?? COMMUNE_CENTRE_METHOD;
    return pointFeature(i + 1, approx(s.at[0], s.at[1], s.at[2], method), {
      name: s.name,
      name_en: s.name_en,
      craft: s.craft,
      commune: s.commune,
      district_code: s.district_code,
      ethnic_group: s.ethnic_group,
      recognition_year: s.recognition_year ?? null,
      households: null,
      source:
        sourceOf(row) ||
        'laocaitv.vn news item "Lào Cai thu hồi giấy chứng nhận 1 làng nghề nấu rượu", 05-12-2024',
      source_url: firstUrl(row),
      confidence: s.confidence,
      notes: s.notes,
    });
  });
}

/**
 * The structured site facts of the six clusters (issue 15): every value with the source that
 * gives it and a confidence, from the facts file's rows (lao-cai-facts.json) and the December
 * 2026 addendum. A fact no source gives for that site is left out here and written as null
 * ("not published"); nothing is estimated. Which properties are facts comes from the cluster
 * schema's `x-fact` annotations (geodata/rules/facts.ts), so this file never lists them.
 */
import type { Confidence } from '../../../server/src/contract/vocabulary';
import { factSpecs } from '../../rules/facts';
import clusterSchema from '../../schema/industrial-clusters.schema.json' with { type: 'json' };
import { acceptableUrls, type FactRow } from './facts';

/** One fact: its value (plus the values that share its provenance, e.g. `status_year`), source, confidence. */
export interface Fact {
  value: unknown;
  with?: Record<string, unknown>;
  source: string;
  confidence: Confidence;
}

export type SiteFacts = Record<string, Fact>;

const SPECS = factSpecs(clusterSchema);

/**
 * Every fact property of the schema, in schema order: the given facts with their provenance,
 * the others null (an empty list for list values) with null provenance. Throws on a fact name
 * the schema does not declare (a typo must not silently drop a value).
 */
export function factProperties(facts: SiteFacts): Record<string, unknown> {
  for (const name of Object.keys(facts)) {
    if (!SPECS.some((s) => s.property === name))
      throw new Error(`${name} is not a fact of the cluster schema`);
  }
  const out: Record<string, unknown> = {};
  for (const spec of SPECS) {
    const fact = facts[spec.property];
    const list =
      (clusterSchema.properties as Record<string, { type?: unknown }>)[spec.property]?.type === 'array';
    out[spec.property] = fact ? fact.value : list ? [] : null;
    for (const w of spec.with) out[w] = fact?.with?.[w] ?? null;
    out[spec.source] = fact ? fact.source : null;
    out[spec.confidence] = fact ? fact.confidence : null;
  }
  return out;
}

/** The row's acceptable URL on `host` (a host and path prefix); throws when the row does not cite it. */
export function urlOn(row: FactRow, host: string): string {
  const url = acceptableUrls(row).find((u) => u.replace(/^https?:\/\/(www\.)?/, '').startsWith(host));
  if (!url) throw new Error(`fact row "${row.name}" cites no URL on ${host}`);
  return new URL(url).href;
}

/** Source hosts the clusters' facts cite. */
const GOV_2009 = 'laocai.gov.vn/khucongnghiepkt';
const PRESS_2023 = 'quanly.moitruongvadothi.vn';
const PRESS_UNDATED = 'vietnamplus.vn';
const PROJECTS_2024 = '203.162.251.46';
const INVESTOR_CALL = 'thuonggiaonline.vn';

/** Facts of KCN Tằng Loỏng: the 2009 provincial page on the zone and the 2023 press figures. */
export function tangLoongFacts(
  row: FactRow,
  plants2009: string[],
  area2023: number,
  industrial2009: number,
): SiteFacts {
  const gov = `Lào Cai provincial government page on the zone, 2009: ${urlOn(row, GOV_2009)}`;
  const listed = (what: string): Fact => ({
    value: what,
    source: `${gov} (its infrastructure list: "110 kV line Thác Bà–Tằng Loỏng; Tả Thàng water plant 40,000 m3/day; road and rail; waste ponds")`,
    confidence: 'official',
  });
  return {
    commune: {
      value: 'Thị trấn Tằng Loỏng; Xã Xuân Giao; Xã Gia Phú; Xã Phú Nhuận',
      source: `The communes the zone spans, from the research notes on these pages (which page states them is not recorded): ${urlOn(row, GOV_2009)}; ${urlOn(row, PRESS_2023)}`,
      confidence: 'reported',
    },
    status: {
      value: 'operating',
      with: { status_year: 2009 },
      source: `${gov} (plants operating in 2009)`,
      confidence: 'official',
    },
    area_ha: {
      value: area2023,
      with: { area_year: 2023 },
      source: `Press, May 2023 (the three zones' areas): ${urlOn(row, PRESS_2023)}`,
      confidence: 'reported',
    },
    area_industrial_ha: {
      value: industrial2009,
      source: `${gov} (industrial area in 2009, beside 1,300 ha of resettlement and urban area)`,
      confidence: 'official',
    },
    industries: { value: plants2009, source: `${gov} (plants operating in 2009)`, confidence: 'official' },
    power_supply: listed('110 kV line Thác Bà–Tằng Loỏng'),
    water_supply: listed('Tả Thàng water plant, 40,000 m³/day'),
    wastewater_treatment: listed('Waste ponds (as listed in 2009; the page gives no treatment capacity)'),
    road_access: listed('Road access listed in 2009 (no detail given)'),
    rail_access: listed('Rail access listed in 2009 (no detail given)'),
    managing_body: managingBoard(row),
  };
}

/** The province's management board of zones and clusters, as an undated press article names it. */
function managingBoard(row: FactRow): Fact {
  return {
    value: 'Lào Cai management board of industrial zones and clusters (Ban quản lý các KCN/CCN tỉnh Lào Cai)',
    source: `Press, undated (about 2010–2011), which names the board's head and lists this zone's projects: ${urlOn(row, PRESS_UNDATED)}`,
    confidence: 'reported',
  };
}

/** Facts of KCN Bắc Duyên Hải: 2023 press figures; the ward is inferred from the name. */
export function bacDuyenHaiFacts(row: FactRow, area2023: number): SiteFacts {
  const press = urlOn(row, PRESS_2023);
  return {
    commune: {
      value: 'Phường Duyên Hải',
      source: `Inferred from the zone's name; the 2023 press page names the zone, not its ward: ${press}`,
      confidence: 'approximate',
    },
    status: {
      value: 'operating',
      with: { status_year: 2023 },
      source: `Press, May 2023 (listed among the existing zones): ${press}`,
      confidence: 'reported',
    },
    area_ha: {
      value: area2023,
      with: { area_year: 2023 },
      source: `Press, May 2023 (the three zones' areas): ${press}`,
      confidence: 'reported',
    },
    managing_body: managingBoard(row),
  };
}

/** A cluster listed as existing in the May 2023 article; its commune comes from its name. */
export function listedIn2023Facts(row: FactRow, commune: string): SiteFacts {
  const press = urlOn(row, PRESS_2023);
  return {
    commune: {
      value: commune,
      source: `Inferred from the cluster's name; the article gives no commune: ${press}`,
      confidence: 'approximate',
    },
    status: {
      value: 'operating',
      with: { status_year: 2023 },
      source: `Press, May 2023 (listed among the existing clusters): ${press}`,
      confidence: 'reported',
    },
  };
}

/** CCN Bát Xát: seeking an investor (2022); its area is only given together with another cluster. */
export function batXatFacts(row: FactRow): SiteFacts {
  return {
    status: {
      value: 'planned',
      with: { status_year: 2022 },
      source: `Trade press, 2022 (seeking an investor, to be carried out 2022–2024): ${urlOn(row, INVESTOR_CALL)}`,
      confidence: 'reported',
    },
  };
}

/** CCN thị trấn Phố Lu: its investment project was approved in 2024. */
export function phoLuFacts(row: FactRow): SiteFacts {
  const page = urlOn(row, PROJECTS_2024);
  return {
    commune: {
      value: 'Thị trấn Phố Lu',
      source: `The cluster's name ("thị trấn Phố Lu") in the 2024 list of approved projects: ${page}`,
      confidence: 'reported',
    },
    status: {
      value: 'approved',
      with: { status_year: 2024 },
      source: `Provincial page, 2024 (investment project approved): ${page}`,
      confidence: 'reported',
    },
  };
}

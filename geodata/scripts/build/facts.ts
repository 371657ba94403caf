/** Shapes of the read-only source files under ../shared/geodata-sources (only the build reads them). */
import sourceKinds from '../../source-kinds.json' with { type: 'json' };
import { classifyUrl, type SourceKinds } from '../checks/source-kinds.check';

export interface FactRow {
  name: string;
  district: string | null;
  commune: string | null;
  lon: number | null;
  lat: number | null;
  figures: Record<string, unknown>;
  source_urls: string[];
  confidence: string;
  notes: string;
}

export interface Facts {
  clusters: FactRow[];
  industrial_zones: FactRow[];
  craft_villages: FactRow[];
  facilities: FactRow[];
  district_stats: FactRow[];
  landmarks: FactRow[];
}

export interface AdminUnits {
  source_date: string;
  districts: { code: string; name: string; type: string; communes: { code: string; name: string }[] }[];
}

/** Finds the fact row whose name starts with `prefix`; throws when absent (the build must not guess). */
export function factByName(rows: FactRow[], prefix: string): FactRow {
  const row = rows.find((r) => r.name.startsWith(prefix));
  if (!row) throw new Error(`fact row not found: ${prefix}`);
  return row;
}

/** Reads a numeric figure; throws when it is missing or not a number. */
export function numberFigure(row: FactRow, key: string): number {
  const v = row.figures[key];
  if (typeof v !== 'number') throw new Error(`figure ${key} missing on ${row.name}`);
  return v;
}

/**
 * A row's URLs of an acceptable kind of source (geodata/source-kinds.json); a URL of a rejected or
 * unlisted kind (a gambling domain, a blog, a tour operator) is left out of every record. Throws
 * when a row that cites URLs keeps none: such a record must be re-sourced or dropped by hand.
 */
export function acceptableUrls(row: FactRow): string[] {
  const urls = row.source_urls.filter((u) => classifyUrl(u, sourceKinds as SourceKinds).acceptable);
  if (row.source_urls.length > 0 && urls.length === 0) {
    throw new Error(`fact row "${row.name}" cites no acceptable source: re-source it or drop it`);
  }
  return urls;
}

/** Joins a row's acceptable URLs as a human-readable source string. */
export function sourceOf(row: FactRow, prefix?: string): string {
  const urls = acceptableUrls(row).join('; ');
  return prefix ? `${prefix}${urls ? `; ${urls}` : ''}` : urls;
}

/** The first acceptable URL of a row as a valid URI (non-ASCII percent-encoded), or null. */
export function firstUrl(row: FactRow): string | null {
  const url = acceptableUrls(row)[0];
  return url ? new URL(url).href : null;
}

/** The Vietnamese district names used in the facts file, by GSO code. */
export const FACT_DISTRICT_BY_CODE: Record<string, string> = {
  '080': 'Lào Cai city',
  '082': 'Bát Xát',
  '083': 'Mường Khương',
  '084': 'Si Ma Cai',
  '085': 'Bắc Hà',
  '086': 'Bảo Thắng',
  '087': 'Bảo Yên',
  '088': 'Sa Pa',
  '089': 'Văn Bàn',
};

/** Vietnamese names of the district seats (the facts give them in English), by GSO code. */
export const SEAT_NAME_VI: Record<string, string> = {
  '080': 'Trung tâm thành phố Lào Cai',
  '082': 'Thị trấn Bát Xát',
  '083': 'Thị trấn Mường Khương',
  '084': 'Trung tâm huyện Si Ma Cai',
  '085': 'Thị trấn Bắc Hà',
  '086': 'Thị trấn Phố Lu',
  '087': 'Thị trấn Phố Ràng',
  '088': 'Trung tâm thị xã Sa Pa (thị trấn Sa Pa cũ)',
  '089': 'Thị trấn Khánh Yên',
};

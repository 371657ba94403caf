import { distance } from '@turf/turf';
import type { Position } from 'geojson';
import type { DistrictArea } from '../../../geodata/rules/districts';
import { normalizeText } from '../contract/text';

/**
 * Places an import can locate a row by when it has no coordinates (issue 14): a district (by GSO
 * code or name, Vietnamese or English, with or without "Huyện", "Thị xã"…) or a commune (by code
 * or name, from geodata/communes.json). Such a row is placed at its district's seat (the
 * `district_seat` landmark) and marked approximate, with the farthest the district reaches from
 * that seat as its uncertainty — it is never presented as exact.
 */

export interface DistrictPlace {
  code: string;
  name: string;
  nameEn: string | null;
  /** The seat (CRS84) and its name, or null when the store has no district_seat landmark for it. */
  seat: { position: [number, number]; name: string } | null;
  /** How far (km, rounded up) the district reaches from its seat: the uncertainty of a row placed there. */
  reachKm: number | null;
}

export interface CommunePlace {
  code: string;
  name: string;
  districtCode: string;
}

export interface Places {
  districts: DistrictPlace[];
  communes: CommunePlace[];
}

const DISTRICT_WORDS = /^(huyen|thi xa|thanh pho|tp\.?|tx\.?|quan|h\.)\s+|\s+(district|town|city)$/g;
const COMMUNE_WORDS = /^(xa|phuong|thi tran|tt\.?|p\.)\s+|\s+(commune|ward|township)$/g;

function bare(text: string, words: RegExp): string {
  return normalizeText(text).replace(words, '').replace(words, '').trim();
}

/** The farthest vertex of the district from its seat, in km rounded up (at least 1). */
function reachKm(seat: Position, district: DistrictArea): number {
  const g = district.feature.geometry;
  const rings = g.type === 'Polygon' ? [g.coordinates[0] ?? []] : g.coordinates.map((p) => p[0] ?? []);
  let far = 0;
  for (const ring of rings)
    for (const p of ring) far = Math.max(far, distance(seat, p, { units: 'kilometers' }));
  return Math.max(1, Math.ceil(far));
}

/** The places of the districts (with seats from the landmarks) and communes. */
export function makePlaces(
  districts: readonly DistrictArea[],
  districtNamesEn: ReadonlyMap<string, string>,
  seats: readonly { districtCode: string; name: string; position: [number, number] }[],
  communes: readonly CommunePlace[],
): Places {
  return {
    districts: districts.map((d) => {
      const seat = seats.find((s) => s.districtCode === d.code);
      return {
        code: d.code,
        name: d.name,
        nameEn: districtNamesEn.get(d.code) ?? null,
        seat: seat ? { position: seat.position, name: seat.name } : null,
        reachKm: seat ? reachKm(seat.position, d) : null,
      };
    }),
    communes: [...communes],
  };
}

/** Bare names → places, made once per Places (a preview looks up every row). */
const indexes = new WeakMap<
  Places,
  { districts: Map<string, DistrictPlace>; communes: Map<string, CommunePlace[]> }
>();

function indexOf(places: Places) {
  let index = indexes.get(places);
  if (!index) {
    const districts = new Map<string, DistrictPlace>();
    for (const d of places.districts) {
      for (const n of [d.name, d.nameEn]) if (n) districts.set(bare(n, DISTRICT_WORDS), d);
    }
    const communes = new Map<string, CommunePlace[]>();
    for (const c of places.communes) {
      const k = bare(c.name, COMMUNE_WORDS);
      communes.set(k, [...(communes.get(k) ?? []), c]);
    }
    index = { districts, communes };
    indexes.set(places, index);
  }
  return index;
}

/** The district a cell names — "086", "86", 86, "Bảo Thắng", "Huyện Bảo Thắng", "Bao Thang District" — or undefined. */
export function findDistrict(places: Places, value: unknown): DistrictPlace | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return findDistrict(places, String(value));
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const text = value.trim();
  if (/^\d{1,3}$/.test(text)) return places.districts.find((d) => d.code === text.padStart(3, '0'));
  return indexOf(places).districts.get(bare(text, DISTRICT_WORDS));
}

/**
 * The commune a cell names (its 5-digit code, or its name with or without "Xã", "Phường",
 * "Thị trấn"), in `districtCode` when given. A name that several districts have is found only
 * with the district; undefined otherwise.
 */
export function findCommune(places: Places, value: unknown, districtCode?: string): CommunePlace | undefined {
  if (typeof value === 'number' && Number.isInteger(value))
    return findCommune(places, String(value), districtCode);
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const text = value.trim();
  const inDistrict = (c: CommunePlace) => districtCode === undefined || c.districtCode === districtCode;
  if (/^\d{4,5}$/.test(text))
    return places.communes.find((c) => c.code === text.padStart(5, '0') && inDistrict(c));
  const found = (indexOf(places).communes.get(bare(text, COMMUNE_WORDS)) ?? []).filter(inDistrict);
  return found.length === 1 ? found[0] : undefined;
}

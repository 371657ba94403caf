import type { Feature } from 'geojson';
import {
  FACT_DISTRICT_BY_CODE,
  type FactRow,
  type Facts,
  factByName,
  firstUrl,
  SEAT_NAME_VI,
  sourceOf,
} from './facts';
import { approx, pointFeature } from './points';

/** GSO code of Lào Cai city, the provincial capital. */
const PROVINCIAL_CAPITAL = '080';

const GENERAL_KNOWLEDGE = 'approximate coordinate from general knowledge; no published page gives it';

function codeOf(district: string | null): string {
  const entry = Object.entries(FACT_DISTRICT_BY_CODE).find(([, name]) => name === district);
  if (!entry) throw new Error(`unknown district ${String(district)}`);
  return entry[0];
}

function coords(row: FactRow): [number, number] {
  if (row.lon === null || row.lat === null) throw new Error(`no coordinate for ${row.name}`);
  return [row.lon, row.lat];
}

/** Builds landmarks.geojson: border gates, railway station, expressway end and the 9 district seats. */
export function buildLandmarks(facts: Facts): Feature[] {
  const rail = factByName(facts.landmarks, 'Lào Cai railway station');
  const road = factByName(facts.landmarks, 'Lào Cai international border gate');
  const kim = factByName(facts.landmarks, 'Kim Thành bridge');
  const expr = factByName(facts.landmarks, 'Nội Bài–Lào Cai expressway');
  const base = (row: FactRow, confidence: string, notes: string) => ({
    district_code: '080',
    source: sourceOf(row),
    source_url: firstUrl(row),
    confidence,
    notes,
  });
  const features: Feature[] = [
    pointFeature(1, approx(...coords(road), 3, GENERAL_KNOWLEDGE), {
      name: 'Cửa khẩu quốc tế đường bộ Lào Cai',
      name_en: 'Lao Cai international road border gate (Lao Cai–Hekou)',
      kind: 'border_gate',
      site_role: 'road_border_gate',
      ...base(
        road,
        'reported',
        'At the Nậm Thi–Red River confluence; Hekou–Lào Cai road bridge opened 8 Jan 2001.',
      ),
    }),
    pointFeature(2, approx(...coords(kim), 1.5, `${GENERAL_KNOWLEDGE}, ±1.5 km`), {
      name: 'Cửa khẩu quốc tế Kim Thành (cầu Kim Thành)',
      name_en: 'Kim Thanh international border gate No. II and bridge (freight)',
      kind: 'border_gate',
      site_role: 'freight_border_gate',
      ...base(kim, 'reported', 'Bridge opened Sep 2009 (295 m, 4 lanes); freight gate.'),
    }),
    pointFeature(
      3,
      approx(
        ...coords(rail),
        0.5,
        'coordinate as printed on a Wikipedia-derived page (localcityguide.net); not surveyed',
      ),
      {
        name: 'Ga Lào Cai',
        name_en: 'Lao Cai railway station',
        kind: 'railway_station',
        site_role: 'main_railway_station',
        ...base(
          rail,
          'reported',
          'Hanoi–Lào Cai metre-gauge line (part of the Kunming–Haiphong railway); about 3 km from the border.',
        ),
      },
    ),
    pointFeature(
      4,
      approx(
        ...coords(expr),
        3,
        'placed at the Kim Thành border-gate approximation, where the expressway ends (general knowledge, low precision)',
      ),
      {
        name: 'Điểm cuối cao tốc Nội Bài – Lào Cai (CT.05)',
        name_en: 'Noi Bai–Lao Cai expressway (CT.05), Lao Cai end',
        kind: 'expressway_end',
        site_role: 'expressway_end',
        ...base(
          expr,
          'reported',
          'Opened after 2012 (main section 21 Sep 2014; final 19 km to Kim Thành on 18 May 2015); under construction in 2008–2012.',
        ),
      },
    ),
  ];
  const seats = facts.landmarks.filter((l) => l.name.startsWith('District seat'));
  seats.forEach((seat, i) => {
    const code = codeOf(seat.district);
    const fromMirror = code === PROVINCIAL_CAPITAL;
    const name = seat.name.replace('District seat – ', '');
    const nameVi = SEAT_NAME_VI[code] ?? name;
    const row = fromMirror ? seat : factByName(facts.district_stats, FACT_DISTRICT_BY_CODE[code] ?? '');
    features.push(
      pointFeature(
        5 + i,
        approx(
          ...coords(seat),
          fromMirror ? 2 : 4,
          fromMirror
            ? 'coordinate from a Wikipedia mirror (22°29′N 103°57′E), approximate'
            : GENERAL_KNOWLEDGE,
        ),
        {
          // The kind ("district seat") is shown by the symbol and the legend; the name is the place's.
          name: nameVi,
          name_en: name,
          kind: 'district_seat',
          // The provincial capital's seat is also the provincial centre investors measure to.
          site_role: code === PROVINCIAL_CAPITAL ? 'provincial_centre' : null,
          district_code: code,
          source: fromMirror ? sourceOf(seat) : `Seat name: ${sourceOf(row)}; coordinate: general knowledge`,
          source_url: fromMirror ? firstUrl(seat) : firstUrl(row),
          confidence: fromMirror ? 'reported' : 'approximate',
          notes: fromMirror
            ? 'Provincial capital.'
            : 'Seat coordinate is general knowledge (±2–5 km); verify before publishing.',
        },
      ),
    );
  });
  return features;
}

import type { AdminUnits } from './facts';

/** One commune-level unit (xã, phường, thị trấn) with the district it belongs to. */
export interface CommuneEntry {
  /** GSO code of the commune, e.g. "02635". */
  code: string;
  name: string;
  /** GSO code of its district, e.g. "080". */
  district_code: string;
}

/**
 * geodata/communes.json: the communes of each district from the administrative-units list, for
 * placing imported rows that name only a commune (issue 14: at their district's seat, marked
 * approximate). Names and codes as the list gives them; ordered by district, then commune code.
 */
export function buildCommunes(units: AdminUnits): string {
  const communes: CommuneEntry[] = units.districts.flatMap((d) =>
    [...d.communes]
      .sort((a, b) => a.code.localeCompare(b.code))
      .map((c) => ({ code: c.code, name: c.name, district_code: d.code })),
  );
  const source = `List of the administrative units of Lào Cai province dated ${units.source_date} (the list the districts' communes_count comes from)`;
  const lines = communes.map((c) => JSON.stringify(c));
  return `${JSON.stringify({ source }).slice(0, -1)},"communes":[\n${lines.join(',\n')}\n]}\n`;
}

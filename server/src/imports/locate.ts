import type { Geometry } from 'geojson';
import wkx from 'wkx';
import type { ProblemFieldCode } from '../contract/vocabulary';
import { parseNumber } from './coerce';
import { type CommunePlace, type DistrictPlace, findCommune, findDistrict, type Places } from './places';
import type { SourceValue } from './source';

/**
 * Where an imported row is (issue 14), in this order: the file's own geometry (GeoJSON,
 * Shapefile, KML); a WKT column; lon/lat columns (decimal comma or dot); else a district or
 * commune named in the row — then the row is placed at its district's seat, approximately.
 */

/** How a row was placed when the file gave no coordinates: never presented as exact. */
export interface Approximate {
  by: 'district' | 'commune';
  /** The district (and commune) the row names. */
  districtCode: string;
  place: string;
  /** The seat used. */
  seat: string;
  /** Farthest the district reaches from its seat, km: the uncertainty stated on the row. */
  uncertaintyKm: number;
}

export type Located =
  | { ok: true; geometry: Geometry; approximate: Approximate | null }
  | {
      ok: false;
      code: ProblemFieldCode;
      message: string;
      params?: Record<string, string | number>;
      columns: string[];
    };

export interface LocationColumns {
  lon?: string;
  lat?: string;
  wkt?: string;
  /** Columns naming the district (district_code or $district) and the commune (commune or $commune). */
  district?: string;
  commune?: string;
}

function text(value: SourceValue | undefined): string {
  return value === null || value === undefined ? '' : String(value).trim();
}

function coordinate(value: SourceValue | undefined): number | undefined {
  if (typeof value === 'number') return value;
  const t = text(value);
  return t === '' ? undefined : parseNumber(t, false);
}

function atSeat(district: DistrictPlace, by: 'district' | 'commune', commune?: CommunePlace): Located {
  if (!district.seat || district.reachKm === null) {
    return {
      ok: false,
      code: 'NoLocation',
      message: `no seat is known for district ${district.code}`,
      columns: [],
    };
  }
  return {
    ok: true,
    geometry: { type: 'Point', coordinates: [...district.seat.position] },
    approximate: {
      by,
      districtCode: district.code,
      place: commune ? `${commune.name}, ${district.name}` : district.name,
      seat: district.seat.name,
      uncertaintyKm: district.reachKm,
    },
  };
}

/** Locates one record; `fileGeometry` is the feature formats' own geometry (undefined for tables). */
export function locate(
  values: Record<string, SourceValue>,
  fileGeometry: Geometry | null | undefined,
  columns: LocationColumns,
  places: Places,
): Located {
  if (fileGeometry) return { ok: true, geometry: fileGeometry, approximate: null };
  const wkt = columns.wkt ? text(values[columns.wkt]) : '';
  if (wkt !== '') {
    try {
      return { ok: true, geometry: wkx.Geometry.parse(wkt).toGeoJSON() as Geometry, approximate: null };
    } catch (err) {
      const reason = String((err as Error).message ?? err).slice(0, 120);
      return {
        ok: false,
        code: 'InvalidWkt',
        message: `WKT cannot be read: ${reason}`,
        params: { reason },
        columns: [columns.wkt as string],
      };
    }
  }
  const lon = columns.lon ? coordinate(values[columns.lon]) : undefined;
  const lat = columns.lat ? coordinate(values[columns.lat]) : undefined;
  const lonLatColumns = [columns.lon, columns.lat].filter((c): c is string => c !== undefined);
  if (lon !== undefined && lat !== undefined) {
    if (lon >= 8 && lon <= 24 && lat >= 100 && lat <= 110) {
      return {
        ok: false,
        code: 'SwappedCoordinates',
        message: 'longitude and latitude seem swapped',
        columns: lonLatColumns,
      };
    }
    return { ok: true, geometry: { type: 'Point', coordinates: [lon, lat] }, approximate: null };
  }
  if (lonLatColumns.some((c) => text(values[c]) !== '')) {
    return {
      ok: false,
      code: 'InvalidCoordinate',
      message: 'longitude and latitude must both be numbers',
      columns: lonLatColumns,
    };
  }
  const districtValue = columns.district ? values[columns.district] : undefined;
  const district = findDistrict(places, districtValue);
  const communeValue = columns.commune ? values[columns.commune] : undefined;
  const commune = findCommune(places, communeValue, district?.code);
  if (district) return atSeat(district, commune ? 'commune' : 'district', commune);
  if (commune) {
    const home = places.districts.find((d) => d.code === commune.districtCode);
    if (home) return atSeat(home, 'commune', commune);
  }
  const named = [
    [columns.district, districtValue],
    [columns.commune, communeValue],
  ].filter(([c, v]) => c !== undefined && text(v as SourceValue) !== '') as [string, SourceValue][];
  if (named.length > 0) {
    const value = named.map(([, v]) => text(v)).join(', ');
    return {
      ok: false,
      code: 'UnknownPlace',
      message: `no district or commune “${value}” in the province`,
      params: { value },
      columns: named.map(([c]) => c),
    };
  }
  return { ok: false, code: 'NoLocation', message: 'has no location', columns: [] };
}

/** Resolves a district cell (code or name) to its code, or undefined. */
export function districtCodeOf(places: Places, value: SourceValue | undefined): string | undefined {
  return findDistrict(places, value)?.code;
}

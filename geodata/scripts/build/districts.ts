import type { Feature, FeatureCollection } from 'geojson';
import { type AreaGeometry, areaKm2, simplifyBoundaries } from './boundaries';
import {
  type AdminUnits,
  FACT_DISTRICT_BY_CODE,
  type Facts,
  factByName,
  numberFigure,
  SEAT_NAME_VI,
} from './facts';

const BOUNDARY_SOURCE =
  'Administrative boundaries from gis.chinhphu.vn via the open "dvhcvn" dataset (2019 extraction); simplified for this map';
const BOUNDARY_URL = 'https://github.com/daohoangson/dvhcvn';

const NAME_EN: Record<string, string> = {
  '080': 'Lao Cai City',
  '082': 'Bat Xat District',
  '083': 'Muong Khuong District',
  '084': 'Si Ma Cai District',
  '085': 'Bac Ha District',
  '086': 'Bao Thang District',
  '087': 'Bao Yen District',
  '088': 'Sa Pa Town',
  '089': 'Van Ban District',
};

const TYPE_BY_VI: Record<string, 'city' | 'town' | 'district'> = {
  'Thành phố': 'city',
  'Thị xã': 'town',
  Huyện: 'district',
};

type SourceCollection = FeatureCollection<
  AreaGeometry,
  { level: string; code: string; name: string; type?: string }
>;

/** Builds districts.geojson and province.geojson features from the source boundaries and facts. */
export function buildDistricts(
  source: SourceCollection,
  facts: Facts,
  units: AdminUnits,
): { districts: Feature[]; province: Feature[] } {
  const districtSources = source.features.filter((f) => f.properties.level === 'district');
  const simplified = simplifyBoundaries({ type: 'FeatureCollection', features: districtSources });
  const seats = facts.landmarks.filter((l) => l.name.startsWith('District seat'));
  const districts: Feature[] = districtSources
    .map((src) => {
      const code = src.properties.code;
      const factName = FACT_DISTRICT_BY_CODE[code];
      const type = TYPE_BY_VI[src.properties.type ?? ''];
      const geometry = simplified.districts.get(code);
      if (!factName || !type || !geometry) throw new Error(`unknown district ${code}`);
      const stats = factByName(facts.district_stats, factName);
      const seat = seats.find((s) => s.district === factName);
      const unit = units.districts.find((d) => d.code === code);
      if (!seat || seat.lon === null || seat.lat === null || !unit)
        throw new Error(`no seat/units for ${code}`);
      const seatName = SEAT_NAME_VI[code] ?? seat.name;
      return {
        type: 'Feature' as const,
        id: Number(code),
        properties: {
          code,
          name: src.properties.name,
          name_en: NAME_EN[code],
          type,
          area_km2: areaKm2(geometry),
          official_area_km2: numberFigure(stats, 'area_km2_2019'),
          population: numberFigure(stats, 'population_2019_census'),
          population_year: 2019,
          population_source: 'Population and housing census 2019, as published by danso.info',
          seat_name: seatName,
          seat_lon: seat.lon,
          seat_lat: seat.lat,
          communes_count: unit.communes.length,
          source: `${BOUNDARY_SOURCE}; population and official area: https://danso.info/dan-so-lao-cai; communes: list of administrative units dated ${units.source_date}`,
          source_url: BOUNDARY_URL,
          confidence: 'official',
        },
        geometry,
      };
    })
    .sort((a, b) => a.id - b.id);
  const province: Feature[] = [
    {
      type: 'Feature',
      id: 10,
      properties: {
        code: '10',
        name: 'Tỉnh Lào Cai',
        name_en: 'Lao Cai Province',
        area_km2: areaKm2(simplified.province),
        source: `${BOUNDARY_SOURCE}; outline = topological merge of the 9 districts`,
        source_url: BOUNDARY_URL,
        confidence: 'official',
      },
      geometry: simplified.province,
    },
  ];
  return { districts, province };
}

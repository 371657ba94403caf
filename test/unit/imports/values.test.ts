import { describe, expect, it } from 'vitest';
import { toDistrictAreas } from '../../../geodata/rules/districts';
import { loadCatalog, loadSeedData } from '../../../server/src/catalog/load-catalog';
import { coerceValue, parseNumber } from '../../../server/src/imports/coerce';
import { mappingProblems, suggestMapping } from '../../../server/src/imports/mapping';
import { pickLang } from '../../../server/src/imports/messages';
import { findCommune, findDistrict, makePlaces } from '../../../server/src/imports/places';
import { reprojectionFor, withVn2000Shift } from '../../../server/src/imports/read/prj';
import { SHIPPED_GEODATA } from '../../helpers/server';

const catalog = loadCatalog(SHIPPED_GEODATA);
const facilities = catalog.collection('facilities')!;
const schemaOf = (p: string) =>
  (facilities.propertiesSchema.properties as Record<string, Record<string, unknown>>)[p];

describe('cell values', () => {
  it.each([
    ['22,4856', false, 22.4856],
    ['104.123456789012', false, 104.123456789012],
    ['1.302', true, 1302],
    ['1.302', false, 1.302],
    ['1 302,5', false, 1302.5],
    ['1.302.000', false, 1302000],
    ['3.150,25', false, 3150.25],
    ['-5', false, -5],
    ['12 ha', false, undefined],
  ])('parseNumber(%s, integer %s) = %s', (text, integer, value) => {
    expect(parseNumber(text, integer)).toBe(value);
  });

  it('types cells by the schema: enum titles in both languages, yes/no words, empty as null where allowed', () => {
    expect(coerceValue('Chế biến thực phẩm', schemaOf('sector'))).toBe('food_processing');
    expect(coerceValue('Food processing', schemaOf('sector'))).toBe('food_processing');
    expect(coerceValue('food processing', schemaOf('sector'))).toBe('food_processing');
    expect(coerceValue('Có', schemaOf('khuyen_cong_supported'))).toBe(true);
    expect(coerceValue('không', schemaOf('khuyen_cong_supported'))).toBe(false);
    expect(coerceValue('', schemaOf('owner'))).toBeNull();
    expect(coerceValue('', schemaOf('notes'))).toBe('');
    expect(coerceValue('2012', schemaOf('support_year'))).toBe(2012);
    expect(coerceValue('soon', schemaOf('support_year'))).toBe('soon');
  });
});

describe('places', () => {
  const seed = loadSeedData(SHIPPED_GEODATA, catalog);
  const districts = toDistrictAreas(
    seed.features
      .filter((f) => f.collection === 'districts')
      .map((f) => ({ type: 'Feature' as const, id: f.id, properties: f.properties, geometry: f.geometry })),
  );
  const places = makePlaces(
    districts,
    new Map([['086', 'Bao Thang District']]),
    [{ districtCode: '086', name: 'Phố Lu', position: [104.182, 22.318] }],
    [
      { code: '02872', name: 'Xã Bản Phố', districtCode: '085' },
      { code: '02700', name: 'Xã Bản Qua', districtCode: '082' },
      { code: '02701', name: 'Xã Bản Qua', districtCode: '087' },
    ],
  );

  it.each(['086', '86', 86, 'Bảo Thắng', 'huyện bảo thắng', 'Bao Thang District'])(
    'finds district 086 from %s',
    (value) => {
      expect(findDistrict(places, value)?.code).toBe('086');
    },
  );

  it('finds a commune by code or name, and a name two districts share only with its district', () => {
    expect(findCommune(places, 'Bản Phố')?.districtCode).toBe('085');
    expect(findCommune(places, '2872')?.name).toBe('Xã Bản Phố');
    expect(findCommune(places, 'Xã Bản Qua')).toBeUndefined();
    expect(findCommune(places, 'Bản Qua', '087')?.code).toBe('02701');
  });

  it('states the uncertainty of a seat placement: the farthest the district reaches from its seat', () => {
    const d = places.districts.find((x) => x.code === '086');
    expect(d?.reachKm).toBeGreaterThan(15);
    expect(d?.reachKm).toBeLessThan(60);
    expect(places.districts.find((x) => x.code === '080')?.seat).toBeNull();
  });
});

describe('mapping suggestions', () => {
  it('matches names, Vietnamese titles, header words and 10-character DBF names; each target once', () => {
    const s = suggestMapping(
      ['TÊN', 'Tên tiếng Anh', 'kinh do', 'VI_DO', 'location_u', 'Tên cơ sở', 'mystery'],
      facilities.propertiesSchema,
    );
    expect(Object.fromEntries(s.map((x) => [x.column, [x.target, x.reason]]))).toEqual({
      TÊN: ['name', 'title'],
      'Tên tiếng Anh': ['name_en', 'title'],
      'kinh do': ['$lon', 'synonym'],
      VI_DO: ['$lat', 'synonym'],
      location_u: ['location_uncertainty_km', 'prefix'],
      'Tên cơ sở': [null, null],
      mystery: [null, null],
    });
  });

  it('names an unknown target and a target named twice', () => {
    expect(
      mappingProblems({ a: 'name', b: 'name', c: 'colour', d: null }, facilities.propertiesSchema),
    ).toEqual([
      "'name' is named by two columns ('a' and 'b')",
      "column 'c': 'colour' is not a property of this collection nor a location role ($lon, $lat, $wkt, $district, $commune)",
    ]);
  });
});

describe('VN-2000 .prj', () => {
  const esri =
    'PROJCS["VN-2000_TM-3_104-45",GEOGCS["GCS_VN_2000",DATUM["D_Vietnam_2000",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",104.75],PARAMETER["Scale_Factor",0.9999],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';

  it('adds the national shift (Decision 05/2007/QĐ-BTNMT) to a VN-2000 datum that lacks one, and only then', () => {
    expect(withVn2000Shift(esri)).toContain(
      'SPHEROID["WGS_1984",6378137.0,298.257223563],TOWGS84[-191.90441429,',
    );
    const given = withVn2000Shift(esri);
    expect(withVn2000Shift(given)).toBe(given);
    expect(withVn2000Shift(esri.replace('D_Vietnam_2000', 'D_WGS_1984'))).not.toContain('TOWGS84');
  });

  it('with the shift a point comes back where PROJ put it; without it, hundreds of metres off', () => {
    // Phố Lu (104.182, 22.318 WGS 84) in EPSG:9208 as PROJ computes it: `cs2cs +proj=longlat +datum=WGS84 +to EPSG:9208`.
    const xy = [441_288.29, 2_468_983.73];
    const metres = (a: number[], b: number[]) =>
      Math.hypot((a[0]! - b[0]!) * 103_000, (a[1]! - b[1]!) * 111_000);
    const shifted = reprojectionFor(esri, 'x').toCrs84(xy);
    expect(metres(shifted, [104.182, 22.318])).toBeLessThan(0.05);
    const unshifted = withVn2000Shift(esri).replace(/TOWGS84\[[^\]]*\]/, 'TOWGS84[0,0,0,0,0,0,0]');
    expect(metres(reprojectionFor(unshifted, 'x').toCrs84(xy), [104.182, 22.318])).toBeGreaterThan(200);
  });
});

describe('language', () => {
  it.each([
    [undefined, undefined, 'vi'],
    ['en', 'vi', 'en'],
    [undefined, 'en-GB,en;q=0.8', 'en'],
    [undefined, 'fr,en;q=0.5,vi;q=0.9', 'vi'],
    [undefined, 'de', 'vi'],
  ])('lang %s, Accept-Language %s → %s', (lang, accept, expected) => {
    expect(pickLang(lang, accept)).toBe(expected);
  });
});

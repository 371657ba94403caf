import type { Confidence } from '../../../server/src/contract/vocabulary';
import { DISTRICT_LEVEL_METHOD } from './points';

/** The fixed craft vocabulary (titles live in schema/craft-villages.schema.json). */
export const CRAFTS = [
  'brocade_weaving',
  'embroidery',
  'cloth_weaving',
  'wine_distilling',
  'forging',
  'silver_smithing',
  'basketry',
  'incense',
  'food_processing',
] as const;
export type Craft = (typeof CRAFTS)[number];

/** One curated craft record: which facts row it comes from and how it is placed. */
export interface CraftSpec {
  fact: string;
  name: string;
  name_en: string;
  craft: Craft;
  commune: string | null;
  district_code: string;
  ethnic_group: string | null;
  recognition_year?: number;
  confidence: Extract<Confidence, 'reported' | 'approximate'>;
  /** lon, lat, uncertainty km; district-level when `commune` is null. */
  at: [number, number, number];
  method?: string;
  notes: string;
}

export const CRAFT_SPECS: CraftSpec[] = [
  {
    fact: 'Bản Phố corn wine',
    name: 'Rượu ngô Bản Phố',
    name_en: 'Ban Pho corn wine',
    craft: 'wine_distilling',
    commune: 'Xã Bản Phố',
    district_code: '085',
    ethnic_group: 'Mông',
    confidence: 'reported',
    at: [104.27, 22.545, 4],
    notes:
      'Listed as a typical recognised wine craft c.2010; recognition decision and year not found. A 2011 blog gives >500 households, which appears to describe the whole commune, so households is null.',
  },
  {
    fact: 'Bản Phố / Na Hối forging',
    name: 'Rèn đúc lưỡi cày Bản Phố – Na Hối',
    name_en: 'Ban Pho – Na Hoi plough-share forging',
    craft: 'forging',
    commune: 'Xã Bản Phố; Xã Na Hối',
    district_code: '085',
    ethnic_group: 'Mông',
    confidence: 'reported',
    at: [104.285, 22.56, 5],
    method:
      'placed between the centres of the two named communes from general knowledge; no source gives the site',
    notes:
      'Forging and casting of plough-shares and tools; Sùng family, 4 generations. No household count or recognition year found.',
  },
  {
    fact: 'San Lùng traditional wine',
    name: 'Làng nghề nấu rượu San Lùng',
    name_en: 'San Lung wine-making village',
    craft: 'wine_distilling',
    commune: null,
    district_code: '082',
    ethnic_group: 'Dao',
    confidence: 'reported',
    at: [103.888, 22.537, 25],
    method: DISTRICT_LEVEL_METHOD,
    notes:
      'Recognised traditional craft village (c.2010 article). Its commune is not given by any retrieved source, so it is shown at district level only.',
  },
  {
    fact: 'Cốc Ngù wine',
    name: 'Rượu Cốc Ngù',
    name_en: 'Coc Ngu wine',
    craft: 'wine_distilling',
    commune: 'Xã Nậm Chảy',
    district_code: '083',
    ethnic_group: 'Pa Dí',
    confidence: 'reported',
    at: [104.075, 22.74, 6],
    notes: 'Named among recognised crafts c.2010.',
  },
  {
    fact: 'Bản Kim rice-paddy wine',
    name: 'Làng nghề rượu thóc Bản Kim',
    name_en: 'Ban Kim paddy wine village',
    craft: 'wine_distilling',
    commune: 'Xã Thanh Kim (nay thuộc xã Thanh Bình)',
    district_code: '088',
    ethnic_group: 'Dao',
    recognition_year: 2010,
    confidence: 'reported',
    at: [103.94, 22.28, 4],
    notes:
      'Recognised 2010 by provincial Decision no. 2458; the recognition was revoked in Dec 2024 (no longer met the criteria). Source: laocaitv.vn news item of 05-12-2024, no URL retrieved.',
  },
  {
    fact: 'Thanh Kim traditional wine',
    name: 'HTX chưng cất rượu truyền thống Thanh Kim',
    name_en: 'Thanh Kim traditional wine co-operative',
    craft: 'wine_distilling',
    commune: 'Xã Thanh Kim (nay thuộc xã Thanh Bình)',
    district_code: '088',
    ethnic_group: 'Dao',
    confidence: 'reported',
    at: [103.95, 22.275, 4],
    notes: 'Rice and paddy wine with leaf yeast; two products rated OCOP 3-star in 2018.',
  },
  {
    fact: 'Tả Phìn brocade',
    name: 'Thổ cẩm, thêu Tả Phìn',
    name_en: 'Ta Phin brocade and embroidery',
    craft: 'embroidery',
    commune: 'Xã Tả Phìn',
    district_code: '088',
    ethnic_group: 'Dao, Mông',
    confidence: 'reported',
    at: [103.835, 22.385, 4],
    notes:
      'Red Dao and Mông embroidery/brocade; co-op founded in the early 2000s, >140 members today (2020s figure, not 2008–2012).',
  },
  {
    fact: 'San Sả Hồ brocade',
    name: 'CLB thêu thổ cẩm San Sả Hồ',
    name_en: 'San Sa Ho brocade embroidery club',
    craft: 'embroidery',
    commune: 'Xã San Sả Hồ',
    district_code: '088',
    ethnic_group: null,
    confidence: 'reported',
    at: [103.815, 22.34, 3],
    notes: 'Club with 117 members; article date not shown.',
  },
  {
    fact: 'Cát Cát village crafts',
    name: 'Dệt vải lanh, nhuộm chàm Cát Cát',
    name_en: 'Cat Cat hemp weaving and indigo dyeing',
    craft: 'cloth_weaving',
    commune: 'Xã San Sả Hồ (bản Cát Cát)',
    district_code: '088',
    ethnic_group: 'Mông',
    confidence: 'reported',
    at: [103.829, 22.328, 3],
    method:
      'village coordinate from the facts file (general knowledge, approximate ±2–5 km); not from a retrieved page',
    notes: 'Weaving of hemp and cotton, indigo dyeing, batik; tourist-oriented sources, no household count.',
  },
  {
    fact: 'Cát Cát village crafts',
    name: 'Chạm bạc Cát Cát',
    name_en: 'Cat Cat silver smithing',
    craft: 'silver_smithing',
    commune: 'Xã San Sả Hồ (bản Cát Cát)',
    district_code: '088',
    ethnic_group: 'Mông',
    confidence: 'reported',
    at: [103.829, 22.328, 3],
    method:
      'village coordinate from the facts file (general knowledge, approximate ±2–5 km); not from a retrieved page',
    notes:
      'Silver, copper and aluminium jewellery smithing; same village and sources as the Cát Cát weaving record.',
  },
  {
    fact: 'Sa Pả commune (brocade)',
    name: 'Thổ cẩm Sa Pả',
    name_en: 'Sa Pa commune brocade',
    craft: 'brocade_weaving',
    commune: 'Xã Sa Pả',
    district_code: '088',
    ethnic_group: null,
    confidence: 'approximate',
    at: [103.865, 22.335, 3],
    notes:
      'No source specific to brocade in Sa Pả was found; the craft is inferred from district-wide brocade sources. The commune figures (940 households, 5,235 people) describe the whole commune, not the craft.',
  },
  {
    fact: 'Tả Van Giáy brocade',
    name: 'Dệt thổ cẩm Giáy Tả Van',
    name_en: 'Ta Van Giay brocade weaving',
    craft: 'brocade_weaving',
    commune: 'Xã Tả Van',
    district_code: '088',
    ethnic_group: 'Giáy',
    confidence: 'reported',
    at: [103.885, 22.3, 4],
    notes: 'Brocade weaving of the Giáy people.',
  },
  {
    fact: 'Nghĩa Đô Tày brocade',
    name: 'Dệt thổ cẩm Tày Nghĩa Đô',
    name_en: 'Nghia Do Tay brocade weaving',
    craft: 'brocade_weaving',
    commune: 'Xã Nghĩa Đô',
    district_code: '087',
    ethnic_group: 'Tày',
    confidence: 'reported',
    at: [104.48, 22.35, 5],
    notes:
      'Also basketry (recognised traditional craft, OCOP) and cốm (green rice flakes). Recognition is recent, not 2008–2012.',
  },
  {
    fact: 'Tả Gia Khâu Thu Lao',
    name: 'Dệt vải Thu Lao Tả Gia Khâu',
    name_en: 'Ta Gia Khau Thu Lao cloth weaving',
    craft: 'cloth_weaving',
    commune: 'Xã Tả Gia Khâu',
    district_code: '083',
    ethnic_group: 'Thu Lao',
    confidence: 'reported',
    at: [104.17, 22.74, 5],
    notes: 'Cloth weaving of the Thu Lao people.',
  },
  {
    fact: 'Xa Phó embroidery',
    name: 'Thêu may Xa Phó (bản Nậm Rịa, CLB Liên Minh)',
    name_en: 'Xa Pho embroidery (Nam Ria village, Lien Minh club)',
    craft: 'embroidery',
    commune: 'Xã Liên Minh',
    district_code: '088',
    ethnic_group: 'Xa Phó',
    confidence: 'reported',
    at: [103.985, 22.24, 5],
    notes: 'Club products exported to the US, France and Japan.',
  },
  {
    fact: 'Y Tý Hà Nhì basketry',
    name: 'Đan lát Hà Nhì Y Tý',
    name_en: 'Y Ty Ha Nhi basketry',
    craft: 'basketry',
    commune: 'Xã Y Tý',
    district_code: '082',
    ethnic_group: 'Hà Nhì',
    confidence: 'reported',
    at: [103.63, 22.63, 5],
    notes: 'Rattan and bamboo basketry.',
  },
  {
    fact: 'Kíp Tước Giáy incense',
    name: 'Làm hương Giáy Kíp Tước',
    name_en: 'Kip Tuoc Giay incense making',
    craft: 'incense',
    commune: null,
    district_code: '082',
    ethnic_group: 'Giáy',
    confidence: 'reported',
    at: [103.888, 22.537, 25],
    method: DISTRICT_LEVEL_METHOD,
    notes: 'Incense sticks; the commune was not found, so it is shown at district level only.',
  },
  {
    fact: 'Si Ma Cai Mông incense',
    name: 'Làm hương Mông Si Ma Cai',
    name_en: 'Si Ma Cai Mong incense making',
    craft: 'incense',
    commune: null,
    district_code: '084',
    ethnic_group: 'Mông',
    confidence: 'reported',
    at: [104.283, 22.69, 12],
    method: DISTRICT_LEVEL_METHOD,
    notes: 'The commune is not stated, so it is shown at district level only.',
  },
  {
    fact: 'Làng Mới paddy wine',
    name: 'Rượu thóc Làng Mới',
    name_en: 'Lang Moi paddy wine',
    craft: 'wine_distilling',
    commune: 'Xã Tả Phời',
    district_code: '080',
    ethnic_group: null,
    confidence: 'reported',
    at: [103.975, 22.42, 4],
    notes: 'Paddy wine.',
  },
  {
    fact: 'Bản Xèo dong-starch',
    name: 'Miến dong Bản Xèo',
    name_en: 'Ban Xeo dong-starch vermicelli',
    craft: 'food_processing',
    commune: 'Xã Bản Xèo',
    district_code: '082',
    ethnic_group: null,
    confidence: 'reported',
    at: [103.82, 22.53, 4],
    notes: 'Dong vermicelli; OCOP star-rated in 2022.',
  },
  {
    fact: 'Mường Khương chili sauce',
    name: 'Tương ớt Mường Khương',
    name_en: 'Muong Khuong chili sauce',
    craft: 'food_processing',
    commune: null,
    district_code: '083',
    ethnic_group: 'Nùng',
    confidence: 'reported',
    at: [104.118, 22.768, 12],
    method:
      'the chili grows in several communes (Bản Lầu, Thanh Bình, Na Lốc); placed at Mường Khương township as a district-level location',
    notes:
      'Traditional Nùng chili sauce from small "ớt thóc" chili; recognised traditional craft with an OCOP product (2025 report). Chili-growing communes: Bản Lầu, Thanh Bình, Na Lốc.',
  },
];

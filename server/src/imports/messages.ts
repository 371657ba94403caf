import type { ImportWarningCode, ProblemFieldCode } from '../contract/vocabulary';

/**
 * Messages of import problems in the user's language (issue 14: "a message in the user's
 * language"). Each code has a Vietnamese and an English text made from the problem's `params`,
 * so the words are the same whether a row fails the schema, the geometry rules or the import's
 * own checks. Vietnamese is the default.
 */

export const LANGS = ['vi', 'en'] as const;
export type Lang = (typeof LANGS)[number];

type Params = Record<string, string | number>;
type Text = (p: Params) => string;

const TYPE_WORDS: Record<string, { vi: string; en: string }> = {
  string: { vi: 'văn bản', en: 'text' },
  number: { vi: 'một số', en: 'a number' },
  integer: { vi: 'một số nguyên', en: 'a whole number' },
  boolean: { vi: 'có/không', en: 'true or false' },
  array: { vi: 'một danh sách', en: 'a list' },
  object: { vi: 'một đối tượng', en: 'an object' },
  null: { vi: 'để trống', en: 'empty' },
};

function typeWords(type: string | number | undefined, lang: Lang): string {
  const words = String(type ?? '')
    .split(',')
    .map((t) => TYPE_WORDS[t.trim()]?.[lang] ?? t.trim());
  return words.join(lang === 'vi' ? ' hoặc ' : ' or ');
}

const s = (v: string | number | undefined): string => (v === undefined ? '' : String(v));

const MESSAGES: Record<ProblemFieldCode | ImportWarningCode, { vi: Text; en: Text }> = {
  NotAFeature: { vi: () => 'không phải một đối tượng GeoJSON Feature', en: () => 'is not a GeoJSON Feature' },
  BodyTooDeep: { vi: () => 'lồng nhau quá sâu', en: () => 'is nested too deeply' },
  BodyTooLarge: { vi: () => 'có quá nhiều phần tử', en: () => 'has too many members' },
  Required: { vi: () => 'bắt buộc phải có', en: () => 'is required' },
  InvalidType: {
    vi: (p) => `phải là ${typeWords(p.type, 'vi')}`,
    en: (p) => `must be ${typeWords(p.type, 'en')}`,
  },
  NotInVocabulary: {
    vi: (p) => `phải là một trong: ${s(p.allowed)}`,
    en: (p) => `must be one of: ${s(p.allowed)}`,
  },
  TooShort: {
    vi: (p) => (Number(p.limit) <= 1 ? 'không được để trống' : `phải có ít nhất ${s(p.limit)} ký tự`),
    en: (p) => (Number(p.limit) <= 1 ? 'must not be empty' : `must be at least ${s(p.limit)} characters`),
  },
  TooLong: {
    vi: (p) => `dài quá ${s(p.limit)} ký tự`,
    en: (p) => `must be at most ${s(p.limit)} characters`,
  },
  OutOfRange: {
    vi: (p) => `phải ${s(p.comparison)} ${s(p.limit)}`,
    en: (p) => `must be ${s(p.comparison)} ${s(p.limit)}`,
  },
  InvalidFormat: {
    vi: (p) =>
      p.format === 'uri' ? 'phải là một đường dẫn đầy đủ (https://…)' : `sai định dạng ${s(p.format)}`,
    en: (p) =>
      p.format === 'uri' ? 'must be a full URL such as https://…' : `must be a valid ${s(p.format)}`,
  },
  UnknownProperty: {
    vi: () => 'không phải là thuộc tính của lớp dữ liệu này',
    en: () => 'is not a property of this collection',
  },
  ReadOnlyProperty: {
    vi: () => 'do máy chủ tự tính, không nhập được',
    en: () => 'is computed by the server and cannot be set',
  },
  Invalid: { vi: () => 'không hợp lệ', en: () => 'is invalid' },
  GeometryRequired: { vi: () => 'cần có vị trí', en: () => 'a location is required' },
  GeometryTypeNotAllowed: {
    vi: (p) => `loại hình học này không dùng được ở đây; dùng ${s(p.allowed)}`,
    en: (p) => `this geometry type is not allowed here; use ${s(p.allowed)}`,
  },
  InvalidGeometry: { vi: () => 'hình học không hợp lệ', en: () => 'is not a valid geometry' },
  InvalidCoordinate: {
    vi: () => 'toạ độ không hợp lệ (kinh độ −180…180, vĩ độ −90…90)',
    en: () => 'has an invalid coordinate (longitude −180…180, latitude −90…90)',
  },
  TooManyVertices: {
    vi: (p) => `có quá ${s(p.limit)} đỉnh`,
    en: (p) => `has more than ${s(p.limit)} positions`,
  },
  InvalidRing: {
    vi: () => 'vòng đa giác không khép kín hoặc quá ít điểm',
    en: () => 'has a ring that is not closed or too short',
  },
  SelfIntersection: { vi: () => 'đa giác tự cắt nhau', en: () => 'the polygon intersects itself' },
  OutsideProvince: { vi: () => 'nằm ngoài tỉnh Lào Cai', en: () => 'lies outside Lào Cai province' },
  NoDistrict: {
    vi: (p) => `không thuộc huyện nào (tại ${s(p.at)})`,
    en: (p) => `lies in no district (at ${s(p.at)})`,
  },
  NoLocation: {
    vi: () => 'không có vị trí: cần kinh độ/vĩ độ, WKT, hoặc tên/mã huyện hay xã',
    en: () => 'has no location: give lon/lat, WKT, or a district or commune name or code',
  },
  InvalidWkt: {
    vi: (p) => `WKT không đọc được: ${s(p.reason)}`,
    en: (p) => `WKT cannot be read: ${s(p.reason)}`,
  },
  UnknownPlace: {
    vi: (p) => `không tìm thấy huyện hay xã “${s(p.value)}” trong tỉnh Lào Cai`,
    en: (p) => `no district or commune “${s(p.value)}” in Lào Cai province`,
  },
  SwappedCoordinates: {
    vi: () => 'kinh độ và vĩ độ có vẻ bị đổi chỗ cho nhau',
    en: () => 'longitude and latitude seem swapped',
  },
  UnsupportedGeometry: {
    vi: (p) => `không nhập được loại hình học ${s(p.type)}`,
    en: (p) => `a ${s(p.type)} geometry cannot be imported`,
  },
  DuplicateRow: {
    vi: (p) => `trùng với dòng ${s(p.row)} trong cùng tệp`,
    en: (p) => `repeats row ${s(p.row)} of the same file`,
  },
  UnknownIndicator: {
    vi: (p) => `không có chỉ tiêu “${s(p.value)}” (có: ${s(p.allowed)})`,
    en: (p) => `no indicator “${s(p.value)}” (known: ${s(p.allowed)})`,
  },
  UnitMismatch: {
    vi: (p) => `đơn vị phải là “${s(p.expected)}”`,
    en: (p) => `the unit must be “${s(p.expected)}”`,
  },
  UnreadableFile: {
    vi: (p) => `không đọc được tệp ${s(p.format)}: ${s(p.reason)}`,
    en: (p) => `the ${s(p.format)} file cannot be read: ${s(p.reason)}`,
  },
  DamagedZip: {
    vi: () => 'tệp nén (zip) bị hỏng hoặc không đầy đủ',
    en: () => 'the zip file is damaged or truncated',
  },
  InvalidXml: {
    vi: (p) => `tệp KML không phải XML hợp lệ: ${s(p.reason)}`,
    en: (p) => `the KML is not well-formed XML: ${s(p.reason)}`,
  },
  InvalidJson: {
    vi: (p) => `tệp GeoJSON không phải JSON hợp lệ: ${s(p.reason)}`,
    en: (p) => `the GeoJSON is not valid JSON: ${s(p.reason)}`,
  },
  MalformedCsv: {
    vi: (p) => `tệp CSV sai cấu trúc ở dòng ${s(p.row)}: ${s(p.reason)}`,
    en: (p) => `the CSV is malformed at row ${s(p.row)}: ${s(p.reason)}`,
  },
  RaggedRows: {
    vi: (p) =>
      `dòng ${s(p.row)} có ${s(p.fields)} cột, dòng tiêu đề có ${s(p.expected)} (${s(p.count)} dòng lệch)`,
    en: (p) =>
      `row ${s(p.row)} has ${s(p.fields)} fields, the header has ${s(p.expected)} (${s(p.count)} rows differ)`,
  },
  NotAFeatureCollection: {
    vi: (p) => `GeoJSON phải là một FeatureCollection (tệp này là ${s(p.type)})`,
    en: (p) => `the GeoJSON must be a FeatureCollection (this one is ${s(p.type)})`,
  },
  UnsupportedCrs: {
    vi: (p) => `không hiểu hệ toạ độ ${s(p.crs)}`,
    en: (p) => `the coordinate system ${s(p.crs)} is not understood`,
  },
  MissingPrj: {
    vi: (p) => `lớp ${s(p.layer)} thiếu tệp .prj nên không biết hệ toạ độ; hãy thêm tệp .prj vào tệp zip`,
    en: (p) =>
      `layer ${s(p.layer)} has no .prj file, so its coordinate system is unknown; add the .prj to the zip`,
  },
  MissingDbf: {
    vi: (p) => `lớp ${s(p.layer)} thiếu tệp .dbf (thuộc tính)`,
    en: (p) => `layer ${s(p.layer)} has no .dbf file (its attributes)`,
  },
  NoShapefile: { vi: () => 'tệp zip không chứa tệp .shp nào', en: () => 'the zip holds no .shp file' },
  NoKml: { vi: () => 'tệp KMZ không chứa tệp .kml', en: () => 'the KMZ holds no .kml file' },
  NoRows: { vi: () => 'tệp không có dòng dữ liệu nào', en: () => 'the file holds no data rows' },
  MissingColumn: {
    vi: (p) => `thiếu cột ${s(p.column)}`,
    en: (p) => `the column ${s(p.column)} is missing`,
  },
  TooManyRows: {
    vi: (p) => `tệp có hơn ${s(p.limit)} dòng; hãy chia thành nhiều tệp`,
    en: (p) => `the file has more than ${s(p.limit)} rows; split it`,
  },
  FileTooLarge: {
    vi: (p) => `tệp lớn hơn giới hạn ${s(p.limitMb)} MB (${s(p.limit)} byte)`,
    en: (p) => `the file is larger than the ${s(p.limitMb)} MB limit (${s(p.limit)} bytes)`,
  },
  AllOutsideProvince: {
    vi: (p) =>
      `cả ${s(p.count)} đối tượng đều nằm ngoài tỉnh Lào Cai (ví dụ tại ${s(p.at)}): kiểm tra hệ toạ độ hoặc thứ tự kinh độ/vĩ độ`,
    en: (p) =>
      `all ${s(p.count)} features lie outside Lào Cai province (e.g. at ${s(p.at)}): check the coordinate system or the lon/lat order`,
  },
  ProvinceTotalMismatch: {
    vi: (p) =>
      `${s(p.indicator)} ${s(p.year)}: tổng các huyện là ${s(p.sum)}, tổng tỉnh theo bài báo là ${s(p.total)} (chênh ${s(p.difference)})`,
    en: (p) =>
      `${s(p.indicator)} ${s(p.year)}: the districts add up to ${s(p.sum)}, the article's province total is ${s(p.total)} (difference ${s(p.difference)})`,
  },
  ProvinceTotalDiffers: {
    vi: (p) =>
      `${s(p.indicator)} ${s(p.year)}: tổng tỉnh nhập vào là ${s(p.value)}, bài báo ghi ${s(p.total)} (chênh ${s(p.difference)})`,
    en: (p) =>
      `${s(p.indicator)} ${s(p.year)}: the imported province total is ${s(p.value)}, the article says ${s(p.total)} (difference ${s(p.difference)})`,
  },
  DuplicateInFile: {
    vi: (p) => `cùng tên và huyện với dòng ${s(p.row)} trong tệp`,
    en: (p) => `same name and district as row ${s(p.row)} of the file`,
  },
};

/** The message of a problem code in `lang`, from its params. */
export function messageFor(code: ProblemFieldCode | ImportWarningCode, params: Params, lang: Lang): string {
  return MESSAGES[code][lang](params);
}

/**
 * The user's language: the `lang` parameter when given, else the first of Accept-Language's
 * languages we have (vi, en), else Vietnamese.
 */
export function pickLang(lang: string | undefined, acceptLanguage: string | undefined): Lang {
  if (lang === 'vi' || lang === 'en') return lang;
  const tags = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag = '', q] = part.trim().split(';q=');
      return { tag: tag.toLowerCase(), q: q === undefined ? 1 : Number(q) };
    })
    .filter((t) => t.tag !== '' && Number.isFinite(t.q) && t.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of tags) {
    if (tag.startsWith('vi')) return 'vi';
    if (tag.startsWith('en')) return 'en';
  }
  return 'vi';
}

/** A problem's message in `lang`: the English text as made (it may name details), else from its code and params. */
export function localizeProblem<P extends { code: ProblemFieldCode; message: string; params?: Params }>(
  p: P,
  lang: Lang,
): P {
  return lang === 'en' ? p : { ...p, message: messageFor(p.code, p.params ?? {}, lang) };
}

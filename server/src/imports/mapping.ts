import type { JsonSchema } from '../catalog/catalog';
import { normalizeText } from '../contract/text';
import { isJsonObject } from '../writes/json-equal';

/**
 * Which column of a file is which property (issue 14). A mapping names, per column, a property
 * of the collection's schema, or one of the location roles below, or null (ignore the column).
 * Without a mapping the import suggests one from the header names: the property's own name, its
 * English title and Vietnamese title (`x-title-vi`) from the schema, the usual Vietnamese and
 * English header words staff use, and — for Shapefiles, whose DBF cuts names to 10 characters —
 * the one property a cut name begins.
 */

/** Columns that locate a row without being properties: lon/lat, WKT, a district or a commune. */
export const LOCATION_ROLES = ['$lon', '$lat', '$wkt', '$district', '$commune'] as const;
export type LocationRole = (typeof LOCATION_ROLES)[number];

/** Column name → property name or location role (null: not imported). */
export type Mapping = Record<string, string | null>;

/** Why a column was suggested for its target. */
export type SuggestionReason = 'name' | 'title' | 'synonym' | 'prefix';

export interface ColumnSuggestion {
  column: string;
  target: string | null;
  reason: SuggestionReason | null;
}

const key = (text: string): string =>
  normalizeText(text)
    .replace(/[_\-./()[\]:]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** Header words (normalised: no marks, lowercase) that mean a property or a role; extended per schema. */
const SYNONYMS: Record<string, string[]> = {
  $lon: ['lon', 'lng', 'long', 'longitude', 'kinh do', 'kinhdo', 'x', 'toa do x', 'kinh do e'],
  $lat: ['lat', 'latitude', 'vi do', 'vido', 'y', 'toa do y', 'vi do n'],
  $wkt: ['wkt', 'geometry', 'geom', 'the geom', 'wkt geom', 'hinh hoc', 'hinh hoc wkt'],
  $district: ['huyen', 'quan huyen', 'huyen thi xa thanh pho', 'district', 'district name', 'ten huyen'],
  $commune: ['xa', 'xa phuong', 'phuong xa', 'xa phuong thi tran', 'commune', 'ward', 'ten xa'],
  name: [
    'ten',
    'ten co so',
    'ten doanh nghiep',
    'ten don vi',
    'ten lang nghe',
    'ten cum',
    'ten cum cong nghiep',
    'ten dia diem',
    'facility',
    'facility name',
  ],
  name_en: ['ten tieng anh', 'english name', 'name en', 'ten en'],
  district_code: ['ma huyen', 'district code', 'ma quan huyen', 'ma dvhc huyen'],
  commune: ['xa', 'xa phuong', 'phuong xa', 'xa phuong thi tran', 'commune', 'ward', 'ten xa'],
  owner: ['chu so huu', 'chu co so', 'chu doanh nghiep', 'nguoi dai dien', 'owner', 'chu ho'],
  sector: ['nganh', 'nganh nghe', 'linh vuc', 'industry', 'nganh san xuat'],
  craft: ['nghe', 'nghe truyen thong', 'loai nghe', 'craft'],
  source: ['nguon', 'nguon du lieu', 'nguon tin'],
  source_url: ['duong dan', 'lien ket', 'url', 'link', 'source url', 'duong dan nguon'],
  confidence: ['do tin cay', 'muc tin cay'],
  notes: ['ghi chu', 'note', 'notes', 'mo ta', 'description'],
  support_year: ['nam ho tro'],
  support_type: ['hinh thuc ho tro', 'noi dung ho tro', 'loai ho tro'],
  support_amount_million_vnd: ['kinh phi ho tro', 'so tien ho tro', 'kinh phi', 'kinh phi trieu dong'],
  khuyen_cong_supported: ['duoc khuyen cong ho tro', 'khuyen cong', 'duoc ho tro'],
  location_precision: ['do chinh xac vi tri', 'do chinh xac'],
  location_uncertainty_km: ['sai so vi tri', 'sai so km', 'sai so'],
  location_method: ['cach xac dinh vi tri', 'phuong phap dinh vi'],
  status: ['trang thai', 'tinh trang'],
  area_ha: ['dien tich', 'dien tich ha', 'area', 'area ha'],
  kind: ['loai', 'phan loai', 'type'],
};

function properties(schema: JsonSchema): Record<string, JsonSchema> {
  return isJsonObject(schema.properties) ? (schema.properties as Record<string, JsonSchema>) : {};
}

/** Every target a mapping may name for this schema: its properties (not computed ones) and the location roles. */
export function mappingTargets(schema: JsonSchema): string[] {
  const props = Object.entries(properties(schema))
    .filter(([, p]) => p['x-computed'] !== true)
    .map(([name]) => name);
  return [...props, ...LOCATION_ROLES];
}

/** The names each target is recognised by, strongest first. */
function namesOf(
  schema: JsonSchema,
): Map<string, { names: Set<string>; titles: Set<string>; synonyms: Set<string> }> {
  const out = new Map<string, { names: Set<string>; titles: Set<string>; synonyms: Set<string> }>();
  const props = properties(schema);
  for (const target of mappingTargets(schema)) {
    const p = props[target] ?? {};
    const titles = [p.title, p['x-title-vi']].filter((t): t is string => typeof t === 'string').map(key);
    out.set(target, {
      names: new Set(target.startsWith('$') ? [] : [key(target), target.toLowerCase()]),
      titles: new Set(titles),
      synonyms: new Set((SYNONYMS[target] ?? []).map(key)),
    });
  }
  // A district or commune column feeds the property when the schema has it (it also locates the row).
  if (props.district_code) out.delete('$district');
  if (props.commune) out.delete('$commune');
  if (props.district_code) {
    for (const s of SYNONYMS.$district ?? []) out.get('district_code')?.synonyms.add(key(s));
  }
  return out;
}

/**
 * Suggested mapping of the columns: each column to the best target not taken by an earlier,
 * better match (exact property name, then title, then header synonym, then a 10-character DBF
 * prefix), or null.
 */
export function suggestMapping(columns: readonly string[], schema: JsonSchema): ColumnSuggestion[] {
  const targets = namesOf(schema);
  const taken = new Set<string>();
  const chosen = new Map<string, ColumnSuggestion>();
  const passes: [SuggestionReason, (column: string, target: string) => boolean][] = [
    [
      'name',
      (c, t) =>
        targets.get(t)?.names.has(key(c)) === true || targets.get(t)?.names.has(c.toLowerCase()) === true,
    ],
    ['title', (c, t) => targets.get(t)?.titles.has(key(c)) === true],
    ['synonym', (c, t) => targets.get(t)?.synonyms.has(key(c)) === true],
    [
      'prefix',
      (c, t) => {
        if (c.length !== 10 || t.startsWith('$')) return false;
        const starts = [...targets.keys()].filter((x) => x.toLowerCase().startsWith(c.toLowerCase()));
        return starts.length === 1 && starts[0] === t;
      },
    ],
  ];
  for (const [reason, matches] of passes) {
    for (const column of columns) {
      if (chosen.has(column)) continue;
      const target = [...targets.keys()].find((t) => !taken.has(t) && matches(column, t));
      if (target === undefined) continue;
      taken.add(target);
      chosen.set(column, { column, target, reason });
    }
  }
  return columns.map((column) => chosen.get(column) ?? { column, target: null, reason: null });
}

/** A mapping object from suggestions. */
export function mappingOf(suggestions: readonly ColumnSuggestion[]): Mapping {
  return Object.fromEntries(suggestions.map((s) => [s.column, s.target]));
}

/**
 * Problems with a mapping given by the client (checked before the file is read): a target that
 * is neither a property of the schema nor a location role, or a target named by two columns.
 */
export function mappingProblems(mapping: Mapping, schema: JsonSchema): string[] {
  const targets = new Set(mappingTargets(schema));
  const problems: string[] = [];
  const used = new Map<string, string>();
  for (const [column, target] of Object.entries(mapping)) {
    if (target === null || target === '') continue;
    if (!targets.has(target))
      problems.push(
        `column '${column}': '${target}' is not a property of this collection nor a location role (${LOCATION_ROLES.join(', ')})`,
      );
    const other = used.get(target);
    if (other !== undefined)
      problems.push(`'${target}' is named by two columns ('${other}' and '${column}')`);
    used.set(target, column);
  }
  return problems;
}

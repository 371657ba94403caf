/**
 * geodata/schema/collections.json, the catalog: its format (one schema, used by the server at
 * start and by `npm run geodata:check`) and the defaults of the presentation hints, so every
 * collection the API describes has a complete `display` (see geodata/README.md, "Catalog").
 */
import type Ajv2020 from 'ajv/dist/2020';
import { type Static, Type } from 'typebox';
import { DisplayHints } from '../../server/src/contract/collections';
import { LocalizedText } from '../../server/src/contract/common';
import { SiteConfig } from '../../server/src/contract/site';
import { GEOMETRY_TYPES, type GeometryType } from '../../server/src/contract/vocabulary';
import { createAjv, describeSchemaError } from './json-schema';

export const CatalogEntry = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z][a-z0-9-]{0,63}$' }),
    title: LocalizedText,
    description: LocalizedText,
    /** The dataset, beside collections.json's folder (geodata/<file>). */
    file: Type.String({ pattern: '^[a-z0-9][a-z0-9-]*\\.geojson$' }),
    /** The JSON Schema of a feature's properties, in geodata/schema/. */
    schema: Type.String({ pattern: '^[a-z0-9][a-z0-9-]*\\.schema\\.json$' }),
    geometryTypes: Type.Array(Type.Enum(GEOMETRY_TYPES), { minItems: 1, uniqueItems: true }),
    queryables: Type.Array(Type.String(), { uniqueItems: true }),
    search: Type.Array(Type.String(), { uniqueItems: true }),
    /** The property that names a feature; default `name`. */
    label: Type.Optional(Type.String()),
    /** Staff may add, change and delete its features; default false. */
    editable: Type.Optional(Type.Boolean()),
    /** Presentation hints; each one left out gets its default (defaultDisplay). */
    display: Type.Optional(Type.Partial(DisplayHints)),
    /** Its features get a computed `site` member: distances to these landmarks (issue 15); default null. */
    site: Type.Optional(SiteConfig),
    /** GET /api/nearby lists its features by default; default false. */
    nearby: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type CatalogEntry = Static<typeof CatalogEntry>;

export const CatalogFile = Type.Object(
  { collections: Type.Array(CatalogEntry, { minItems: 1 }) },
  { additionalProperties: false },
);

/** A catalog entry with every default applied. */
export type CatalogCollection = Omit<CatalogEntry, 'label' | 'editable' | 'display' | 'site' | 'nearby'> & {
  label: string;
  editable: boolean;
  display: DisplayHints;
  site: SiteConfig | null;
  nearby: boolean;
};

const POINTS: readonly GeometryType[] = ['Point', 'MultiPoint'];
const AREAS: readonly GeometryType[] = ['Polygon', 'MultiPolygon'];

/**
 * The hints of a collection that sets none: drawn by its geometry types, grey, labelled from
 * zoom 10, in catalog order (`order` = 10 × its position + 10), a toggle of its own keyed by its
 * id, the district filter when `district_code` is queryable.
 */
export function defaultDisplay(entry: CatalogEntry, index: number): DisplayHints {
  const types = entry.geometryTypes;
  const geometry = types.every((t) => POINTS.includes(t))
    ? 'point'
    : types.every((t) => AREAS.includes(t))
      ? 'area'
      : 'point-or-area';
  return {
    geometry,
    symbol: geometry === 'area' ? 'fill' : 'circle',
    size: 6,
    color: '#777777',
    colorBy: null,
    symbolBy: null,
    cluster: null,
    label: { minZoom: 10, priority: 50 },
    order: 10 * index + 10,
    legend: entry.display?.colorBy ? 'categories' : 'swatch',
    filters: entry.queryables.includes('district_code') ? ['district_code'] : [],
    toggle: { key: entry.id, visible: true },
    pickable: true,
    frame: false,
    choropleth: null,
  };
}

export type CatalogRead =
  | { valid: true; collections: CatalogCollection[] }
  | { valid: false; problems: string[] };

/** Cross-entry rules the schema cannot state: unique ids and toggle keys, hints naming their properties. */
function crossProblems(collections: CatalogCollection[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  const keys = new Set<string>();
  for (const c of collections) {
    if (seen.has(c.id)) problems.push(`collection id '${c.id}' is used twice`);
    seen.add(c.id);
    for (const key of [c.display.toggle?.key, c.display.choropleth?.toggle.key]) {
      if (key === undefined) continue;
      if (keys.has(key)) problems.push(`${c.id}: layer toggle key '${key}' is used twice`);
      keys.add(key);
    }
    const { colorBy, symbolBy } = c.display;
    for (const hint of [colorBy, symbolBy]) {
      if (hint && !c.queryables.includes(hint.property)) {
        problems.push(`${c.id}: display hint property '${hint.property}' must be one of its queryables`);
      }
    }
    for (const f of c.display.filters) {
      if (!c.queryables.includes(f)) problems.push(`${c.id}: filter '${f}' must be one of its queryables`);
    }
    problems.push(...siteProblems(c, collections));
  }
  return problems;
}

/** A `site` hint names an existing collection, unique keys, and filters on that collection's queryables. */
function siteProblems(c: CatalogCollection, collections: CatalogCollection[]): string[] {
  if (!c.site) return [];
  const landmarks = collections.find((x) => x.id === c.site?.landmarks);
  if (!landmarks) return [`${c.id}: site landmarks '${c.site.landmarks}' is not a collection`];
  const problems: string[] = [];
  const keys = new Set<string>();
  for (const m of c.site.measures) {
    if (keys.has(m.key)) problems.push(`${c.id}: site measure '${m.key}' is used twice`);
    keys.add(m.key);
    for (const p of Object.keys(m.where)) {
      if (!landmarks.queryables.includes(p))
        problems.push(
          `${c.id}: site measure '${m.key}' filters on '${p}', not a queryable of ${landmarks.id}`,
        );
    }
    if (m.sameDistrict && !landmarks.queryables.includes('district_code'))
      problems.push(
        `${c.id}: site measure '${m.key}' needs district_code, not a queryable of ${landmarks.id}`,
      );
  }
  return problems;
}

/** Validates parsed collections.json and applies the defaults; the problems name the entry and field. */
export function readCatalogFile(json: unknown, ajv: Ajv2020 = createAjv()): CatalogRead {
  const validate = ajv.compile<Static<typeof CatalogFile>>(CatalogFile);
  if (!validate(json)) {
    return {
      valid: false,
      problems: (validate.errors ?? []).map((e) => `collections.json ${describeSchemaError(e, '(root)')}`),
    };
  }
  const collections = json.collections.map(
    (entry, i): CatalogCollection => ({
      ...entry,
      label: entry.label ?? 'name',
      editable: entry.editable ?? false,
      display: { ...defaultDisplay(entry, i), ...entry.display },
      site: entry.site ?? null,
      nearby: entry.nearby ?? false,
    }),
  );
  const problems = crossProblems(collections);
  return problems.length === 0 ? { valid: true, collections } : { valid: false, problems };
}

/**
 * geodata/schema/collections.json, the catalog: its format (one schema, used by the server at
 * start and by `npm run geodata:check`) and the defaults of the presentation hints, so every
 * collection the API describes has a complete `display` (see geodata/README.md, "Catalog").
 */
import type Ajv2020 from 'ajv/dist/2020';
import { type Static, Type } from 'typebox';
import { DisplayHints, LINK_PARAMS, POINT_SYMBOLS } from '../../server/src/contract/collections';
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
    /**
     * Properties `sortby` may order the items by (OGC API – Features Part 8, `/sortables`): each
     * one costs an index per store, so few; default the label alone.
     */
    sortables: Type.Optional(Type.Array(Type.String(), { uniqueItems: true, maxItems: 8 })),
    /** The property that names a feature; default `name`. */
    label: Type.Optional(Type.String()),
    /**
     * The year-valued property (integer) that the OGC `datetime` parameter filters on, when the
     * collection has one; none = `datetime` matches every feature (OGC API – Features Part 1).
     */
    temporal: Type.Optional(Type.String()),
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

/** The district filter every collection with a queryable `district_code` gets by default. */
export const DISTRICT_FILTER = { property: 'district_code', key: 'district' } as const;

/**
 * The hints of a collection that sets none: drawn by its geometry types, grey, labelled from
 * zoom 10, in catalog order (`order` = 10 × its position + 10), a toggle of its own keyed by its
 * id, the district filter when `district_code` is queryable; points spread, show their
 * uncertainty and are listed; a frame or choropleth collection is not listed.
 */
export function defaultDisplay(entry: CatalogEntry, index: number): DisplayHints {
  const types = entry.geometryTypes;
  const geometry = types.every((t) => POINTS.includes(t))
    ? 'point'
    : types.every((t) => AREAS.includes(t))
      ? 'area'
      : 'point-or-area';
  const given = entry.display ?? {};
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
    legend: given.colorBy || given.symbolBy ? 'categories' : 'swatch',
    legendLabel: null,
    itemTitle: null,
    filters: entry.queryables.includes(DISTRICT_FILTER.property) ? [{ ...DISTRICT_FILTER }] : [],
    toggle: { key: entry.id, visible: true },
    pickable: true,
    frame: false,
    choropleth: null,
    areaFilter: null,
    context: false,
    spread: geometry !== 'area',
    uncertainty: geometry !== 'area',
    searchRank: 50,
    listed: !given.frame && !given.choropleth,
  };
}

/** The hints with the defaults applied; a toggle without a title takes the collection's. */
function withDefaults(entry: CatalogEntry, index: number): DisplayHints {
  const display: DisplayHints = { ...defaultDisplay(entry, index), ...entry.display };
  const titled = <T extends { title?: LocalizedText }>(t: T): T => ({ ...t, title: t.title ?? entry.title });
  return {
    ...display,
    toggle: display.toggle && titled(display.toggle),
    choropleth: display.choropleth && { ...display.choropleth, toggle: titled(display.choropleth.toggle) },
  };
}

export type CatalogRead =
  | { valid: true; collections: CatalogCollection[] }
  | { valid: false; problems: string[] };

/** Problems of one entry's hints: every property a hint names must be queryable (or exist, for areas). */
function hintProblems(c: CatalogCollection): string[] {
  const problems: string[] = [];
  const { colorBy, symbolBy, filters, areaFilter, geometry, symbol } = c.display;
  for (const hint of [colorBy, symbolBy]) {
    if (hint && !c.queryables.includes(hint.property)) {
      problems.push(`${c.id}: display hint property '${hint.property}' must be one of its queryables`);
    }
  }
  for (const f of filters) {
    if (!c.queryables.includes(f.property))
      problems.push(`${c.id}: filter '${f.property}' must be one of its queryables`);
  }
  if (areaFilter && !c.queryables.includes(areaFilter.property))
    problems.push(`${c.id}: area filter property '${areaFilter.property}' must be one of its queryables`);
  const pointSymbol = (POINT_SYMBOLS as readonly string[]).includes(symbol);
  if (geometry === 'area' && pointSymbol) problems.push(`${c.id}: an area is drawn as 'fill' or 'outline'`);
  if (geometry !== 'area' && !pointSymbol) problems.push(`${c.id}: points are drawn with a point symbol`);
  return problems;
}

/**
 * Cross-entry rules the schema cannot state: unique ids and toggle keys, hints naming their
 * properties, filter keys that are no link parameter of the client, one filter key per area filter.
 */
function crossProblems(collections: CatalogCollection[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  const keys = new Set<string>();
  const areaFilters = new Set<string>();
  for (const c of collections) {
    if (seen.has(c.id)) problems.push(`collection id '${c.id}' is used twice`);
    seen.add(c.id);
    for (const key of [c.display.toggle?.key, c.display.choropleth?.toggle.key]) {
      if (key === undefined) continue;
      if (keys.has(key)) problems.push(`${c.id}: layer toggle key '${key}' is used twice`);
      keys.add(key);
    }
    const area = c.display.areaFilter?.key;
    if (area !== undefined && areaFilters.has(area))
      problems.push(`${c.id}: area filter key '${area}' is used twice`);
    if (area !== undefined) areaFilters.add(area);
    for (const key of [...c.display.filters.map((f) => f.key), ...(area === undefined ? [] : [area])]) {
      if ((LINK_PARAMS as readonly string[]).includes(key))
        problems.push(
          `${c.id}: filter key '${key}' is a link parameter of the map (${LINK_PARAMS.join(', ')})`,
        );
    }
    problems.push(...hintProblems(c));
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
      display: withDefaults(entry, i),
      site: entry.site ?? null,
      nearby: entry.nearby ?? false,
    }),
  );
  const problems = crossProblems(collections);
  return problems.length === 0 ? { valid: true, collections } : { valid: false, problems };
}

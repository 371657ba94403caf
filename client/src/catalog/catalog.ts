/**
 * The catalog as the client uses it: the collections `/api/collections` describes, in catalog
 * order, each with its property schema (`/api/collections/{id}/schema`), and what the UI is built
 * from: the layer toggles, the filters, the editable set and the roles collections play (the
 * map's frame, the areas of the choropleth). Built once from the API at start (pure). Nothing else
 * in the client names a collection: every per-collection choice is a hint of `display`
 * (geodata/README.md, "Catalog").
 */
import type {
  CollectionInfo,
  DisplayHints,
  LocalizedText,
  SiteConfig,
} from '../../../server/src/contract/api';
import { type PropertySchema, propertyLabel } from '../api/schema';
import type { LinkSchema } from '../lib/urlState';

export interface CatalogCollection {
  id: string;
  /** The layer's name (`/api/collections` localized title). */
  title: LocalizedText;
  /**
   * What one feature is called: the `itemTitle` hint, else the schema's title (e.g. "Craft
   * village"), else the layer's name.
   */
  itemTitle: LocalizedText;
  /** The property that names a feature (its English variant is `<label>_en`). */
  label: string;
  /** Properties the search box matches. */
  search: readonly string[];
  geometryTypes: readonly string[];
  /** Staff may edit it (the server still decides per user). */
  editable: boolean;
  display: DisplayHints;
  /** Its features carry a computed `site` (distances, issue 15): the measures with their titles; else null. */
  site: SiteConfig | null;
  /** Its property schema; undefined when it could not be loaded (labels fall back to raw names). */
  schema: PropertySchema | undefined;
}

/** A layer toggle of the layers panel: a collection's own, or the choropleth of its areas. */
export interface LayerToggleDef {
  key: string;
  visible: boolean;
  title: LocalizedText;
  collection: string;
  kind: 'layer' | 'choropleth';
}

/** A filter of the filters panel (and a parameter of shared links), possibly over several collections. */
export interface FilterDef {
  key: string;
  title: LocalizedText;
  /** The collections it narrows, each on its own property. */
  targets: readonly { collection: string; property: string }[];
  /** An area filter: its choices are these areas, matched on `property`; the chosen one is outlined. */
  area?: { collection: string; property: string };
}

export interface Catalog {
  collections: readonly CatalogCollection[];
  get(id: string): CatalogCollection | undefined;
  /** The map's frame (first view, basemap land, boundary credit), if a collection is one. */
  frame: CatalogCollection | undefined;
  /** The areas indicators are drawn on (the choropleth), if any. */
  choropleth: CatalogCollection | undefined;
  toggles: readonly LayerToggleDef[];
  filters: readonly FilterDef[];
  editable: ReadonlySet<string>;
}

function schemaTitle(schema: PropertySchema | undefined): LocalizedText | undefined {
  if (!schema?.title) return undefined;
  return { vi: schema['x-title-vi'] ?? schema.title, en: schema.title };
}

function propertyTitle(schema: PropertySchema | undefined, property: string): LocalizedText {
  return { vi: propertyLabel(schema, property, 'vi'), en: propertyLabel(schema, property, 'en') };
}

function toggleDefs(collections: readonly CatalogCollection[]): LayerToggleDef[] {
  const out: LayerToggleDef[] = [];
  for (const c of collections) {
    const { choropleth, toggle } = c.display;
    if (choropleth) {
      const t = choropleth.toggle;
      out.push({ ...t, title: t.title ?? c.title, collection: c.id, kind: 'choropleth' });
    }
    if (toggle) out.push({ ...toggle, title: toggle.title ?? c.title, collection: c.id, kind: 'layer' });
  }
  return out;
}

/** Area filters first, then the others in the order collections name them; one per key. */
function filterDefs(collections: readonly CatalogCollection[]): FilterDef[] {
  const keys = new Set<string>();
  for (const c of collections) if (c.display.areaFilter) keys.add(c.display.areaFilter.key);
  for (const c of collections) for (const f of c.display.filters) keys.add(f.key);
  return [...keys].map((key): FilterDef => {
    const areas = collections.find((c) => c.display.areaFilter?.key === key);
    const uses = collections.flatMap((c) =>
      c.display.filters.filter((f) => f.key === key).map((f) => ({ c, f })),
    );
    const first = uses[0];
    const title =
      areas?.display.areaFilter?.title ??
      uses.find((u) => u.f.title)?.f.title ??
      areas?.itemTitle ??
      (first ? propertyTitle(first.c.schema, first.f.property) : { vi: key, en: key });
    const area = areas?.display.areaFilter;
    return {
      key,
      title,
      targets: uses.map((u) => ({ collection: u.c.id, property: u.f.property })),
      ...(areas && area ? { area: { collection: areas.id, property: area.property } } : {}),
    };
  });
}

/** The catalog from `/api/collections` and the schemas loaded for it (by collection id). */
export function buildCatalog(
  infos: readonly CollectionInfo[],
  schemas: Readonly<Record<string, PropertySchema | undefined>>,
): Catalog {
  const collections = infos.map((info): CatalogCollection => {
    const schema = schemas[info.id];
    return {
      id: info.id,
      title: info.localized.title,
      itemTitle: info.display.itemTitle ?? schemaTitle(schema) ?? info.localized.title,
      label: info.label,
      search: info.search,
      geometryTypes: info.geometryTypes,
      editable: info.editable,
      display: info.display,
      site: info.site ?? null,
      schema,
    };
  });
  const byId = new Map(collections.map((c) => [c.id, c]));
  return {
    collections,
    get: (id) => byId.get(id),
    frame: collections.find((c) => c.display.frame),
    choropleth: collections.find((c) => c.display.choropleth !== null),
    toggles: toggleDefs(collections),
    filters: filterDefs(collections),
    editable: new Set(collections.filter((c) => c.editable).map((c) => c.id)),
  };
}

/** Whether the collection is drawn with these layer toggles on (one without a toggle always is). */
export function isShown(c: CatalogCollection, visible: ReadonlySet<string>): boolean {
  return c.display.toggle === null || visible.has(c.display.toggle.key);
}

/** Whether it is drawn as point symbols (alone or beside areas). */
export function hasPoints(c: CatalogCollection): boolean {
  return c.display.geometry !== 'area';
}

/** The keys a shared link may hold (lib/urlState): the catalog's layer toggles and filters. */
export function linkSchema(catalog: Catalog): LinkSchema {
  return {
    layers: catalog.toggles.map((t) => ({ key: t.key, visible: t.visible })),
    filters: catalog.filters.map((f) => f.key),
  };
}

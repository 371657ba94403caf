/**
 * GET /api/collections and /api/collections/{id}: OGC API collection descriptions plus what our
 * client needs to draw, list, search and edit a collection with no code of its own (issue 9):
 * titles in both languages, the label and search properties, whether it is editable, and the
 * presentation hints (`display`). Each hint is documented in geodata/README.md.
 */
import { type Static, Type } from 'typebox';
import { Link, LocalizedText } from './common';
import { SiteConfig } from './site';
import { GEOMETRY_TYPES } from './vocabulary';

/** How features are drawn: points, areas, or either (a cluster may be a point or a polygon). */
export const GEOMETRY_KINDS = ['point', 'area', 'point-or-area'] as const;
/**
 * Named point symbols. The client draws each on a canvas (client/src/map/layers/symbols.ts; no
 * image in the catalog): plain shapes, and pictograms: `industry` (a square with a factory),
 * `gate` (border gate), `rail` (railway station), `expressway` (road shield), `seat` (ring and dot).
 */
export const POINT_SYMBOLS = [
  'circle',
  'square',
  'diamond',
  'triangle',
  'industry',
  'gate',
  'rail',
  'expressway',
  'seat',
] as const;
export type PointSymbol = (typeof POINT_SYMBOLS)[number];
/** Area symbols: `fill` (filled polygons) or `outline` (borders only). */
export const AREA_SYMBOLS = ['fill', 'outline'] as const;
export const SYMBOLS = [...POINT_SYMBOLS, ...AREA_SYMBOLS] as const;
/**
 * What the legend shows under the layer toggle: one entry per value of the `colorBy` (else
 * `symbolBy`) property present, one symbol entry (and the group bubble when clustered), one line
 * (an outline), or nothing.
 */
export const LEGEND_KINDS = ['categories', 'swatch', 'outline', 'none'] as const;
/** The palette name for "categorical colours over the values present, in schema enum order". */
export const CATEGORICAL_PALETTE = 'categorical';
/**
 * The client's own parameters of a shared link (`#map=…&layers=…`); a filter's `key` is a link
 * parameter too, so it must not be one of these.
 */
export const LINK_PARAMS = ['map', 'layers', 'ind', 'year', 'sel', 'base', 'lang'] as const;

const Color = Type.String({ pattern: '^#[0-9a-fA-F]{6}$', description: 'CSS hex colour #rrggbb' });
const Zoom = Type.Number({ minimum: 0, maximum: 24 });
const Rank = Type.Integer({ minimum: 0, maximum: 100 });
/** A key in a shared link: a layer toggle in `layers=`, or a filter's own parameter. */
const LinkKey = Type.String({ pattern: '^[a-z][a-z0-9-]{0,31}$' });

/** A layer toggle in the layers panel: its key (in the URL's `layers=`), first visibility, name. */
export const LayerToggle = Type.Object(
  {
    key: LinkKey,
    visible: Type.Boolean(),
    /** The toggle's text; default the collection's title. */
    title: Type.Optional(LocalizedText),
  },
  { additionalProperties: false },
);
export type LayerToggle = Static<typeof LayerToggle>;

/** A filter on an enum property, offered in the filters panel; its values come from the schema's enum. */
export const FilterHint = Type.Object(
  {
    property: Type.String(),
    /** Its parameter in a shared link (`#<key>=<value>`); collections that share a key share the filter. */
    key: LinkKey,
    /** The filter's label; default the property's title in the schema. */
    title: Type.Optional(LocalizedText),
  },
  { additionalProperties: false },
);
export type FilterHint = Static<typeof FilterHint>;

export const DisplayHints = Type.Object(
  {
    geometry: Type.Enum(GEOMETRY_KINDS),
    symbol: Type.Enum(SYMBOLS),
    size: Type.Number({
      minimum: 1,
      maximum: 40,
      description:
        'px: the size of the point symbol (symbols chosen by symbolBy keep their proportion to it), or the outline width',
    }),
    color: Color,
    colorBy: Type.Union([
      Type.Null(),
      Type.Object(
        {
          property: Type.String(),
          palette: Type.Union([Type.Literal(CATEGORICAL_PALETTE), Type.Record(Type.String(), Color)]),
        },
        { additionalProperties: false },
      ),
    ]),
    symbolBy: Type.Union([
      Type.Null(),
      Type.Object(
        { property: Type.String(), symbols: Type.Record(Type.String(), Type.Enum(POINT_SYMBOLS)) },
        { additionalProperties: false },
      ),
    ]),
    cluster: Type.Union([
      Type.Null(),
      Type.Object(
        {
          maxZoom: Type.Integer({ minimum: 0, maximum: 24 }),
          radius: Type.Integer({ minimum: 1, maximum: 200 }),
          color: Color,
          /** The legend's text for a group; default a generic "group (count in the circle)". */
          label: Type.Optional(LocalizedText),
        },
        { additionalProperties: false },
      ),
    ]),
    label: Type.Union([
      Type.Null(),
      Type.Object({ minZoom: Zoom, priority: Rank }, { additionalProperties: false }),
    ]),
    order: Type.Integer({ minimum: 0, maximum: 1000 }),
    legend: Type.Enum(LEGEND_KINDS),
    /** The text of a `swatch` or `outline` legend entry; null = `itemTitle`. */
    legendLabel: Type.Union([Type.Null(), LocalizedText]),
    /** What one feature is called (search hits, lists, details); null = the schema's title. */
    itemTitle: Type.Union([Type.Null(), LocalizedText]),
    filters: Type.Array(FilterHint),
    toggle: Type.Union([Type.Null(), LayerToggle]),
    pickable: Type.Boolean(),
    frame: Type.Boolean(),
    choropleth: Type.Union([
      Type.Null(),
      Type.Object(
        {
          joinProperty: Type.String(),
          toggle: LayerToggle,
          order: Type.Integer({ minimum: 0, maximum: 1000 }),
        },
        { additionalProperties: false },
      ),
    ]),
    /** Its features are the choices of the filter `key`, matched on `property` (outlined and zoomed to when chosen). */
    areaFilter: Type.Union([
      Type.Null(),
      Type.Object(
        { key: LinkKey, property: Type.String(), title: Type.Optional(LocalizedText) },
        { additionalProperties: false },
      ),
    ]),
    /** The country context (neighbours, the international border) is drawn and listed in the legend with it. */
    context: Type.Boolean(),
    /** Its points take part in spreading features at the same place (each keeps its own symbol and label). */
    spread: Type.Boolean(),
    /** Approximate points are pale and show their uncertainty disc on hover and selection. */
    uncertainty: Type.Boolean(),
    /** Among search hits of equal quality, a lower rank comes first. */
    searchRank: Rank,
    /** Its features in view are listed in the List tab. */
    listed: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type DisplayHints = Static<typeof DisplayHints>;

const CRS84 = Type.String();

export const CollectionInfo = Type.Object(
  {
    id: Type.String(),
    title: Type.String(),
    description: Type.String(),
    itemType: Type.Literal('feature'),
    /** The CRSs `crs`, `bbox-crs` and `filter-crs` accept (OGC API – Features Part 2). */
    crs: Type.Array(CRS84, { minItems: 1 }),
    /** The CRS features are stored in (CRS84). */
    storageCrs: Type.Optional(CRS84),
    /** The year property `datetime` filters on; absent when the collection has none (every feature matches). */
    temporalProperty: Type.Optional(Type.String()),
    extent: Type.Object(
      {
        spatial: Type.Object(
          {
            bbox: Type.Array(Type.Array(Type.Number(), { minItems: 4, maxItems: 4 }), { minItems: 1 }),
            crs: CRS84,
          },
          { additionalProperties: false },
        ),
      },
      { additionalProperties: false },
    ),
    links: Type.Array(Link),
    localized: Type.Object(
      { title: LocalizedText, description: LocalizedText },
      { additionalProperties: false },
    ),
    geometryTypes: Type.Array(Type.Enum(GEOMETRY_TYPES), { minItems: 1 }),
    label: Type.String({ description: 'the property that names a feature' }),
    search: Type.Array(Type.String(), { description: 'the properties free-text search matches' }),
    queryables: Type.Array(Type.String()),
    editable: Type.Boolean(),
    display: DisplayHints,
    /** Its features carry a computed `site` (issue 15): the measures, with their titles, in row order. */
    site: Type.Union([SiteConfig, Type.Null()]),
    /** GET /api/nearby searches it by default. */
    nearby: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type CollectionInfo = Static<typeof CollectionInfo>;

export const CollectionsResponse = Type.Object(
  { collections: Type.Array(CollectionInfo), links: Type.Array(Link) },
  { additionalProperties: false },
);
export type CollectionsResponse = Static<typeof CollectionsResponse>;

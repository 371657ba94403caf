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
/** Point shapes, and for areas `fill` (filled polygons) or `outline` (borders only). */
export const POINT_SYMBOLS = ['circle', 'square', 'diamond', 'triangle'] as const;
export const SYMBOLS = [...POINT_SYMBOLS, 'fill', 'outline'] as const;
/** What the legend shows under the layer toggle. */
export const LEGEND_KINDS = ['categories', 'swatch', 'choropleth', 'none'] as const;
/** The palette name for "categorical colours over the values present, in schema enum order". */
export const CATEGORICAL_PALETTE = 'categorical';

const Color = Type.String({ pattern: '^#[0-9a-fA-F]{6}$', description: 'CSS hex colour #rrggbb' });
const Zoom = Type.Number({ minimum: 0, maximum: 24 });
const LayerKey = Type.String({ pattern: '^[a-z][a-z0-9-]{0,31}$' });

/** A layer toggle in the layers panel: its key (in the URL's `layers=`) and first visibility. */
export const LayerToggle = Type.Object(
  { key: LayerKey, visible: Type.Boolean() },
  { additionalProperties: false },
);

export const DisplayHints = Type.Object(
  {
    geometry: Type.Enum(GEOMETRY_KINDS),
    symbol: Type.Enum(SYMBOLS),
    size: Type.Number({ minimum: 1, maximum: 40, description: 'point radius, or outline width, in px' }),
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
        },
        { additionalProperties: false },
      ),
    ]),
    label: Type.Union([
      Type.Null(),
      Type.Object(
        { minZoom: Zoom, priority: Type.Integer({ minimum: 0, maximum: 100 }) },
        { additionalProperties: false },
      ),
    ]),
    order: Type.Integer({ minimum: 0, maximum: 1000 }),
    legend: Type.Enum(LEGEND_KINDS),
    filters: Type.Array(Type.String()),
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
    crs: Type.Array(CRS84),
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

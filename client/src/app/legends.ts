import { enumTitle } from '../api/schema';
import type { Catalog, CatalogCollection } from '../catalog/catalog';
import {
  colorOf,
  legendProperty,
  pointSymbol,
  presentValues,
  symbolOf,
  type ValueColors,
} from '../catalog/presentation';
import type { LegendModel } from '../features/layers/LayersPanel';
import type { Lang } from '../lib/format';
import { scaledSize, symbolId } from '../map/layers/symbols';
import { type FeaturesByCollection, featuresOf } from './derive';

function symbolIconOf(c: CatalogCollection, colors: ValueColors, value: string | undefined): string {
  const base = pointSymbol(c);
  const shape = symbolOf(c, value);
  return symbolId(shape, colorOf(c, colors, value), false, scaledSize(shape, base, c.display.size));
}

/** The legend of one collection's own toggle. */
export function collectionLegend(
  c: CatalogCollection,
  shown: FeaturesByCollection,
  colors: ValueColors,
  lang: Lang,
): LegendModel {
  const d = c.display;
  const itemTitle = (d.legendLabel ?? c.itemTitle)[lang];
  const features = featuresOf(shown, c.id);
  switch (d.legend) {
    case 'categories': {
      const property = legendProperty(c);
      if (!property) return { kind: 'none' };
      const entries = presentValues(c, property, features).map((value) => ({
        value,
        label: enumTitle(c.schema, property, value, lang),
        color: colorOf(c, colors, value),
        icon: d.geometry === 'area' ? undefined : symbolIconOf(c, colors, value),
      }));
      return { kind: 'categories', entries };
    }
    case 'swatch':
      return {
        kind: 'swatch',
        shown: features.length,
        color: d.color,
        icon: d.geometry === 'area' ? undefined : symbolIconOf(c, colors, undefined),
        label: itemTitle,
        ...(d.cluster ? { group: { color: d.cluster.color, label: d.cluster.label?.[lang] } } : {}),
      };
    case 'outline':
      return { kind: 'lines', context: d.context, line: { color: d.color, label: itemTitle } };
    case 'none':
      return d.context ? { kind: 'lines', context: true } : { kind: 'none' };
  }
}

/** The legend under every layer toggle, by toggle key. */
export function legendsFor(
  catalog: Catalog,
  shown: FeaturesByCollection,
  colors: Readonly<Record<string, ValueColors>>,
  lang: Lang,
): Record<string, LegendModel> {
  const out: Record<string, LegendModel> = {};
  for (const toggle of catalog.toggles) {
    const c = catalog.get(toggle.collection);
    if (!c) continue;
    out[toggle.key] =
      toggle.kind === 'choropleth'
        ? { kind: 'choropleth' }
        : collectionLegend(c, shown, colors[c.id] ?? {}, lang);
  }
  return out;
}

import type { StyleSpecification } from 'maplibre-gl';

/** Prefix of the sources and layers terra-draw's MapLibre adapter adds (its default `prefixId`). */
export const DRAW_PREFIX = 'td-';

/**
 * For `map.setStyle(next, { diff: true, transformStyle: keepDrawLayers })` in the component that
 * owns the map: keeps the drawing tool's sources and layers (ids starting `td-`), which are not
 * part of the app's style data and would otherwise be removed by the diff while someone edits.
 * Pure; the drawing layers stay on top.
 */
export function keepDrawLayers(
  previous: StyleSpecification | undefined,
  next: StyleSpecification,
): StyleSpecification {
  if (!previous) return next;
  const sources = Object.fromEntries(
    Object.entries(previous.sources ?? {}).filter(
      ([id]) => id.startsWith(DRAW_PREFIX) && !(id in next.sources),
    ),
  );
  const ids = new Set(next.layers.map((l) => l.id));
  const layers = previous.layers.filter((l) => l.id.startsWith(DRAW_PREFIX) && !ids.has(l.id));
  if (layers.length === 0 && Object.keys(sources).length === 0) return next;
  return { ...next, sources: { ...next.sources, ...sources }, layers: [...next.layers, ...layers] };
}
